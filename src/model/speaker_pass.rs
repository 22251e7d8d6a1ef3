//! The conditioned speaker pass: a second look at each quotation's speaker, once the
//! quotations are known.
//!
//! In the order data flows: [`Context`] (the subwords around one quotation, gathered from the
//! document's encoder states, each marked as inside this quotation, inside another one or
//! outside, with its bucketed distance to the quotation and whether the rules named it this
//! quotation's speaker) → [`SpeakerPass::forward`] (a learned "nobody" slot in front, two
//! transformer layers initialised from the encoder's top layers, a start and an end scorer)
//! → [`SpeakerPass::choose`] (the likeliest span that can be a speaker, or nobody) →
//! [`apply`] (the choice replaces or fills the quotation's speaker).
//!
//! Why: the link heads score every (quotation, mention) pair from mean states that never
//! saw which quotation is asked about. Marking the quotation lets the layers attend from the
//! candidates to it (the design of the best system on this annotation scheme, a role tagger
//! conditioned on one cue). Extractive decoding (one start, one end, or the nobody slot) gives
//! one speaker per quotation, and the start and end masks keep function words and adverbs
//! from ever being chosen („Demnach“, „In“).

use super::batch::Prepared;
use super::data::{subword_range, Subwords};
use super::layer::{attention_mask, Layer};
use super::network::distance_bucket;
use crate::detect::lexicon::{is_in, AUXILIARIES, DETERMINERS, VERB_CUES};
use crate::detect::words::words;
use crate::document::{Document, Quotation, Span};
use rust_bert::bert::BertConfig;
use std::ops::Range;
use tch::nn::{self, Module};
use tch::{Kind, Tensor};

/// Shape and decision rule of the pass; saved in `model.json` (`heads.speaker_pass`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpeakerPassConfig {
    /// Transformer layers of the pass.
    pub layers: usize,
    /// Subwords of context on each side of the quotation.
    pub reach: usize,
    /// Subwords kept at each end of a longer quotation (its middle says little about who
    /// speaks, and would make the pass's cost grow with the quotation).
    pub quote_keep: usize,
    /// The pass's choice replaces a speaker already there from this probability on; below
    /// it, the pass only fills quotations without one. Chosen on dev after training.
    pub replace_from: f32,
    /// The pass also has a free tag head (one sigmoid per subword: part of this quotation's
    /// speaker or not), trained beside the start and end scorers: the ablation of candidate
    /// choice against free tagging.
    #[serde(default)]
    pub tags: bool,
    /// The speaker is read from the free tags (the likeliest run of tagged subwords) instead
    /// of the masked start/end choice. Chosen on dev after training.
    #[serde(default)]
    pub decode_tags: bool,
}

impl Default for SpeakerPassConfig {
    fn default() -> Self {
        SpeakerPassConfig { layers: 2, reach: 96, quote_keep: 64, replace_from: 0.0, tags: false, decode_tags: false }
    }
}

/// Distance buckets per sign (as the link heads').
const BUCKETS: i64 = 12;
/// Longest speaker span in subwords („der stellvertretende Sprecher des Auswärtigen Amtes“).
const MAX_SPAN: usize = 24;
/// Where a position may not start or end a speaker: a logit no softmax lets through.
const MASKED: f64 = -1e4;

/// Marks of a context position.
const OUTSIDE: i64 = 0;
const THIS_QUOTE: i64 = 1;
const OTHER_QUOTE: i64 = 2;

pub struct SpeakerPass {
    pub config: SpeakerPassConfig,
    nobody: Tensor,
    marks: nn::Embedding,
    rules: nn::Embedding,
    distance: nn::Embedding,
    layers: Vec<Layer>,
    start: nn::Linear,
    end: nn::Linear,
    tags: Option<nn::Linear>,
}

