//! Speaker, frame and addressee of a quotation with a cue, read off the same cue analysis
//! the detector used: the subject of a reporting verb (before or after it), the source
//! phrase of laut/zufolge/nach Angaben/so, the word itself for demnach/wonach.

use crate::detect::cues::{self, merge, Cue, CueKind};
use crate::detect::indirect::body_end;
use crate::detect::lexicon::is_in;
use crate::detect::phrase;
use crate::detect::words::{cover, Word};
use crate::document::{QuoteType, Span};

/// Roles found for one quotation, as word ranges turned into spans.
#[derive(Debug, Default, PartialEq)]
pub struct Roles {
    pub speaker: Vec<Span>,
    pub frame: Vec<Span>,
    pub addressee: Vec<Span>,
}

/// Roles of a quotation whose cue spans are `cue`, within the words of its sentence.
pub fn roles(ws: &[Word], quote: &[Span], cue: &[Span], kind: QuoteType) -> Option<Roles> {
    let masked: Vec<Span> = if kind == QuoteType::Direct { quote.to_vec() } else { Vec::new() };
    let found = cues::find(ws, &masked).into_iter().find(|c| c.spans(ws) == cue)?;
    let speaker = speaker_range(ws, &found);
    let frame = match found.kind {
        CueKind::Verb(_) if kind == QuoteType::Direct => {
            rest_of_sentence(ws, quote).into_iter().filter(|run| cue.iter().any(|c| run.overlaps(*c))).collect()
        }
        CueKind::Verb(_) => rest_of_sentence(ws, quote),
        _ => source_frame(ws, &found),
    };
    let addressee = addressee(ws, &found, speaker);
    let to_spans = |r: Option<(usize, usize)>| r.map(|(s, e)| vec![cover(&ws[s..e])]).unwrap_or_default();
    Some(Roles { speaker: to_spans(speaker), frame, addressee: to_spans(addressee) })
}

fn speaker_range(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    match cue.kind {
        CueKind::Verb(_) => subject(ws, cue),
        CueKind::Demnach => Some((cue.head, cue.head + 1)),
        CueKind::HeisstEs => None,
        _ => cue.source,
    }
}

/// The verb's subject: a phrase that ends right at the cue („Der Minister sagte“, „Wie die
/// Polizei mitteilte“), else the phrase right after the verb („sagte der Minister“).
fn subject(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    let first = cue.parts[0];
    let inner = if ws[first].lower() == "wie" { first + 1 } else { first };
    let clause_start = (0..inner).rev().find(|&k| cues::is_clause_break(&ws[k])).map_or(0, |k| k + 1);
    // „Der Fraktionsvize der Union, Markus Feldner, warf …“: the apposition's comma.
    let ends_at_cue = |&(_, e): &(usize, usize)| e == inner || e == cue.head || (e + 1 == inner && ws[e].is(","));
    // „Auch die Abgeordnete X äußerte“: the subject after a leading adverb.
    let after_adverbs = (clause_start..inner).find(|&k| !is_in(LEADING_ADVERBS, &ws[k].lower())).unwrap_or(inner);
    for start in [clause_start, after_adverbs, first + 1, 0] {
        if start < inner {
            if let Some(r) = phrase::after(ws, start).filter(ends_at_cue) {
                return Some(r);
            }
        }
    }
    let mut after = cue.head + 1;
    while ws.get(after).is_some_and(|w| matches!(w.text, "sich" | "zudem" | "auch" | "nun" | "jedoch" | "dazu" | "außerdem" | "weiter" | "aber")) {
        after += 1;
    }
    phrase::after(ws, after)
}

/// Adverbs that can stand before the subject at the start of a clause.
const LEADING_ADVERBS: &[&str] = &["auch", "zudem", "außerdem", "zugleich", "gleichzeitig", "dennoch", "allerdings", "jedoch", "ebenfalls", "inzwischen"];

/// The sentence without the quote and the final mark: everything that frames the quote.
fn rest_of_sentence(ws: &[Word], quote: &[Span]) -> Vec<Span> {
    let body = &ws[..body_end(ws)];
    let outside = body.iter().filter(|w| !quote.iter().any(|q| q.overlaps(w.span)));
    let mut runs: Vec<Span> = Vec::new();
    let mut last_index = None;
    for w in outside {
        let index = body.iter().position(|x| x.span == w.span);
        match (runs.last_mut(), last_index) {
            (Some(run), Some(li)) if index == Some(li + 1) => run.end = w.span.end,
            _ => runs.push(w.span),
        }
        last_index = index;
    }
    merge(runs.into_iter())
}

/// Cue and source phrase together („laut der Polizei“, „, so der Minister“).
fn source_frame(ws: &[Word], cue: &Cue) -> Vec<Span> {
    let (mut lo, hi) = cue.extent();
    if cue.kind == CueKind::So && lo > 0 && ws[lo - 1].is(",") {
        lo -= 1;
    }
    vec![cover(&ws[lo..hi])]
}

/// „gegenüber der Presse“, or a dative right after the verb when the subject precedes it
/// („Er sagte der Zeitung“, „teilte dem Sender mit“).
fn addressee(ws: &[Word], cue: &Cue, speaker: Option<(usize, usize)>) -> Option<(usize, usize)> {
    if !matches!(cue.kind, CueKind::Verb(_)) {
        return None;
    }
    let clause_end = (cue.head + 1..ws.len()).find(|&k| cues::is_clause_break(&ws[k])).unwrap_or(ws.len());
    if let Some(g) = (cue.head + 1..clause_end).find(|&k| ws[k].is("gegenüber")) {
        return phrase::after(ws, g + 1);
    }
    let subject_before = speaker.is_some_and(|(_, e)| e <= cue.head);
    let dative = ws.get(cue.head + 1).is_some_and(|w| matches!(w.text, "dem" | "der" | "einem" | "einer"));
    if subject_before && dative {
        return phrase::after(ws, cue.head + 1).filter(|&(_, e)| e <= clause_end);
    }
    None
}
