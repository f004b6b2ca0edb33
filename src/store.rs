//! Reading and writing assessment files.
//!
//! Saving is atomic: the new text goes to a temporary file in the same folder, which is flushed
//! and synced to disk, then renamed over the old file, and the folder is synced. A crash or a full
//! disk at any moment leaves either the old complete file or the new complete file, never a
//! mixture. The file keeps the permissions it had.

use crate::assessment::{self, Assessment};
use crate::catalog::{Catalog, CatalogError};
use crate::located::Lines;
use crate::model::Model;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first lines of every saved assessment file.
pub const HEADER: &str = "# capra assessment file: edit it with capra, or by hand (see docs/assessment-file.md).\n# Comments are not kept when capra saves.\n";

/// A problem reading or writing an assessment file. Each message names the file and, where it
/// can, the line, and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("{path} is not a valid assessment file: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: {0}", path = .1.display())]
    Model(CatalogError, PathBuf),
    #[error("{count} problem(s) in {path}:\n{list}", path = path.display())]
    Invalid {
        path: PathBuf,
        count: usize,
        list: String,
    },
    #[error("cannot save {path}: {reason}. Nothing was written; the file is as it was.")]
    Write { path: PathBuf, reason: String },
}

/// An assessment read from a file, checked against its model.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub assessment: Assessment,
    pub model: Model,
    /// Things worth saying that do not stop work (e.g. the model changed since).
    pub warnings: Vec<String>,
}

pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file (check the path, or create one with `capra new`)".to_string(),
        PermissionDenied => {
            "permission denied (check the file's and folder's permissions)".to_string()
        }
        _ => e.to_string(),
    }
}

/// The largest model or assessment file capra reads. The shipped ISMS model is about 200 KB and
/// an assessment of a thousand processes a few megabytes; a larger file is almost surely the
/// wrong file, and reading it whole would only make capra slow.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file of at most [`MAX_FILE_BYTES`], with messages that say what is wrong.
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a folder, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "it is {:.1} MB, larger than capra reads ({} MB): is it the right file?",
            meta.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (a byte that is not valid UTF-8 at offset {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The sha256 of a file, read in pieces (evidence files may be large).
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Parses assessment text; errors carry the line and column.
pub fn parse(path: &Path, text: &str) -> Result<Assessment, StoreError> {
    toml::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
    })
}

/// Reads, parses and validates an assessment file against its model from `catalog`.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Loaded, StoreError> {
    let text = read_text(path).map_err(|reason| StoreError::Read {
        path: path.to_path_buf(),
        reason,
    })?;
    let a = parse(path, &text)?;
    let model = catalog
        .model(&a.model.id)
        .map_err(|e| StoreError::Model(e, path.to_path_buf()))?;
    let problems = assessment::validate(&a, &model);
    if !problems.is_empty() {
        let lines = Lines::new(&text);
        let list: Vec<String> = problems
            .iter()
            .map(|p| match lines.line_of(p.span.clone()) {
                Some(l) => format!("{}:{l}: {}", path.display(), p.message),
                None => format!("{}: {}", path.display(), p.message),
            })
            .collect();
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            count: problems.len(),
            list: list.join("\n"),
        });
    }
    let mut warnings = Vec::new();
    let changed = |what: &str, id: &str, was: &str, now: &str| {
        let version = if was == now {
            format!("version {now}, but its text differs")
        } else {
            format!("version {was} then, {now} now")
        };
        format!(
            "{}: {what} {id} has changed since this assessment was made ({version}); ratings are kept, check that process and attribute meanings still match",
            path.display()
        )
    };
    if a.model.sha256 != model.processes.sha256 {
        warnings.push(changed(
            "model",
            model.id(),
            &a.model.version,
            &model.processes.model.version,
        ));
    }
    if a.framework.sha256 != model.framework.sha256 {
        warnings.push(changed(
            "framework",
            &model.framework.framework.id,
            &a.framework.version,
            &model.framework.framework.version,
        ));
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        assessment: a,
        model,
        warnings,
    })
}

/// The text of an assessment file, in the stable order of [`Assessment::normalize`].
pub fn to_text(a: &Assessment) -> String {
    // Serialising plain data with string keys cannot fail; if it ever did, saving would
    // report it rather than write a broken file.
    match toml::to_string(a) {
        Ok(body) => format!("{HEADER}{body}"),
        Err(e) => format!("# capra could not write this assessment: {e}\n"),
    }
}