impl SpeakerPass {
    /// `layers` go in optimizer group 0 (they start pretrained and learn slowly), the rest
    /// in `head_group`.
    pub fn new(p: &nn::Path, head_group: usize, base: &BertConfig, config: SpeakerPassConfig) -> Self {
        let hidden = base.hidden_size;
        let heads = p.set_group(head_group);
        let small = nn::EmbeddingConfig { ws_init: nn::Init::Randn { mean: 0.0, stdev: 0.1 }, ..Default::default() };
        SpeakerPass {
            nobody: heads.var("nobody", &[hidden], nn::Init::Randn { mean: 0.0, stdev: 0.1 }),
            marks: nn::embedding(&heads / "marks", 3, hidden, small),
            rules: nn::embedding(&heads / "rules", 2, hidden, small),
            distance: nn::embedding(&heads / "distance", 2 * BUCKETS + 1, hidden, small),
            layers: (0..config.layers).map(|i| Layer::new(&p.set_group(0) / "layer" / i as i64, base)).collect(),
            start: nn::linear(&heads / "start", hidden, 1, Default::default()),
            end: nn::linear(&heads / "end", hidden, 1, Default::default()),
            tags: config.tags.then(|| nn::linear(&heads / "tags", hidden, 1, Default::default())),
            config,
        }
    }

    /// Start and end logits [batch, 1 + longest context] (slot 0: nobody), masked where a
    /// position may not start or end a speaker, and the free tags' logits where the pass has
    /// them (unmasked). `hidden`: each context's document states.
    pub fn forward(&self, hidden: &[&Tensor], contexts: &[&Context], train: bool) -> Logits {
        let device = self.nobody.device();
        let len = contexts.iter().map(|c| c.positions.len()).max().unwrap_or(0) + 1;
        let rows: Vec<Tensor> = hidden.iter().zip(contexts).map(|(h, c)| self.input(h, c, len)).collect();
        let kind = self.layers.first().map_or(Kind::Float, Layer::kind);
        let x = Tensor::stack(&rows, 0).to_kind(kind);
        let valid: Vec<i64> = contexts.iter().flat_map(|c| (0..len).map(move |i| i64::from(i <= c.positions.len()))).collect();
        let valid = Tensor::from_slice(&valid).view([contexts.len() as i64, len as i64]).to_device(device);
        let additive = attention_mask(&valid, x.kind());
        let h = self.layers.iter().fold(x, |h, layer| layer.forward(&h, &additive, train)).dropout(0.1, train).to_kind(Kind::Float);
        let scores = |head: &nn::Linear, starts: bool| {
            let open: Vec<bool> = contexts.iter().flat_map(|c| slots(if starts { &c.can_start } else { &c.can_end }, len)).collect();
            let open = Tensor::from_slice(&open).view([contexts.len() as i64, len as i64]).to_device(device);
            head.forward(&h).squeeze_dim(-1).masked_fill(&open.logical_not(), MASKED)
        };
        let tags = self.tags.as_ref().map(|head| head.forward(&h).squeeze_dim(-1));
        Logits { start: scores(&self.start, true), end: scores(&self.end, false), tags }
    }

    /// One context's input rows [len, hidden]: the nobody slot, then each position's state
    /// plus its marks, padded with zeros.
    fn input(&self, hidden: &Tensor, c: &Context, len: usize) -> Tensor {
        let device = self.nobody.device();
        let index = |v: &[i64]| Tensor::from_slice(v).to_device(device);
        let positions: Vec<i64> = c.positions.iter().map(|&p| p as i64).collect();
        let states = hidden.index_select(0, &index(&positions))
            + self.marks.forward(&index(&c.marks))
            + self.rules.forward(&index(&c.rules))
            + self.distance.forward(&index(&c.distance));
        let padded = Tensor::cat(&[self.nobody.unsqueeze(0), states], 0);
        padded.constant_pad_nd([0, 0, 0, (len - 1 - c.positions.len()) as i64])
    }

    /// The speaker of one quotation (a batch of one at its own length, so that the result
    /// depends on the document alone, as the engine's windows do), from the free tags where
    /// `free_tags` and the pass has them.
    pub fn choose(&self, hidden: &Tensor, context: &Context, free_tags: bool) -> Choice {
        let logits = tch::no_grad(|| self.forward(&[hidden], &[context], false));
        match logits.tags.filter(|_| free_tags) {
            Some(tags) => best_run(&Vec::<f32>::try_from(tags.get(0).sigmoid().to_kind(Kind::Float)).unwrap_or_default(), context),
            None => {
                let start = Vec::<f32>::try_from(logits.start.get(0).softmax(-1, Kind::Float)).unwrap_or_default();
                let end = Vec::<f32>::try_from(logits.end.get(0).softmax(-1, Kind::Float)).unwrap_or_default();
                best_span(&start, &end, context)
            }
        }
    }
}

