//! File helpers every shell module may use, and that use nothing of capra but [`crate::hash`]:
//! reading a text file with a size limit, writing a file atomically, hashing a file, the lock
//! that keeps two capras from writing one assessment, and today's date.

//!
//! Saving is atomic: the new bytes go to a temporary file in the same folder, which is flushed
//! and synced to disk, then renamed over the old file, and the folder is synced. A crash or a full
//! disk at any moment leaves either the old complete file or the new complete file, never a
//! mixture. The file keeps the permissions it had.
//!
//! Just over 600 lines with its tests (about 550 without).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest model or assessment file capra reads. The shipped ISMS model is about 200 KB and
/// an assessment of a thousand processes a few megabytes; a larger file is almost surely the
/// wrong file, and reading it whole would only make capra slow.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a text file could not be read. The message says what is wrong and what to do; the file's
/// path is added by whoever reads it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file (check the path, or create one with `capra new`)")]
    NotFound(#[source] io::Error),
    #[error("permission denied (check the file's and folder's permissions)")]
    PermissionDenied(#[source] io::Error),
    #[error(transparent)]
    Io(io::Error),
    #[error("it is a folder, not a file")]
    Folder,
    #[error(
        "it is {0}, not a regular file: capra reads assessments and models only from regular files"
    )]
    Special(&'static str),
    #[error(
        "it is {:.1} MB, larger than capra reads ({} MB): is it the right file?",
        *.size as f64 / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    )]
    TooLarge { size: u64 },
    #[error(
        "it is not UTF-8 text (a byte that is not valid UTF-8 at offset {offset}): save it as UTF-8"
    )]
    NotUtf8 { offset: usize },
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound(e),
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied(e),
            io::ErrorKind::IsADirectory => ReadError::Folder,
            _ => ReadError::Io(e),
        }
    }
}

/// Reads a text file of at most [`MAX_FILE_BYTES`]. The limit holds whatever size the file
/// claims to have: at most one byte more than the limit is ever read.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    // A pipe would block and a device never end: refused before they are opened.
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::Special(kind));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// A file could not be written. Nothing was: the file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot save {}: {}. Nothing was written; the file is as it was.", .path.display(), write_reason(.source))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot save {}: it is read-only (its permissions allow no writing). If it is meant to change, make it writable first (`chmod u+w {}`). Nothing was written; the file is as it was.",
        .path.display(), .path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "cannot write {}: it is {kind}, not a regular file; capra writes only regular files. Give the path of a file.",
        .path.display()
    )]
    Special { path: PathBuf, kind: &'static str },
    #[error(
        "cannot save {}: {} is a file, not a folder, so nothing can be put in it. Give another path. Nothing was written.",
        .path.display(), .blocker.display()
    )]
    NotAFolder { path: PathBuf, blocker: PathBuf },
}

impl WriteError {
    /// An I/O failure while writing `path`.
    pub fn io(path: &Path, source: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a failed write means, in words that say what to do.
fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => {
            "permission denied: the folder is read-only or not yours (save elsewhere with a copy of the file)".to_string()
        }
        io::ErrorKind::StorageFull => "the disk is full (free some space and save again)".to_string(),
        io::ErrorKind::NotFound => "its folder does not exist".to_string(),
        _ => e.to_string(),
    }
}

