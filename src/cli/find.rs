//! `zitat find`: looks a claimed quotation up in a corpus and prints the matches.

use anyhow::{bail, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zitat::find::{self, Answer, Finder, Match, Opened, Verdict};

/// `zitat find`.
#[derive(clap::Args)]
#[command(after_long_help = "\
Prints one JSON line per match, best first: similarity (0..1), verdict (verbatim, same \
meaning, meaning changed), changes (what changed the meaning: a negation, number, name, \
modal verb, frequency or quantity word, or a word turned into its opposite, with the \
words only the claim has and those only the quotation has), speaker (corpus-wide id, \
canonical name, the article's words), doc, id, title/date/url, type, the exact wording, \
diff (added, dropped, changed words of the claim against the wording) and steps (the whole \
alignment). The index is written beside the corpus as CORPUS.findindex and rebuilt when the \
corpus changes.\n\n\
Exit status: 0 = a match clears the threshold and keeps the claim's meaning (verbatim or \
same meaning; with --speaker: one by that person); 1 = none clears the threshold (with \
--speaker: only matches by others, printed, each saying who said it); 2 = usage error or \
unreadable corpus; 3 = matches clear the threshold, but each one says something else \
(meaning changed: what changed is on stderr and in `changes`).")]
pub struct Args {
    /// A jsonl corpus written by `zitat run`.
    corpus: PathBuf,

    /// The claimed quotation.
    claim: String,

    /// The person the claim is attributed to, compared as a person: „Keller“ is „Thomas
    /// Keller“ and the genitive „Kellers“; a match said by someone else says so.
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// The most matches printed (and, with --all, the most near misses).
    #[arg(long, value_name = "N", default_value_t = find::LIMIT)]
    limit: usize,

    /// Also print the near misses: the quotations closest to the claim below the threshold,
    /// with their scores and "near_miss": true (they never change the exit status).
    #[arg(long)]
    all: bool,
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
    let limit = args.limit.max(1);
    let mut matches = finder.find(&args.claim, speaker, limit).map_err(anyhow::Error::msg)?;
    if args.all {
        matches.extend(finder.near_misses(&args.claim, speaker, limit).map_err(anyhow::Error::msg)?);
    }
    let mut out = std::io::stdout().lock();
    for m in &matches {
        writeln!(out, "{}", serde_json::to_string(m)?)?;
    }
    out.flush()?;
    let answer = Answer::of(&matches, speaker);
    explain(answer, &matches, speaker);
    Ok(ExitCode::from(answer.exit_code()))
}

/// Why the answer is not a confirmation, on stderr.
fn explain(answer: Answer, matches: &[Match], speaker: Option<&str>) {
    let found: Vec<&Match> = matches.iter().filter(|m| !m.near_miss).collect();
    match answer {
        Answer::Confirmed => {}
        Answer::MeaningChanged => {
            let best = found.iter().find(|m| m.verdict == Verdict::MeaningChanged && m.speaker_check.as_ref().is_none_or(|c| c.same));
            let what: Vec<String> = best.map(|m| m.changes.iter().map(|c| c.describe()).collect()).unwrap_or_default();
            zitat::say!("zitat find: meaning changed: {}", what.join("; "));
        }
        Answer::NotFound if found.is_empty() => {
            let near = matches.len();
            let hint = if near > 0 { format!("; {near} near misses printed") } else { String::new() };
            zitat::say!("zitat find: not found: no quotation of the corpus is like the claim{hint}");
        }
        Answer::NotFound => {
            let by: Vec<&str> = found.iter().filter_map(|m| m.speaker_check.as_ref()?.note.as_deref()).collect();
            zitat::say!("zitat find: not by {}: {}", speaker.unwrap_or_default(), by.join("; "));
        }
    }
}