impl SpeakerPass {
    /// The pass's choice for each of a document's quotations (none where a quotation covers
    /// no subword).
    pub fn choose_all(&self, hidden: &Tensor, doc: &Document, prepared: &Prepared, quotations: &[Quotation], free_tags: bool) -> Vec<Option<Choice>> {
        let open = open_to_the_pass(doc, quotations);
        let contexts = contexts(&self.config, doc, prepared, quotations);
        contexts.iter().zip(open).map(|(c, open)| c.as_ref().filter(|_| open).map(|c| self.choose(hidden, c, free_tags))).collect()
    }

    /// The training loss of a batch against each context's target slots of its speaker's
    /// first and last subword ((0, 0): nobody): cross-entropy of the start and the end
    /// choice, plus the free tags' loss where the pass has them.
    pub fn loss(&self, logits: &Logits, contexts: &[&Context], targets: &[(usize, usize)]) -> Tensor {
        let device = logits.start.device();
        let gold = |pick: fn(&(usize, usize)) -> usize| Tensor::from_slice(&targets.iter().map(|t| pick(t) as i64).collect::<Vec<_>>()).to_device(device);
        logits.start.cross_entropy_for_logits(&gold(|t| t.0)) + logits.end.cross_entropy_for_logits(&gold(|t| t.1)) + self.tag_loss(logits, contexts, targets)
    }

    /// The free tags' loss (binary cross-entropy per context subword, slot 0 and padding left
    /// out); zero without a tag head.
    fn tag_loss(&self, logits: &Logits, contexts: &[&Context], targets: &[(usize, usize)]) -> Tensor {
        let Some(tags) = &logits.tags else { return Tensor::zeros([], (Kind::Float, self.nobody.device())) };
        let len = tags.size()[1] as usize;
        let mut gold = Vec::with_capacity(contexts.len() * len);
        let mut weight = Vec::with_capacity(contexts.len() * len);
        for (c, &(first, last)) in contexts.iter().zip(targets) {
            gold.extend((0..len).map(|k| f32::from(u8::from(first > 0 && (first..=last).contains(&k)))));
            weight.extend((0..len).map(|k| f32::from(u8::from(k >= 1 && k <= c.positions.len()))));
        }
        let shape = [contexts.len() as i64, len as i64];
        let device = tags.device();
        let gold = Tensor::from_slice(&gold).view(shape).to_device(device);
        let weight = Tensor::from_slice(&weight).view(shape).to_device(device);
        let summed = tags.to_kind(Kind::Float).binary_cross_entropy_with_logits::<&Tensor>(&gold, Some(&weight), None, tch::Reduction::Sum);
        summed / weight.sum(Kind::Float)
    }
}

/// What the pass's heads say of a batch of contexts.
pub struct Logits {
    pub start: Tensor,
    pub end: Tensor,
    pub tags: Option<Tensor>,
}

/// What the pass says of one quotation's speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Subwords of the speaker, or none for nobody.
    pub speaker: Option<Range<usize>>,
    /// The choice's probability (start times end).
    pub probability: f32,
}

/// The likeliest (start, end) pair of a contiguous span of at most [`MAX_SPAN`] subwords,
/// against the nobody slot.
fn best_span(start: &[f32], end: &[f32], c: &Context) -> Choice {
    let nobody = Choice { speaker: None, probability: start[0] * end[0] };
    let mut best = nobody.clone();
    for i in 1..start.len() {
        for j in i..start.len().min(i + MAX_SPAN) {
            if j > i && c.breaks[j - 1] {
                break;
            }
            let contiguous = c.positions[j - 1] - c.positions[i - 1] == j - i;
            let p = start[i] * end[j];
            if contiguous && p > best.probability {
                best = Choice { speaker: Some(c.positions[i - 1]..c.positions[j - 1] + 1), probability: p };
            }
        }
    }
    best
}

