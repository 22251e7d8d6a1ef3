//! `zitat find`: looks a claimed quotation up in a corpus and prints the matches.

use anyhow::{bail, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zitat::find::{self, Finder, Opened};

/// `zitat find`.
#[derive(clap::Args)]
#[command(after_long_help = "\
Prints one JSON line per match, best first: similarity (0..1), speaker (corpus-wide id, \
canonical name, the article's words), doc, id, title/date/url, type, the exact wording, \
diff (added, dropped, changed words of the claim against the wording) and steps (the whole \
alignment). The index is written beside the corpus as CORPUS.findindex and rebuilt when the \
corpus changes.\n\n\
Exit status: 0 = a match clears the threshold (with --speaker: one by that speaker); \
1 = none does (with --speaker: the matches by others are printed, each saying who said \
it); 2 = usage error or unreadable corpus.")]
pub struct Args {
    /// A jsonl corpus written by `zitat run`.
    corpus: PathBuf,

    /// The claimed quotation.
    claim: String,

    /// The person the claim is attributed to; a match said by someone else says so.
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// The most matches printed.
    #[arg(long, value_name = "N", default_value_t = find::LIMIT)]
    limit: usize,
}

pub fn main(args: Args) -> Result<ExitCode> {
    if args.claim.trim().is_empty() {
        bail!("the claim is empty: give the quotation to look up");
    }
    let speaker = args.speaker.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let (finder, opened) = Finder::open(&args.corpus).map_err(anyhow::Error::msg)?;
    if opened != Opened::Reused {
        zitat::say!("zitat find: indexed {} quotations of {}", finder.len(), args.corpus.display());
    }
    let matches = finder.find(&args.claim, speaker, args.limit.max(1)).map_err(anyhow::Error::msg)?;
    let mut out = std::io::stdout().lock();
    for m in &matches {
        writeln!(out, "{}", serde_json::to_string(m)?)?;
    }
    out.flush()?;
    let confirmed = find::confirmed(&matches, speaker);
    if matches.is_empty() {
        zitat::say!("zitat find: not found: no quotation of the corpus is like the claim");
    } else if !confirmed {
        let by: Vec<&str> = matches.iter().filter_map(|m| m.speaker_check.as_ref()?.note.as_deref()).collect();
        zitat::say!("zitat find: not by {}: {}", speaker.unwrap_or_default(), by.join("; "));
    }
    Ok(if confirmed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
