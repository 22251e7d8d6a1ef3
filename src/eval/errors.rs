//! A readable list of what the system got wrong, for error analysis (`zitat eval --errors`).

use super::{align, groups, overlap_f1};
use crate::document::{Document, Quotation};
use std::collections::BTreeMap;
use std::fmt::Write;

const SHOWN: usize = 90;

/// Misses, false alarms and wrong parts of matched quotations, document by document.
pub fn error_listing(gold: &[Document], predicted: &[Document]) -> String {
    let key = |d: &Document| d.meta.document_name.clone().unwrap_or_else(|| d.id.clone());
    let by_name: BTreeMap<String, &Document> = predicted.iter().map(|d| (key(d), d)).collect();
    let mut out = String::new();
    for g_doc in gold {
        let tokens = g_doc.tokens.as_deref().unwrap_or(&[]);
        let s_doc = by_name.get(&key(g_doc)).copied();
        let g_groups = groups(g_doc, tokens);
        let s_groups = s_doc.map_or_else(Vec::new, |s| groups(s, tokens));
        let mut lines = Vec::new();
        for (gi, si) in align(&g_groups, &s_groups) {
            let g = gi.map(|i| &g_doc.quotations[i]);
            let s = si.and_then(|i| s_doc.map(|d| &d.quotations[i]));
            let problem = match (gi, si) {
                (Some(_), None) => "MISS",
                (None, Some(_)) => "FALSE ALARM",
                (Some(a), Some(b)) => {
                    let (ga, sb) = (&g_groups[a], &s_groups[b]);
                    if overlap_f1(&ga.message, &sb.message) < 0.5 {
                        "WRONG SPAN"
                    } else if ga.kind != sb.kind {
                        "WRONG TYPE"
                    } else if ga.roles[3] != sb.roles[3] {
                        "WRONG SPEAKER"
                    } else if ga.roles[1] != sb.roles[1] {
                        "WRONG CUE"
                    } else {
                        continue;
                    }
                }
                (None, None) => continue,
            };
            lines.push(describe(problem, g_doc, g, s));
        }
        if !lines.is_empty() {
            let _ = writeln!(out, "== {}", key(g_doc));
            lines.iter().for_each(|l| out.push_str(l));
        }
    }
    out
}

fn describe(problem: &str, doc: &Document, gold: Option<&Quotation>, system: Option<&Quotation>) -> String {
    let mut out = format!("{problem}\n");
    for (who, q) in [("gold", gold), ("zitat", system)] {
        if let Some(q) = q {
            let _ = writeln!(
                out,
                "  {who:<5} {:<20} «{}»  speaker «{}»  cue «{}»",
                q.kind.as_str(),
                shorten(&doc.join(&q.quote)),
                doc.join(&q.speaker),
                doc.join(&q.cue)
            );
        }
    }
    if let Some(sentence) = gold.or(system).and_then(|q| context(doc, q)) {
        let _ = writeln!(out, "  in    «{}»", shorten(&sentence));
    }
    out
}

fn context(doc: &Document, q: &Quotation) -> Option<String> {
    let start = q.start();
    let sentence = doc.sentences.iter().find(|s| s.start <= start && start < s.end)?;
    Some(doc.slice(*sentence).replace('\n', " "))
}

fn shorten(text: &str) -> String {
    let flat = text.replace('\n', " ");
    if flat.chars().count() <= SHOWN {
        return flat;
    }
    let head: String = flat.chars().take(SHOWN - 1).collect();
    format!("{head}…")
}