/// Free tagging: the run of consecutive tagged subwords (probability at least ½, slot 0
/// left out) with the highest mean probability; nobody where no subword is tagged. No mask
/// applies: what a free tagger would give.
fn best_run(tags: &[f32], c: &Context) -> Choice {
    let top = tags.iter().skip(1).copied().fold(0.0f32, f32::max);
    let mut best = Choice { speaker: None, probability: 1.0 - top };
    let mut i = 1;
    while i < tags.len() {
        if tags[i] < 0.5 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < tags.len() && tags[j + 1] >= 0.5 && c.positions[j] - c.positions[j - 1] == 1 {
            j += 1;
        }
        let mean = tags[i..=j].iter().sum::<f32>() / (j + 1 - i) as f32;
        if best.speaker.is_none() || mean > best.probability {
            best = Choice { speaker: Some(c.positions[i - 1]..c.positions[j - 1] + 1), probability: mean };
        }
        i = j + 1;
    }
    best
}

/// Slot 0 (nobody) always open, then the positions' flags, then padding closed.
fn slots(allowed: &[bool], len: usize) -> impl Iterator<Item = bool> + '_ {
    std::iter::once(true).chain(allowed.iter().copied()).chain(std::iter::repeat(false)).take(len)
}

/// What the pass reads of one quotation: the document subwords around it and their marks.
#[derive(Clone, Debug)]
pub struct Context {
    /// Document subword indices, increasing.
    pub positions: Vec<usize>,
    pub marks: Vec<i64>,
    /// 1 where the rules named the subword this quotation's speaker.
    pub rules: Vec<i64>,
    pub distance: Vec<i64>,
    pub can_start: Vec<bool>,
    pub can_end: Vec<bool>,
    pub breaks: Vec<bool>,
}

/// Per document subword, whether it may start or end a speaker span.
#[derive(Clone, Debug, Default)]
pub struct Slots {
    pub can_start: Vec<bool>,
    pub can_end: Vec<bool>,
    /// Where a speaker span may not reach across.
    pub breaks: Vec<bool>,
}

impl Slots {
    /// A speaker starts at the start of a word, an opening quotation mark or bracket (the
    /// data's speakers also start with a preposition or an adjective: „In einem internen
    /// Schreiben“, „ersten Angaben“); it ends at a word that can name someone (a capitalised
    /// content word, a speaking pronoun) or a closing mark or bracket („Renate Schmidt
    /// (SPD)“). So no function word or adverb is ever a speaker by itself („Demnach“, „In“).
    pub fn new(doc: &Document, sub: &Subwords) -> Self {
        let n = sub.ids.len();
        let mut slots = Slots { can_start: vec![false; n], can_end: vec![false; n], breaks: vec![false; n] };
        let all = words(doc, Span::new(0, doc.char_len()));
        let starts_sentence = |at: usize| doc.sentences.iter().any(|s| s.start == at);
        for (k, w) in all.iter().enumerate() {
            let Some(range) = subword_range(sub, w.span) else { continue };
            // Page furniture („Von Stephan Ueberbach, ARD-Studio Brüssel“) names no speaker.
            if doc.is_boilerplate(w.span) {
                continue;
            }
            let mark = w.text.chars().next().unwrap_or(' ');
            let opening = w.is_punct() && (crate::german::opens(mark) || mark == '(');
            let closing = w.is_punct() && (crate::german::closes(mark) || mark == ')');
            let inner_capital = w.text.chars().skip(1).any(char::is_uppercase); // „el-Baradei“
            let names = !w.is_punct() && (SPEAKING_PRONOUNS.contains(&w.lower().as_str()) || inner_capital || !crate::attribute::referent::is_never_a_speaker(w));
            let addressed = k > 0 && NOT_BEFORE_A_SPEAKER.contains(&all[k - 1].lower().as_str());
            slots.can_start[range.start] |= (!w.is_punct() || opening) && !addressed;
            slots.can_end[range.end - 1] |= names || closing;
            slots.breaks[range.start] |= NOT_INSIDE_A_SPEAKER.contains(&w.lower().as_str()) || is_clause_verb(w) || starts_sentence(w.span.start);
        }
        slots
    }
}

/// Prepositions after which a person is spoken with or to, not the speaker („im Interview
/// mit Kai Küstner“, „sagte er gegenüber der Zeitung“): 12 of the 3,315 gold speakers of
/// train and dev follow one.
const NOT_BEFORE_A_SPEAKER: [&str; 5] = ["mit", "gegenüber", "an", "vor", "bei"];

