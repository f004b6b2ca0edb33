//! The `capra` binary: parse the command line, run it, print any error, pick the exit code:
//! 0 done, 1 findings, 2 error (docs/cli.md). A closed pipe (`capra model show isms | head`)
//! ends quietly, found from the error's kind.

use capra::cli::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = capra::cli::parse();
    match capra::cli::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Whatever a file held (an escape sequence in a quoted line) is shown, never sent.
            eprintln!("error: {}", capra::text::printable(&message(&e), true));
            ExitCode::from(2)
        }
    }
}

/// True when the error comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes in one line. capra's own errors say their cause in their message;
/// a cause is added only when the message so far does not already say it (and then its own
/// causes are taken as said with it).
fn message(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if out.contains(&text) {
            break;
        }
        out.push_str(": ");
        out.push_str(&text);
    }
    out
}