/// What kind of thing a path is when it is not a regular file: "a folder", "a device", ...
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Writes bytes to `path` atomically (temporary file, sync, rename, sync folder). A symbolic
/// link is followed: the file it points to gets the bytes and the link stays a link. A file
/// that is read-only, or a path that is not a regular file (a folder, a device, a pipe), is
/// refused and left alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// [`write_atomic`] with the writing step given, so that tests can make it fail the way a full
/// disk does.
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    put: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = real_path(path);
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if let Some(kind) = special_kind(meta) {
            return Err(WriteError::Special {
                path: path.to_path_buf(),
                kind,
            });
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
    }
    let err = |source: io::Error| WriteError::io(path, source);
    let dir = folder_of(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(".capra-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    put(tmp.as_file_mut(), bytes).map_err(err)?;
    tmp.flush().map_err(err)?;
    match &existing {
        // Keep the permissions of the file being replaced.
        Some(meta) => {
            let _ = tmp.as_file().set_permissions(meta.permissions());
        }
        // A new file: the usual permissions for a document, not the temporary file's 0600.
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = tmp
                    .as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    clean_leftovers(dir);
    Ok(())
}

/// The path of `target` as seen from the folder `from` (both made absolute first), e.g.
/// `../2025/a.toml`; `target` in full when they share no root.
pub fn relative_path(from: &Path, target: &Path) -> PathBuf {
    let (from, target) = (real_path(from), real_path(target));
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = target.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target;
    }
    let mut p = PathBuf::new();
    for _ in common..a.len() {
        p.push("..");
    }
    for c in &b[common..] {
        p.push(c);
    }
    p
}

/// True when an existing text file ends its first line with CR LF (as files saved on Windows
/// do), so that a save can keep its line endings.
pub fn uses_crlf(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if f.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    head.iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && head[i - 1] == b'\r')
}

/// How old a temporary file of capra's must be before it counts as left behind by a crash.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files and folders (`.capra-*.tmp`) that a capra killed while saving
/// left in `dir`. Only those older than ten minutes: a save takes milliseconds, so a younger one
/// may belong to a capra saving right now.
pub fn clean_leftovers(dir: &Path) {
    remove_stale(dir, ".tmp", |_| false);
}

/// Removes capra's files and folders in `dir` named `.capra-*SUFFIX` that are older than ten
/// minutes, except those `keep` names.
pub fn remove_stale(dir: &Path, suffix: &str, keep: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(".capra-") && name.ends_with(suffix)) || keep(&name) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if old {
            let p = e.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the folder that will hold `path`, if it is missing. A file standing where a folder of
/// the path should be is named in the error.
pub fn make_folder_for(path: &Path) -> Result<(), WriteError> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(|source| {
        let blocker = dir
            .ancestors()
            .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        match blocker {
            Some(b) => WriteError::NotAFolder {
                path: path.to_path_buf(),
                blocker: b.to_path_buf(),
            },
            None => WriteError::io(path, source),
        }
    })
}

/// The sha256 of a file, read in pieces (evidence files may be large).
pub fn hash_file(path: &Path) -> io::Result<String> {
    hash_file_with(path, |_, _| {})
}

/// [`hash_file`], telling `progress` (bytes read, bytes in all) as it goes.
pub fn hash_file_with(path: &Path, mut progress: impl FnMut(u64, u64)) -> io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut h = crate::hash::Hasher::default();
    let mut buf = vec![0u8; 256 * 1024];
    let mut done = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        done += n as u64;
        progress(done, total);
    }
    Ok(h.finish())
}

/// The sha256 of a file's bytes, if it can be read.
pub fn hash_of(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|b| crate::hash::sha256_hex(&b))
}

/// Today's date, YYYY-MM-DD (UTC).
pub fn today() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::now_utc()
        .date()
        .format(&format)
        .unwrap_or_default()
}