/// Words a speaker phrase never runs across („Stoltenberg am Dienstag in einer
/// Pressekonferenz mit Bundeskanzler Olaf Scholz“): 2 of the 3,315 gold speakers hold one.
const NOT_INSIDE_A_SPEAKER: [&str; 1] = ["mit"];

/// A finite reporting verb or an auxiliary in lowercase („sagte“, „kritisiert“, „hatte“): the
/// speaker's clause goes on past its noun phrase („BBC News sagte der Minister“). 10 of the
/// 3,304 gold speakers of train and dev hold one (relative clauses: „die von der Basler
/// Zeitung verbreitet wurde“); 5 run across a sentence end.
fn is_clause_verb(w: &crate::detect::words::Word) -> bool {
    let finite_cue = || VERB_CUES.get(w.text).is_some_and(|cues| cues.iter().any(|c| !c.non_finite));
    w.is_lowercase() && (is_in(&AUXILIARIES, w.text) || finite_cue())
}

/// Pronouns that stand for a speaker (the rules resolve „er“ and „sie“; the others are
/// unnamed speakers in the data).
const SPEAKING_PRONOUNS: [&str; 5] = ["er", "sie", "ich", "wir", "man"];

impl Context {
    /// The context of the quotation `parts` (subword ranges, sorted) in the document whose
    /// `slots` are given; `others` are the document's other quotations, `rules_speaker` the
    /// rules' speaker mentions of this one.
    pub fn new(config: &SpeakerPassConfig, slots: &Slots, parts: &[Range<usize>], others: &[Vec<Range<usize>>], rules_speaker: &[Range<usize>]) -> Self {
        let n = slots.can_start.len();
        let (first, last) = (parts[0].start, parts.iter().map(|p| p.end).max().unwrap_or(parts[0].end));
        let mut positions: Vec<usize> = (first.saturating_sub(config.reach)..first).collect();
        if last - first > 2 * config.quote_keep {
            positions.extend(first..first + config.quote_keep);
            positions.extend(last - config.quote_keep..last);
        } else {
            positions.extend(first..last);
        }
        positions.extend(last..(last + config.reach).min(n));
        let inside = |p: usize, ranges: &[Range<usize>]| ranges.iter().any(|r| r.contains(&p));
        let mark = |p: usize| {
            if inside(p, parts) {
                THIS_QUOTE
            } else if others.iter().any(|o| inside(p, o)) {
                OTHER_QUOTE
            } else {
                OUTSIDE
            }
        };
        let distance = |p: usize| {
            let d = if p < first { p as i64 - first as i64 } else if p >= last { (p - last) as i64 + 1 } else { 0 };
            distance_bucket(d, BUCKETS)
        };
        Context {
            marks: positions.iter().map(|&p| mark(p)).collect(),
            rules: positions.iter().map(|&p| i64::from(inside(p, rules_speaker))).collect(),
            distance: positions.iter().map(|&p| distance(p)).collect(),
            can_start: positions.iter().map(|&p| slots.can_start[p]).collect(),
            can_end: positions.iter().map(|&p| slots.can_end[p]).collect(),
            breaks: positions.iter().map(|&p| slots.breaks[p]).collect(),
            positions,
        }
    }

    /// Context slots (1-based; 0 is nobody) of a span's first and last subword, if the
    /// context holds the whole span.
    pub fn slots_of(&self, span: &Range<usize>) -> Option<(usize, usize)> {
        let start = self.positions.binary_search(&span.start).ok()?;
        let end = self.positions.binary_search(&(span.end - 1)).ok()?;
        Some((start + 1, end + 1))
    }
}