/// Saves atomically (temporary file, sync, rename, sync folder).
pub fn save(path: &Path, a: &Assessment) -> Result<(), StoreError> {
    let text = toml::to_string(a).map_err(|e| StoreError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_atomic(path, format!("{HEADER}{text}").as_bytes())
}

/// Writes bytes to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// [`write_atomic`] with the writing step given, so that tests can make it fail the way a full
/// disk does.
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    put: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let err = |e: std::io::Error| {
        StoreError::Write {
        path: path.to_path_buf(),
        reason: match e.kind() {
            std::io::ErrorKind::PermissionDenied => {
                "permission denied: the folder is read-only or not yours (save elsewhere with a copy of the file)".to_string()
            }
            std::io::ErrorKind::StorageFull => {
                "the disk is full (free some space and save again)".to_string()
            }
            _ => e.to_string(),
        },
    }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".capra-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    put(tmp.as_file_mut(), bytes).map_err(err)?;
    tmp.flush().map_err(err)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = tmp.as_file().set_permissions(meta.permissions());
    } else {
        // A new file: the usual permissions for a document, not the temporary file's 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = tmp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A claim on an assessment file by one running capra, so that a second one does not overwrite
/// its ratings. The claim is a small file `.NAME.lock` beside the assessment, removed when the
/// `Lock` is dropped. A claim left by a capra that died (same machine, process gone) is taken
/// over.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The lock file of an assessment file.
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.lock"))
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this machine".to_string())
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Who holds a lock, in words, if a live capra does.
pub fn lock_holder(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(lock_path(file)).ok()?;
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or("")
            .to_string()
    };
    let pid: u32 = field("pid").parse().unwrap_or(0);
    let same_host = field("host") == host();
    if same_host && (pid == std::process::id() || !process_alive(pid)) {
        return None;
    }
    Some(format!(
        "capra (process {pid}) of {} on {} since {}",
        if field("user").is_empty() {
            "someone".to_string()
        } else {
            field("user")
        },
        field("host"),
        field("since")
    ))
}

/// Takes the lock of an assessment file, or says who holds it.
pub fn lock(file: &Path) -> Result<Lock, String> {
    let path = lock_path(file);
    if let Some(holder) = lock_holder(file) {
        return Err(holder);
    }
    // A stale lock (its capra is gone) or our own: replace it.
    let _ = std::fs::remove_file(&path);
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
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                lock_holder(file).unwrap_or_else(|| "another capra, just now".to_string())
            }
            _ => format!("cannot create the lock file {}: {e}", path.display()),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the lock file {}: {e}", path.display()))?;
    Ok(Lock { path })
}

/// Where the reports of an assessment file go by default: `NAME-report.pdf` and the folder
/// `NAME-csv/` beside it.
pub fn default_report_paths(file: &Path) -> (PathBuf, PathBuf) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    (
        file.with_file_name(format!("{stem}-report.pdf")),
        file.with_file_name(format!("{stem}-csv")),
    )
}

/// Writes the CSV files into `csv_dir` (made if missing) and the PDF to `pdf`, each atomically.
/// `data` is the assessment file's bytes as saved, for the report's traceability hash. Returns
/// the paths written.
pub fn write_reports(
    model: &Model,
    a: &Assessment,
    data: &[u8],
    csv_dir: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<Vec<PathBuf>, StoreError> {
    let profile = crate::profile::score(model, a);
    let report = crate::report::build(model, a, &profile, &crate::model::sha256_hex(data));
    let mut written = Vec::new();
    if let Some(dir) = csv_dir {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Write {
            path: dir.to_path_buf(),
            reason: io_reason(&e),
        })?;
        for (name, bytes) in crate::report::csv::files(&report) {
            let path = dir.join(name);
            write_atomic(&path, &bytes)?;
            written.push(path);
        }
    }
    if let Some(path) = pdf {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Write {
                path: dir.to_path_buf(),
                reason: io_reason(&e),
            })?;
        }
        let bytes = crate::report::pdf::render(&report).map_err(|e| StoreError::Write {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        write_atomic(path, &bytes)?;
        written.push(path.to_path_buf());
    }
    Ok(written)
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
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
        .unwrap_err()
        .to_string();
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
        let e = read_text(&big).unwrap_err();
        assert!(e.contains("larger than capra reads (16 MB)"), "{e}");
        let bin = dir.path().join("bin.toml");
        std::fs::write(&bin, [b'a', 0xff, 0xfe]).unwrap();
        let e = read_text(&bin).unwrap_err();
        assert!(e.contains("not UTF-8 text"), "{e}");
        assert!(read_text(dir.path()).unwrap_err().contains("a folder"));
    }
}
