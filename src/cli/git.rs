//! `capra git setup [--check]`: makes git merge assessment files with `capra merge-file`: a
//! line in the repository's `.gitattributes` and the driver in its git config. Runs the `git`
//! binary; nothing here is a rule of capra's.

use super::common::{Outcome, outln};
use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install capra as git's merge driver for assessment files in this repository.
    #[command(
        after_help = "Examples:\n  capra git setup                       # assessments/*.toml merge=capra\n  capra git setup --pattern '*.toml'\n  capra git setup --check               # exit status 0 when in place, 1 when not\nThe driver runs `capra merge-file %O %A %B`; when the capra running is not the one on PATH,\nits absolute path is written instead."
    )]
    Setup(SetupArgs),
}

#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// The files, as a .gitattributes pattern relative to the repository's top folder.
    #[arg(long, default_value = "assessments/*.toml")]
    pub pattern: String,
    /// Only say whether it is in place (exit status 0) or not (1); change nothing.
    #[arg(long)]
    pub check: bool,
}

const NAME: &str = "capra assessment merge";
const DRIVER_ARGS: &str = "merge-file %O %A %B";

pub fn run(cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Setup(args) => setup(args),
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Process::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .context("cannot run git: is it installed and on PATH?")
}

/// A config value of the repository, if set.
fn config_get(root: &Path, key: &str) -> Result<Option<String>> {
    let out = git(root, &["config", "--local", "--get", key])?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
}

fn config_set(root: &Path, key: &str, value: &str) -> Result<()> {
    let out = git(root, &["config", "--local", key, value])?;
    if !out.status.success() {
        bail!(
            "git config {key} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The program the driver runs: `capra` when that is this binary on PATH, else this binary's
/// absolute path (quoted for the shell git runs the driver with).
fn program() -> String {
    let me = std::env::current_exe()
        .ok()
        .and_then(|p| p.canonicalize().ok());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("capra"))
            .find(|p| p.is_file())
            .and_then(|p| p.canonicalize().ok())
    });
    match me {
        Some(me) if on_path.as_ref() != Some(&me) => shell_quote(&me.to_string_lossy()),
        _ => "capra".to_string(),
    }
}

fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// True when a `.gitattributes` line gives `pattern` the capra merge driver.
fn assigns(line: &str, pattern: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next() == Some(pattern) && words.any(|w| w == "merge=capra")
}

fn setup(args: SetupArgs) -> Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let out = git(&cwd, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        bail!(
            "{} is not inside a git repository: run `git init` (or cd into the repository) first. Nothing was changed.",
            cwd.display()
        );
    }
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let pattern = args.pattern.trim();
    if pattern.is_empty() || pattern.contains(char::is_whitespace) {
        bail!(
            "--pattern must be one .gitattributes pattern without spaces, such as assessments/*.toml"
        );
    }
    let attributes = root.join(".gitattributes");
    let text = match std::fs::read_to_string(&attributes) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(anyhow!("cannot read {}: {e}", attributes.display())),
    };
    let has_line = text.lines().any(|l| assigns(l, pattern));
    let name = config_get(&root, "merge.capra.name")?;
    let driver = config_get(&root, "merge.capra.driver")?;
    let driver_ok = driver
        .as_deref()
        .is_some_and(|d| d.trim_end().ends_with(DRIVER_ARGS));

    if args.check {
        let line = format!("{pattern} merge=capra");
        outln!(
            "{} .gitattributes: {line}",
            if has_line { "ok     " } else { "missing" }
        );
        outln!(
            "{} merge.capra.driver{}",
            if driver_ok { "ok     " } else { "missing" },
            driver.map(|d| format!(" = {d}")).unwrap_or_default()
        );
        if has_line && driver_ok {
            outln!("capra merges {pattern} in {}.", root.display());
            return Ok(Outcome::Done);
        }
        outln!(
            "Not in place: run `capra git setup{}`.",
            pattern_arg(pattern)
        );
        return Ok(Outcome::Findings);
    }

    let mut did = Vec::new();
    if !has_line {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(&format!("{pattern} merge=capra\n"));
        crate::fsio::write_atomic(&attributes, new.as_bytes())?;
        did.push(format!(
            "added `{pattern} merge=capra` to {}",
            attributes.display()
        ));
    }
    if name.as_deref() != Some(NAME) {
        config_set(&root, "merge.capra.name", NAME)?;
        did.push(format!("set merge.capra.name = {NAME}"));
    }
    let wanted = format!("{} {DRIVER_ARGS}", program());
    if driver.as_deref() != Some(wanted.as_str()) {
        config_set(&root, "merge.capra.driver", &wanted)?;
        did.push(format!("set merge.capra.driver = {wanted}"));
    }
    if did.is_empty() {
        outln!("Already in place in {}: nothing changed.", root.display());
    } else {
        for d in &did {
            outln!("{d}");
        }
        outln!(
            "git now merges {pattern} with capra. Commit .gitattributes so that everyone's clone uses it; each clone runs `capra git setup` once for the driver (git config is not shared)."
        );
    }
    Ok(Outcome::Done)
}

fn pattern_arg(pattern: &str) -> String {
    if pattern == "assessments/*.toml" {
        String::new()
    } else {
        format!(" --pattern '{pattern}'")
    }
}