/// Subword ranges of character spans (those that cover a subword).
pub fn subword_ranges(sub: &Subwords, spans: &[Span]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = spans.iter().filter_map(|&s| subword_range(sub, s)).collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// The rules' speaker mentions of the rule quotation that overlaps `quote` most, if any.
pub fn rules_speaker(prepared: &Prepared, quote: &[Span]) -> Vec<Range<usize>> {
    let best = most_overlapping(quote, &prepared.evidence.quotations);
    best.map(|q| subword_ranges(&prepared.sub, &q.speaker)).unwrap_or_default()
}

/// The quotation of `among` that shares most characters with the spans `quote`, if any
/// shares one.
pub fn most_overlapping<'a>(quote: &[Span], among: &'a [Quotation]) -> Option<&'a Quotation> {
    let shared = |q: &Quotation| -> usize {
        q.quote.iter().flat_map(|a| quote.iter().map(move |b| a.end.min(b.end).saturating_sub(a.start.max(b.start)))).sum()
    };
    among.iter().filter(|q| shared(q) > 0).max_by_key(|q| shared(q))
}

/// The contexts of a document's quotations, in their order (none for a quotation whose
/// spans cover no subword).
pub fn contexts(config: &SpeakerPassConfig, doc: &Document, prepared: &Prepared, quotations: &[Quotation]) -> Vec<Option<Context>> {
    let slots = Slots::new(doc, &prepared.sub);
    let parts: Vec<Vec<Range<usize>>> = quotations.iter().map(|q| subword_ranges(&prepared.sub, &q.quote)).collect();
    (0..quotations.len())
        .map(|i| {
            if parts[i].is_empty() {
                return None;
            }
            let others: Vec<Vec<Range<usize>>> = parts.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, p)| p.clone()).collect();
            Some(Context::new(config, &slots, &parts[i], &others, &rules_speaker(prepared, &quotations[i].quote)))
        })
        .collect()
}

/// Per quotation, whether another one overlaps it with a cue and speaker of its own (a
/// second source of the same words) while it has both too.
fn with_second_source(quotations: &[Quotation]) -> Vec<bool> {
    let attributed = |q: &Quotation| !q.cue.is_empty() && !q.speaker.is_empty();
    let overlap = |a: &Quotation, b: &Quotation| a.quote.iter().any(|s| b.quote.iter().any(|t| s.overlaps(*t)));
    let pairs = |a: &Quotation, b: &Quotation| attributed(a) && attributed(b) && a.cue != b.cue && a.speaker != b.speaker && overlap(a, b);
    quotations.iter().enumerate().map(|(i, a)| quotations.iter().enumerate().any(|(j, b)| i != j && pairs(a, b))).collect()
}

/// Which quotations the pass's choice may change, whatever it chooses; the pass is run
/// only for them (dev: about one in eight is not, for the same output).
fn open_to_the_pass(doc: &Document, quotations: &[Quotation]) -> Vec<bool> {
    let second_sources = with_second_source(quotations);
    quotations.iter().zip(second_sources).map(|(q, two_sources)| !two_sources && !keeps_its_speaker(doc, q)).collect()
}

/// Where the pass never changes a speaker (besides a passage with two sources, „Laut BBC
/// News sagte der Minister“: the rules read one speaker off each cue, and the pass, choosing
/// one per passage, would give both the same). Reported speech keeps its speaker: the subject of its speech-act verb („Die Nato
/// kündigte … an“), which the pass chose worse on dev (Reported Joint 41.8 → 38.6). „Es wird
/// angenommen, …“: the rules left a passive cue without its agent on purpose.
fn keeps_its_speaker(doc: &Document, q: &Quotation) -> bool {
    if !q.speaker.is_empty() {
        return q.kind == crate::document::QuoteType::Reported;
    }
    let cue_words: Vec<_> = q.cue.iter().flat_map(|s| words(doc, *s)).collect();
    crate::attribute::speaker::is_passive_cue(&cue_words)
}

/// The pass's choices (from [`SpeakerPass::choose_all`], none where the pass may not change
/// the speaker) where it made one: the speaker is replaced where the choice is at least
/// `replace_from` likely, filled where the quotation had none.
pub fn apply(doc: &Document, sub: &Subwords, quotations: &mut [Quotation], choices: &[Option<Choice>], config: &SpeakerPassConfig) {
    for (q, choice) in quotations.iter_mut().zip(choices) {
        let Some(choice) = choice else { continue };
        // „Nobody“ never takes a speaker away: a partial quote („so lange wie nötig“) is the
        // words of the speaker of the sentence around it, whom a desk needs to see.
        if !q.speaker.is_empty() && (choice.probability < config.replace_from || choice.speaker.is_none()) {
            continue;
        }
        let speaker: Vec<Span> = choice.speaker.iter().map(|r| doc.whole_words(super::decode::char_span(sub, r))).collect();
        if speaker.first().is_some_and(|s| !opens_phrase(doc, *s)) {
            continue;
        }
        let overruled = !q.speaker.is_empty() && !q.speaker.iter().any(|old| speaker.iter().any(|new| old.overlaps(*new)));
        q.speaker_choice = Some(crate::document::SpeakerChoice { probability: choice.probability, overruled });
        q.speaker = speaker;
        q.speaker_name = None;
        q.speaker_kind = None;
    }
    super::combine::complete_speaker_phrases(doc, quotations);
}

