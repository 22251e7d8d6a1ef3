//! What the system got wrong, quotation by quotation, for error analysis
//! (`zitat eval --errors`): misses, false alarms and matched quotations with a poor
//! message, another type or different roles.

use super::groups::{overlap_f1, Group, Pair, ROLE_NAMES};
use super::{document_key, Comparison};
use crate::document::{Document, Quotation};
use serde::Serialize;
use std::fmt::Write;

/// Longest quote or sentence shown, in characters.
const SHOWN: usize = 100;
/// Matched messages below this overlap F1 count as a poor match.
const POOR_MATCH: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A gold quotation without system quotation (or only one without overlap).
    Miss,
    /// A system quotation without gold quotation (or only one without overlap).
    FalseAlarm,
    /// Matched, but the messages overlap with F1 below 0.5.
    PoorMatch,
    /// Matched well, but the type, a role or the exact message differ.
    Partial,
}

impl ErrorKind {
    fn label(self) -> &'static str {
        match self {
            ErrorKind::Miss => "MISS",
            ErrorKind::FalseAlarm => "FALSE ALARM",
            ErrorKind::PoorMatch => "POOR MATCH",
            ErrorKind::Partial => "PARTIAL",
        }
    }
}

/// One quotation as shown in the listing.
#[derive(Clone, Debug, Serialize)]
pub struct Shown {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub quote: String,
    pub speaker: String,
    pub cue: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ErrorEntry {
    pub document: String,
    pub kind: ErrorKind,
    /// What differs in a matched pair: `message F1 0.62`, `type Indirect → Reported`, and
    /// the names of roles whose tokens differ.
    pub details: Vec<String>,
    pub gold: Option<Shown>,
    pub system: Option<Shown>,
    /// The sentence (of the gold segmentation) where the quotation starts.
    pub sentence: String,
}

/// The errors of every compared document, in document and pair order.
pub fn list_errors(comparisons: &[Comparison]) -> Vec<ErrorEntry> {
    comparisons.iter().flat_map(document_errors).collect()
}

fn document_errors(c: &Comparison) -> Vec<ErrorEntry> {
    let mut out = Vec::new();
    for &Pair { gold, system } in &c.pairs {
        let entry = |kind, details, g: Option<&Quotation>, s: Option<&Quotation>| error_entry(c.gold, kind, details, g, s);
        let g = gold.map(|i| &c.gold.quotations[i]);
        let s = system.and_then(|i| Some(&c.system?.quotations[i]));
        match (gold, system) {
            (Some(gi), Some(si)) => {
                let (gg, sg) = (&c.gold_groups[gi], &c.system_groups[si]);
                let f1 = overlap_f1(&gg.message, &sg.message);
                if f1 == 0.0 {
                    out.push(entry(ErrorKind::Miss, Vec::new(), g, None));
                    out.push(entry(ErrorKind::FalseAlarm, Vec::new(), None, s));
                    continue;
                }
                let details = differences(gg, sg, f1);
                if !details.is_empty() {
                    let kind = if f1 < POOR_MATCH { ErrorKind::PoorMatch } else { ErrorKind::Partial };
                    out.push(entry(kind, details, g, s));
                }
            }
            (Some(_), None) => out.push(entry(ErrorKind::Miss, Vec::new(), g, None)),
            (None, Some(_)) => out.push(entry(ErrorKind::FalseAlarm, Vec::new(), None, s)),
            (None, None) => {}
        }
    }
    out
}

fn differences(gold: &Group, system: &Group, f1: f64) -> Vec<String> {
    let mut details = Vec::new();
    if f1 < 1.0 {
        details.push(format!("message F1 {f1:.2}"));
    }
    if let (Some(g), Some(s)) = (gold.kind, system.kind) {
        if g != s {
            details.push(format!("type {} → {}", g.as_str(), s.as_str()));
        }
    }
    for (name, (g, s)) in ROLE_NAMES.iter().zip(gold.roles.iter().zip(&system.roles)) {
        if g != s {
            details.push(format!("{name} differs"));
        }
    }
    details
}

/// Quotations are shown from the gold document: same text, and it has the gold sentences.
fn error_entry(doc: &Document, kind: ErrorKind, details: Vec<String>, gold: Option<&Quotation>, system: Option<&Quotation>) -> ErrorEntry {
    let shown = |q: &Quotation| Shown {
        kind: q.kind.as_str(),
        quote: shorten(&doc.join(&q.quote)),
        speaker: doc.join(&q.speaker),
        cue: doc.join(&q.cue),
    };
    let start = gold.or(system).map_or(0, Quotation::start);
    let sentence = doc.sentences.iter().find(|s| s.start <= start && start < s.end);
    ErrorEntry {
        document: document_key(doc),
        kind,
        details,
        gold: gold.map(shown),
        system: system.map(shown),
        sentence: sentence.map_or_else(String::new, |s| shorten(doc.slice(*s))),
    }
}

/// The listing as text, one block per document.
pub fn render_errors(errors: &[ErrorEntry]) -> String {
    let mut out = String::new();
    let mut document = None;
    for e in errors {
        if document != Some(&e.document) {
            let _ = writeln!(out, "== {}", e.document);
            document = Some(&e.document);
        }
        let _ = writeln!(out, "{} {}", e.kind.label(), e.details.join(", "));
        for (who, q) in [("gold", &e.gold), ("zitat", &e.system)] {
            if let Some(q) = q {
                let _ = writeln!(out, "  {who:<6}{:<21}«{}»  speaker «{}»  cue «{}»", q.kind, q.quote, q.speaker, q.cue);
            }
        }
        if !e.sentence.is_empty() {
            let _ = writeln!(out, "  in    «{}»", e.sentence);
        }
    }
    out
}

/// One line, at most [`SHOWN`] characters, ending in … when cut.
fn shorten(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SHOWN {
        return flat;
    }
    let head: String = flat.chars().take(SHOWN - 1).collect();
    format!("{head}…")
}
