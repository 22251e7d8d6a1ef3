//! From the network's per-subword scores to `Quotation`s with character spans.

use super::data::{Role, Subwords, QUOTE_CONTINUE, ROLES};
use crate::document::{Medium, Quotation, QuoteType, Span};
use std::ops::Range;

/// A quotation found in subword space, before its roles are linked.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteCandidate {
    pub parts: Vec<Range<usize>>,
    pub kind: QuoteType,
    pub nested: bool,
    /// Mean probability of the predicted tags over the quotation's subwords.
    pub confidence: f32,
}

/// The decoding thresholds, chosen on dev per model and saved with it (`model.json`,
/// `heads.decoding`); models saved before they were recorded decode with the defaults,
/// which were chosen on dev for the first model.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Decoding {
    /// A subword is inside a quotation when P(outside) is below this.
    pub outside: f32,
    /// Outside subwords bridged inside a run (see [`segments`]). The tags wobble around
    /// the threshold at commas and conjunctions inside long indirect quotations; on dev
    /// (the first model alone) bridging 0 / 2 / 4 / 8 subwords gave Joint F1 42.3 / 49.8 /
    /// 51.3 / 50.1.
    pub wobble: usize,
    /// Quotations whose subwords are on average less likely inside than this are dropped: on
    /// dev (the first model alone) 0.6 lifted Messages F1 from 57.7 to 60.8, mostly in
    /// precision.
    pub min_confidence: f32,
    /// A subword is inside a role mention when P(outside) is below this.
    pub role_outside: f32,
    /// How quotations are cut from the quote tags.
    pub boundaries: Boundaries,
}

impl Default for Decoding {
    fn default() -> Self {
        Decoding { outside: 0.5, wobble: 4, min_confidence: 0.6, role_outside: 0.5, boundaries: Boundaries::Thresholds }
    }
}

/// Where quotations begin and end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Boundaries {
    /// Each subword on its own: inside below the `outside` threshold, a new quotation where
    /// the begin tags hold more than half, short wobbles bridged ([`segments`]).
    #[default]
    Thresholds,
    /// The likeliest tag path over the whole document, where an inside tag must follow a
    /// begin, a continuation or another inside tag ([`likeliest_runs`]), so one decision
    /// sets both ends of a quotation.
    Path,
}

/// How far (in subwords) a continuation part may lie from the part it continues.
const MAX_CONTINUATION_GAP: usize = 40;

/// Per-subword class probabilities [subwords][classes], class 0 being "outside".
pub type Probs = Vec<Vec<f32>>;