/// A claim on an assessment file by one running capra, so that no other capra (the interview
/// screen or a command) writes it meanwhile. The claim is an operating-system lock on a small
/// file `.NAME.lock` beside the assessment (beside the real file, when the name is a symbolic
/// link), which also records who holds it. The system releases the lock when its capra ends,
/// however it ends, so a claim is never left behind; the file itself is removed when the `Lock`
/// is dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    // Held open: the lock lasts as long as this handle.
    _file: std::fs::File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no other capra can lock the old file in between.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Why a lock could not be taken. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live capra holds it (who, in words).
    #[error("{0}")]
    Held(String),
    #[error(
        "the lock file {} is a folder, not a file; capra cannot use it. Remove it (`rmdir {}`) if no capra is running on this file",
        .0.display(), .0.display()
    )]
    Folder(PathBuf),
    #[error(
        "the lock file {} is a symbolic link; capra does not follow links for its lock. Remove it (`rm {}`) if no capra is running on this file",
        .0.display(), .0.display()
    )]
    Link(PathBuf),
    #[error(
        "permission denied for the lock file {}: capra needs to create and write it beside the assessment (check the folder's permissions)",
        .path.display()
    )]
    Permission {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot create the lock file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The file an assessment path stands for: the target of a symbolic link, or the path itself.
pub fn real_path(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

/// The lock file of an assessment file (of the real file, when `file` is a link).
pub fn lock_path(file: &Path) -> PathBuf {
    let real = real_path(file);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.lock"))
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this machine".to_string())
}

/// The holder written in a lock file, in words.
fn describe_holder(text: &str) -> String {
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let pid = field("pid");
    if pid.is_empty() {
        return "another capra (it has not written its name in the lock yet)".to_string();
    }
    let user = field("user");
    format!(
        "capra (process {pid}) of {} on {} since {}",
        if user.is_empty() { "someone" } else { &user },
        field("host"),
        field("since")
    )
}

/// Takes the lock of an assessment file at once, or says who holds it.
pub fn lock(file: &Path) -> Result<Lock, LockError> {
    let path = lock_path(file);
    loop {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Err(LockError::Link(path)),
            Ok(m) if m.is_dir() => return Err(LockError::Folder(path)),
            _ => {}
        }
        let io_err = |source: io::Error| match source.kind() {
            io::ErrorKind::PermissionDenied => LockError::Permission {
                path: path.clone(),
                source,
            },
            _ => LockError::Io {
                path: path.clone(),
                source,
            },
        };
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err)?;
        match f.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(LockError::Held(describe_holder(&text)));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(e)),
        }
        // The holder before us may have removed the file after we opened it: then we hold a
        // lock on a file nobody else sees. Try again on the file that is there now.
        if !same_file(&f, &path) {
            continue;
        }
        let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
        let since = time::OffsetDateTime::now_utc()
            .format(&format)
            .unwrap_or_default();
        let text = format!(
            "pid={}\nhost={}\nuser={}\nsince={since}\n",
            std::process::id(),
            host(),
            std::env::var("USER").unwrap_or_default()
        );
        f.set_len(0).map_err(io_err)?;
        f.write_all(text.as_bytes()).map_err(io_err)?;
        return Ok(Lock { path, _file: f });
    }
}

/// How long a command waits for another capra to finish with a file before it gives up.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Takes the lock of an assessment file, waiting up to `wait` while another capra holds it
/// (a command that ends soon, as in a script's loop).
pub fn lock_waiting(file: &Path, wait: std::time::Duration) -> Result<Lock, LockError> {
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match lock(file) {
            Err(LockError::Held(_)) if start.elapsed() < wait => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

#[cfg(unix)]
fn same_file(f: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A disk that fills up in the middle of a save: the error says so, the file keeps its old
    /// content, and no temporary file is left behind.
    #[test]
    fn a_full_disk_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "old content\n").unwrap();
        let err = write_atomic_with(&path, b"new content that does not fit", |f, b| {
            f.write_all(&b[..5])?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(
            matches!(&err, WriteError::Io { source, .. } if source.kind() == io::ErrorKind::StorageFull),
            "{err:?}"
        );
        let err = err.to_string();
        assert!(err.contains("cannot save"), "{err}");
        assert!(err.contains("the disk is full"), "{err}");
        assert!(
            err.contains("Nothing was written; the file is as it was."),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old content\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // And a save that works replaces it whole.
        write_atomic(&path, b"new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
    }

    #[test]
    fn oversized_and_binary_files_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = read_text(&big).unwrap_err().to_string();
        assert!(e.contains("larger than capra reads (16 MB)"), "{e}");
        let bin = dir.path().join("bin.toml");
        std::fs::write(&bin, [b'a', 0xff, 0xfe]).unwrap();
        let e = read_text(&bin).unwrap_err().to_string();
        assert!(e.contains("not UTF-8 text"), "{e}");
        assert!(matches!(read_text(dir.path()), Err(ReadError::Folder)));
        let missing = read_text(&dir.path().join("nope.toml")).unwrap_err();
        assert!(matches!(missing, ReadError::NotFound(_)), "{missing:?}");
        assert!(std::error::Error::source(&missing).is_some());
    }
}