/// Whether several words from `span` start a noun phrase („die Polizei“, „der für das
/// Kosovo zuständige Minister“), not a relative clause („die sich auf Angaben … stützen“,
/// „die mit Daten verglichen“).
fn opens_phrase(doc: &Document, span: Span) -> bool {
    let ws = words(doc, span);
    let clause_like = |ws: &[crate::detect::words::Word]| matches!(ws[1].text, "sich" | "er" | "sie" | "es" | "man" | "wir") || ws[ws.len() - 1].is_lowercase();
    ws.len() < 2 || !is_in(&DETERMINERS, &ws[0].lower()) || crate::detect::phrase::after(&ws, 0).is_some() || !clause_like(&ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(positions: Vec<usize>) -> Context {
        let n = positions.len();
        Context { positions, marks: vec![0; n], rules: vec![0; n], distance: vec![0; n], can_start: vec![true; n], can_end: vec![true; n], breaks: vec![false; n] }
    }

    #[test]
    fn a_relative_clause_does_not_open_a_speaker() {
        let text = "Laut Ämtern, die sich auf Zahlen stützen, und der für das Land zuständige Minister Jan Ott sagte es.";
        let doc = Document::new("t", text);
        let span = |part: &str| {
            let start = text[..text.find(part).unwrap()].chars().count();
            Span::new(start, start + part.chars().count())
        };
        assert!(!opens_phrase(&doc, span("die sich auf Zahlen stützen")));
        assert!(opens_phrase(&doc, span("der für das Land zuständige Minister Jan Ott")));
        assert!(opens_phrase(&doc, span("Ämtern")));
    }

    /// A pass of random tiny layers learns to point at a marked speaker: its loss falls.
    #[test]
    fn a_tiny_pass_learns_a_toy_batch() {
        use tch::nn::OptimizerConfig;
        tch::manual_seed(3);
        let base: BertConfig = serde_json::from_value(serde_json::json!({
            "hidden_act": "gelu", "attention_probs_dropout_prob": 0.0, "hidden_dropout_prob": 0.0,
            "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
            "max_position_embeddings": 64, "num_attention_heads": 4, "num_hidden_layers": 1,
            "type_vocab_size": 1, "vocab_size": 50
        }))
        .unwrap();
        let store = nn::VarStore::new(tch::Device::Cpu);
        let config = SpeakerPassConfig { layers: 1, reach: 4, quote_keep: 4, tags: true, ..Default::default() };
        let pass = SpeakerPass::new(&store.root(), 1, &base, config.clone());
        let hidden = Tensor::randn([20, 32], (Kind::Float, tch::Device::Cpu));
        let slots = Slots { can_start: vec![true; 20], can_end: vec![true; 20], breaks: vec![false; 20] };
        // Three quotations: the speaker is the rules' mention next to each, or nobody.
        let contexts = [
            Context::new(&config, &slots, &[8..11], &[], &[6..8]),
            Context::new(&config, &slots, &[2..4], &[], &[5..6]),
            Context::new(&config, &slots, &[14..17], &[], &[]),
        ];
        let targets: Vec<(usize, usize)> = vec![contexts[0].slots_of(&(6..8)).unwrap(), contexts[1].slots_of(&(5..6)).unwrap(), (0, 0)];
        let mut opt = nn::Adam::default().build(&store, 1e-2).unwrap();
        let loss = || {
            let refs: Vec<&Context> = contexts.iter().collect();
            let logits = pass.forward(&[&hidden, &hidden, &hidden], &refs, true);
            pass.loss(&logits, &refs, &targets)
        };
        let first = loss().double_value(&[]);
        for _ in 0..60 {
            let l = loss();
            opt.zero_grad();
            l.backward();
            opt.step();
        }
        let last = loss().double_value(&[]);
        assert!(last < first / 4.0, "loss {first:.3} -> {last:.3}");
        for free_tags in [false, true] {
            assert_eq!(pass.choose(&hidden, &contexts[0], free_tags).speaker, Some(6..8), "free tags: {free_tags}");
            assert_eq!(pass.choose(&hidden, &contexts[2], free_tags).speaker, None, "free tags: {free_tags}");
        }
    }

    #[test]
    fn the_best_span_is_contiguous_or_nobody() {
        // Slots: nobody, then positions 3, 4, 9 (a gap between 4 and 9).
        let c = context(vec![3, 4, 9]);
        let best = best_span(&[0.1, 0.7, 0.1, 0.1], &[0.1, 0.1, 0.7, 0.1], &c);
        assert_eq!(best.speaker, Some(3..5));
        let across_the_gap = best_span(&[0.3, 0.6, 0.05, 0.05], &[0.3, 0.05, 0.05, 0.6], &c);
        assert_eq!(across_the_gap.speaker, None, "3..10 is not contiguous; nobody (0.09) beats every other pair");
        assert_eq!(best_span(&[0.9, 0.1, 0.0, 0.0], &[0.9, 0.0, 0.1, 0.0], &c).speaker, None);
    }

    #[test]
    fn free_tags_give_the_surest_run_or_nobody() {
        // Slots: nobody, then positions 3, 4, 5, 9 (a gap between 5 and 9).
        let c = context(vec![3, 4, 5, 9]);
        assert_eq!(best_run(&[0.0, 0.6, 0.7, 0.1, 0.9], &c).speaker, Some(9..10), "mean 0.9 beats 0.65");
        assert_eq!(best_run(&[0.0, 0.1, 0.8, 0.9, 0.7], &c).speaker, Some(4..6), "the gap ends the run at 5 (mean 0.85 beats 0.7)");
        let nobody = best_run(&[0.9, 0.2, 0.3, 0.1, 0.4], &c);
        assert_eq!(nobody.speaker, None);
        assert!((nobody.probability - 0.6).abs() < 1e-6);
    }

    #[test]
    fn a_long_quotation_keeps_its_ends_and_the_marks_say_whose() {
        let config = SpeakerPassConfig { reach: 3, quote_keep: 2, ..Default::default() };
        let slots = Slots { can_start: vec![true; 30], can_end: vec![true; 30], breaks: vec![false; 30] };
        let c = Context::new(&config, &slots, &[10..20], &[vec![22..24]], &[8..9]);
        assert_eq!(c.positions, vec![7, 8, 9, 10, 11, 18, 19, 20, 21, 22]);
        assert_eq!(c.marks, vec![0, 0, 0, 1, 1, 1, 1, 0, 0, 2]);
        assert_eq!(c.rules, vec![0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(c.slots_of(&(8..10)), Some((2, 3)));
        assert_eq!(c.slots_of(&(2..4)), None);
    }

    #[test]
    fn two_sources_of_the_same_words_keep_their_speakers() {
        let quotation = |quote: (usize, usize), cue: (usize, usize), speaker: (usize, usize)| {
            let mut q = Quotation::new(crate::document::QuoteType::Indirect, vec![Span::new(quote.0, quote.1)]);
            (q.cue, q.speaker) = (vec![Span::new(cue.0, cue.1)], vec![Span::new(speaker.0, speaker.1)]);
            q
        };
        // „Laut dem Sender sagte die Ministerin, dass …“: marker's and verb's quotations.
        let marker = quotation((21, 80), (0, 4), (5, 15));
        let verb = quotation((40, 80), (21, 26), (27, 39));
        let elsewhere = quotation((90, 120), (121, 126), (127, 140));
        assert_eq!(with_second_source(&[marker.clone(), verb.clone(), elsewhere.clone()]), [true, true, false]);
        // A nested quote sharing its container's cue and speaker is no second source.
        let mut nested = verb.clone();
        nested.quote = vec![Span::new(50, 60)];
        assert_eq!(with_second_source(&[verb, nested, elsewhere]), [false, false, false]);
    }
}