/// Runs of subwords that are likely inside (P(outside) < `outside`), split where a begin
/// class is more likely than not. Deciding on P(outside) rather than the argmax keeps a
/// quote whose probability is spread over several types. A run separated from the previous
/// one by at most `wobble` outside subwords, and not starting with a begin, is the same span
/// with a wobble in the middle.
pub fn segments(probs: &[Vec<f32>], outside: f32, wobble: usize, is_begin: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
    let begin_mass = |p: &[f32]| p.iter().enumerate().filter(|&(c, _)| is_begin(c)).map(|(_, v)| v).sum::<f32>();
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, p) in probs.iter().enumerate() {
        if p[0] >= outside {
            continue;
        }
        match runs.last_mut() {
            Some(run) if i - run.end <= wobble && begin_mass(p) <= 0.5 => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// The quote layer's four kinds of tag, the five types summed: outside, begin, inside,
/// continuation.
const OUTSIDE: usize = 0;
const BEGIN: usize = 1;
const INSIDE: usize = 2;
const CONTINUE: usize = 3;

/// [`Boundaries::Path`]: the runs of the likeliest path over outside, begin, inside and
/// continuation tags (Viterbi), with whether each starts as a continuation.
pub fn likeliest_runs(probs: &[Vec<f32>]) -> Vec<(Range<usize>, bool)> {
    let log = |p: f32| p.max(1e-9).ln();
    let emission = |p: &[f32]| {
        let summed = |first: usize| (0..5).map(|t| p[first + 2 * t]).sum::<f32>();
        [log(p[0]), log(summed(1)), log(summed(2)), log(p[QUOTE_CONTINUE as usize])]
    };
    let may_follow = |from: usize, to: usize| to != INSIDE || from != OUTSIDE;
    let mut score = [0.0, 0.0, f32::NEG_INFINITY, 0.0];
    let mut back: Vec<[usize; 4]> = Vec::with_capacity(probs.len());
    for p in probs {
        let e = emission(p);
        let mut next = [f32::NEG_INFINITY; 4];
        let mut from = [OUTSIDE; 4];
        for to in 0..4 {
            for prev in (0..4).filter(|&prev| may_follow(prev, to)) {
                if score[prev] + e[to] > next[to] {
                    (next[to], from[to]) = (score[prev] + e[to], prev);
                }
            }
        }
        back.push(from);
        score = next;
    }
    let mut tag = (0..4).max_by(|&a, &b| score[a].total_cmp(&score[b])).unwrap_or(OUTSIDE);
    let mut path = vec![OUTSIDE; probs.len()];
    for i in (0..probs.len()).rev() {
        path[i] = tag;
        tag = back[i][tag];
    }
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    for (i, &t) in path.iter().enumerate() {
        match t {
            INSIDE => runs.last_mut().unwrap().0.end = i + 1,
            BEGIN | CONTINUE => runs.push((i..i + 1, t == CONTINUE)),
            _ => {}
        }
    }
    runs
}

/// [`Boundaries::Thresholds`]: [`segments`], a run continuing the previous quotation where its
/// first subword's continuation tag outweighs the begin tags.
fn threshold_runs(probs: &[Vec<f32>], cfg: &Decoding) -> Vec<(Range<usize>, bool)> {
    let is_begin = |c: usize| c as i64 == QUOTE_CONTINUE || c % 2 == 1;
    let continues = |first: &[f32]| first[QUOTE_CONTINUE as usize] > (1..QUOTE_CONTINUE as usize).step_by(2).map(|c| first[c]).sum::<f32>();
    segments(probs, cfg.outside, cfg.wobble, is_begin).into_iter().map(|run| (run.clone(), continues(&probs[run.start]))).collect()
}

/// Outer quotations: runs of the quote layer (cut as `cfg.boundaries` says), typed by the
/// summed probability of each type; a run that begins as a continuation joins the quotation
/// before it.
pub fn outer_quotes(probs: &[Vec<f32>], cfg: &Decoding) -> Vec<QuoteCandidate> {
    let runs = match cfg.boundaries {
        Boundaries::Thresholds => threshold_runs(probs, cfg),
        Boundaries::Path => likeliest_runs(probs),
    };
    let mut quotes: Vec<QuoteCandidate> = Vec::new();
    for (run, continues) in runs {
        let near_previous = quotes
            .last()
            .is_some_and(|q| run.start - q.parts.last().unwrap().end <= MAX_CONTINUATION_GAP);
        if continues && near_previous {
            quotes.last_mut().unwrap().parts.push(run);
        } else if run.len() >= MIN_QUOTE_SUBWORDS {
            quotes.push(QuoteCandidate { kind: QuoteType::Direct, parts: vec![run], nested: false, confidence: 0.0 });
        }
    }
    for q in &mut quotes {
        q.kind = likeliest_type(probs, &q.parts);
        q.confidence = mean_inside(probs, &q.parts);
    }
    quotes.retain(|q| q.confidence >= cfg.min_confidence);
    quotes
}

/// A single quoted subword is a scare quote or a name, never a quotation in this data.
const MIN_QUOTE_SUBWORDS: usize = 2;

/// Nested quotations („…“ inside an indirect one) are direct speech in this data.
pub fn nested_quotes(probs: &[Vec<f32>], cfg: &Decoding) -> Vec<QuoteCandidate> {
    segments(probs, cfg.outside, cfg.wobble, |c| c == 1)
        .into_iter()
        .filter(|run| run.len() >= MIN_QUOTE_SUBWORDS)
        .map(|run| QuoteCandidate {
            confidence: mean_inside(probs, std::slice::from_ref(&run)),
            parts: vec![run],
            kind: QuoteType::Direct,
            nested: true,
        })
        .collect()
}

fn likeliest_type(probs: &[Vec<f32>], parts: &[Range<usize>]) -> QuoteType {
    let mut mass = [0f32; 5];
    for p in parts.iter().flat_map(|r| &probs[r.clone()]) {
        for (t, m) in mass.iter_mut().enumerate() {
            *m += p[1 + 2 * t] + p[2 + 2 * t];
        }
    }
    let best = (0..5).max_by(|&a, &b| mass[a].total_cmp(&mass[b]).then(b.cmp(&a))).unwrap();
    QuoteType::ALL[best]
}

/// Mean probability of not being outside, over the parts' subwords.
fn mean_inside(probs: &[Vec<f32>], parts: &[Range<usize>]) -> f32 {
    let values: Vec<f32> = parts.iter().flat_map(|r| probs[r.clone()].iter().map(|p| 1.0 - p[0])).collect();
    values.iter().sum::<f32>() / values.len().max(1) as f32
}

/// Character span of a run of subwords.
pub fn char_span(sub: &Subwords, range: &Range<usize>) -> Span {
    Span::new(sub.spans[range.start].start, sub.spans[range.end - 1].end)
}

/// Builds the quotation: linked mentions per role (already chosen), medium class, spans.
pub fn quotation(
    sub: &Subwords,
    candidate: &QuoteCandidate,
    linked: [Vec<Range<usize>>; 4],
    medium_class: i64,
    link_confidence: f32,
) -> Quotation {
    let mut q = Quotation::new(
        candidate.kind,
        candidate.parts.iter().map(|r| char_span(sub, r)).collect(),
    );
    for (r, mentions) in linked.iter().enumerate() {
        let mut spans: Vec<Span> = mentions.iter().map(|m| char_span(sub, m)).collect();
        spans.sort();
        *ROLES[r].spans_mut(&mut q) = spans;
    }
    q.medium = (medium_class > 0).then(|| Medium::ALL[(medium_class - 1) as usize]);
    q.confidence = candidate.confidence * link_confidence;
    q
}

/// Which mentions of one role a quotation links to, from link probabilities: every mention
/// above one half, but one speaker only, and of the cue only the parts close to the likeliest
/// (cues like „teilte … mit“ come in parts; far-apart verbs are other statements' cues).
pub fn choose_links(probs: &[f32], mentions: &[Range<usize>], role: Role) -> Vec<usize> {
    let above: Vec<usize> = (0..probs.len()).filter(|&k| probs[k] > 0.5).collect();
    let Some(&best) = above.iter().max_by(|&&a, &&b| probs[a].total_cmp(&probs[b])) else { return Vec::new() };
    let near = |k: usize| mentions[k].start.abs_diff(mentions[best].start) <= MAX_PART_DISTANCE;
    match role {
        Role::Speaker => vec![best],
        Role::Cue => above.into_iter().filter(|&k| near(k)).collect(),
        Role::Frame | Role::Addressee => above,
    }
}

/// How far (in subwords) the parts of one cue lie apart at most.
const MAX_PART_DISTANCE: usize = 24;

#[cfg(test)]
mod tests {
    use super::*;

    /// One-hot probabilities for a tag sequence.
    fn one_hot(tags: &[usize], classes: usize) -> Probs {
        tags.iter().map(|&t| (0..classes).map(|c| f32::from(c == t)).collect()).collect()
    }

    #[test]
    fn split_quote_continues_previous() {
        // B-Direct I I O O C I O B-Indirect I O B-Direct(single subword: dropped)
        let tags = [1, 2, 2, 0, 0, QUOTE_CONTINUE as usize, 2, 0, 3, 4, 0, 1];
        let quotes = outer_quotes(&one_hot(&tags, 12), &Decoding::default());
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].parts, vec![0..3, 5..7]);
        assert_eq!(quotes[0].kind, QuoteType::Direct);
        assert_eq!(quotes[1].kind, QuoteType::Indirect);
    }

    #[test]
    fn a_quote_spread_over_types_is_still_inside() {
        // Outside 0.4 but inside-Direct 0.3 and inside-Indirect 0.3: argmax says outside.
        let spread = vec![0.4, 0.0, 0.3, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let mut probs = one_hot(&[0, 3, 4, 4], 12);
        probs.push(spread);
        probs.extend(one_hot(&[4, 0], 12));
        let quotes = outer_quotes(&probs, &Decoding::default());
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].parts, vec![1..6]);
        assert_eq!(quotes[0].kind, QuoteType::Indirect);
    }

    #[test]
    fn the_likeliest_path_cuts_where_a_begin_is_likelier_than_going_on() {
        // B-Direct I I O O C I O B-Indirect I: as the thresholds cut it.
        let tags = [1, 2, 2, 0, 0, QUOTE_CONTINUE as usize, 2, 0, 3, 4];
        let cfg = Decoding { boundaries: Boundaries::Path, ..Decoding::default() };
        let quotes = outer_quotes(&one_hot(&tags, 12), &cfg);
        assert_eq!(quotes.iter().map(|q| q.parts.clone()).collect::<Vec<_>>(), vec![vec![0..3, 5..7], vec![8..10]]);
        // An inside run without a begin: the path either starts it with a begin or leaves
        // it out, by what the subwords' tags say.
        let mut probs = one_hot(&[0, 0, 4, 4, 4, 0], 12);
        probs[3] = vec![0.1, 0.0, 0.0, 0.1, 0.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        probs[2] = vec![0.55, 0.0, 0.0, 0.4, 0.05, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(likeliest_runs(&probs), vec![(2..5, false)]);
        probs[2] = vec![0.9, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(likeliest_runs(&probs), vec![(3..5, false)]);
    }

    #[test]
    fn a_short_wobble_inside_a_run_is_bridged_but_a_gap_is_not() {
        let tags = [3, 4, 0, 0, 4, 4, 0, 0, 0, 0, 0, 4, 4];
        let runs = segments(&one_hot(&tags, 12), 0.5, 4, |c| c % 2 == 1);
        assert_eq!(runs, vec![0..6, 11..13]);
    }

    #[test]
    fn links_keep_one_speaker_and_the_cue_parts_near_the_best() {
        let mentions = [0..1, 5..6, 9..10, 60..61];
        let probs = [0.7, 0.9, 0.1, 0.8];
        assert_eq!(choose_links(&probs, &mentions, Role::Speaker), vec![1]);
        assert_eq!(choose_links(&probs, &mentions, Role::Cue), vec![0, 1]);
        assert_eq!(choose_links(&probs, &mentions, Role::Frame), vec![0, 1, 3]);
        assert!(choose_links(&[0.2], &mentions[..1], Role::Speaker).is_empty());
    }
}
