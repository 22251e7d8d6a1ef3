//! Rules and model together, the model engine's default. The rules find quotations; the
//! model vetoes those it does not support, supplies the roles the rules miss, the medium,
//! and quotations the rules do not see. On dev (Joint F1, bf16, the shipped model with its
//! speaker pass): rules alone 70.8, the model alone 69.3, the rules leading as below 76.4
//! (75.7 before the veto). The added-quotation threshold was chosen with an earlier model.

use crate::detect::lexicon::{is_in, is_preposition, AUXILIARIES, COUNTRIES, DETERMINERS, PRONOUNS, VERB_CUES};
use crate::german::is_mark;
use crate::detect::{phrase, words::{words, Word}};
use crate::document::{Document, QuoteType, Quotation, Span};

/// A model quotation that overlaps no rule quotation is kept from this confidence on
/// (dev Joint F1 with 0 / 0.6 / 0.75: 61.8 / 62.4 / 62.8, before role borrowing).
pub const MIN_ADDED_CONFIDENCE: f32 = 0.75;

/// Every rule quotation the model supports, completed by the model quotation overlapping
/// it; then the model's confident quotations that overlap no rule quotation.
pub fn rules_lead(rules: Vec<Quotation>, model: Vec<Quotation>) -> Vec<Quotation> {
    let completed: Vec<Quotation> = rules
        .into_iter()
        .filter_map(|rule| match model.iter().find(|m| overlap(m, &rule)) {
            Some(m) => Some(complete(rule, m)),
            None => stands_alone(&rule).then_some(rule),
        })
        .collect();
    let added: Vec<Quotation> = model
        .into_iter()
        .filter(|m| m.confidence >= MIN_ADDED_CONFIDENCE && !completed.iter().any(|r| overlap(m, r)))
        .collect();
    completed.into_iter().chain(added).collect()
}

/// Whether a rule quotation stays where no model quotation overlaps it. Only Reported speech
/// does: the model misses most of it (leading itself, Reported recall 33 % on dev, against
/// 72 % over all types), so its silence there says little; elsewhere it is mostly the rules'
/// false alarms that it leaves out. Dev, bf16: dropping the unsupported quotations of every
/// other type took Messages F1 78.35 → 79.23 (precision 77.9 → 80.6, recall 78.8 → 77.9),
/// Joint 75.73 → 76.35; dropping Reported too gave Joint 76.50 but Reported 40.7 → 36.4,
/// its recall the weakest of all types already.
fn stands_alone(rule: &Quotation) -> bool {
    rule.kind == QuoteType::Reported
}

/// A direct quotation with no quotation mark at or next to either end is no direct
/// quotation („Beitritt des Landes zur Nato“ tagged Direct inside a narrative sentence).
pub fn is_plausible(doc: &Document, q: &Quotation) -> bool {
    let near = |s: &Span| {
        let around = Span::new(s.start.saturating_sub(2), (s.end + 2).min(doc.char_len()));
        let text = doc.slice(around);
        text.chars().take(3).any(is_mark) || text.chars().rev().take(3).any(is_mark)
    };
    q.kind != QuoteType::Direct || q.quote.iter().any(near)
}

/// The dataset gives free indirect, continued and reported speech no cue or frame.
fn without_cue_unless_cued(q: &mut Quotation) {
    if !q.kind.takes_cue() {
        q.cue.clear();
        q.frame.clear();
    }
}

/// Speaker, cue and frame from the model where the rules found none, cue and frame only for
/// direct and indirect speech (the cue-less types borrowing them cost 1.2 Joint F1 on dev;
/// the model's addressees do not help, and replacing a rule speaker cost 0.7); the medium
/// and the confidence always from the model.
fn complete(mut rule: Quotation, model: &Quotation) -> Quotation {
    let cued = rule.kind.takes_cue();
    for (mine, theirs, borrow) in [
        (&mut rule.speaker, &model.speaker, true),
        (&mut rule.cue, &model.cue, cued),
        (&mut rule.frame, &model.frame, cued),
    ] {
        if mine.is_empty() && borrow {
            mine.clone_from(theirs);
        }
    }
    rule.medium = model.medium;
    rule.confidence = model.confidence;
    rule
}

/// Model spans as a reader expects them: whole words (a subword run can start or end inside
/// one: „beton“ of „betonte“), speakers with their noun phrase.
pub fn tidy(doc: &Document, quotations: &mut [Quotation]) {
    for q in quotations.iter_mut() {
        for spans in [&mut q.quote, &mut q.speaker, &mut q.cue, &mut q.frame, &mut q.addressee] {
            spans.iter_mut().for_each(|s| *s = doc.whole_words(*s));
        }
    }
    complete_speaker_phrases(doc, quotations);
    quotations.iter_mut().for_each(without_cue_unless_cued);
}

/// Model speaker mentions fitted to the noun phrase the rules read from their start, so
/// that the name can be resolved and a desk reads a phrase, not a fragment.
pub(super) fn complete_speaker_phrases(doc: &Document, quotations: &mut [Quotation]) {
    for span in quotations.iter_mut().flat_map(|q| q.speaker.iter_mut()) {
        *span = fit_phrase(doc, *span);
    }
}

/// The mention `span` grown over the determiner just before it („Deutsche Bank“ → „die
/// Deutsche Bank“); grown to its phrase's end where it stops at a determiner („der“ of
/// „der Nato-Chef“), inside a bracket or a truncated compound („Kongress- und
/// Verteidigungskreise“); cut at the phrase's end where it runs on into a verb, an object or
/// a relative clause („Der BGH widersprach …“, „Ein Beamter, den die Zeitung …“).
fn fit_phrase(doc: &Document, span: Span) -> Span {
    let window = Span::new(span.start.saturating_sub(PHRASE_REACH), (span.end + PHRASE_REACH).min(doc.char_len()));
    let ws = words(doc, window);
    let (Some(first), Some(last)) = (ws.iter().position(|w| w.span.start >= span.start), ws.iter().rposition(|w| w.span.end <= span.end)) else { return span };
    if last < first {
        return span;
    }
    let determiner = |k: usize| is_in(&DETERMINERS, &ws[k].lower());
    let start = if first > 0 && determiner(first - 1) && !determiner(first) && !is_in(&PRONOUNS, ws[first].text) && ws[first].is_capitalised() { first - 1 } else { first };
    // („der Leyen“ of „so von der Leyen“: a surname's particles belong to it.)
    let start = (first.saturating_sub(2)..first).find(|&p| phrase::particle_name_start(&ws, p).is_some_and(|surname| surname >= first)).unwrap_or(start);
    let Some((_, phrase_end)) = phrase::after(&ws, start) else { return Span::new(ws[start].span.start, span.end) };
    let mut end = last + 1;
    let truncated = ws.get(end).is_some_and(|w| w.is("-") && w.span.start == ws[last].span.end) && ws.get(end + 1).is_some_and(|w| matches!(w.text, "und" | "oder"));
    let unclosed = ws[start..end].iter().filter(|w| w.is("(")).count() > ws[start..end].iter().filter(|w| w.is(")")).count();
    if unclosed {
        end = (end..(end + 12).min(ws.len())).find(|&k| ws[k].is(")")).map_or(end, |close| close + 1);
    } else if truncated {
        end = phrase::after(&ws, end + 2).map_or(end, |(_, second)| second);
    } else if phrase_end > end && determiner(last) {
        end = phrase_end;
    } else if phrase_end == end + 1 && is_in(&COUNTRIES, ws[end].text) {
        // „Greenpeace“ of „Greenpeace Österreich sagte“: the phrase read the branch's country.
        end = phrase_end;
    } else if phrase_end < end && runs_on(&ws[start..phrase_end], &ws[phrase_end..end]) {
        end = phrase_end;
    }
    Span::new(ws[start].span.start, ws[end - 1].span.end)
}

/// Words after a noun phrase that are not part of the speaker: a verb, an adverb, a dative
/// or accusative object, or a comma before a relative clause. Not a prepositional or
/// genitive attribute („vom Institut in Heidelberg“, „aller Mönche“), an adjective after a
/// genitive („Mannheims oberster Bürgermeister“) or words inside a quoted name, which the
/// rules' phrase does not read but the dataset's speakers keep.
fn runs_on(mention: &[Word], rest: &[Word]) -> bool {
    let in_quotes = mention.iter().filter(|w| crate::german::word_is(w.text, crate::german::opens_double)).count() % 2 == 1;
    let first = &rest[0];
    if in_quotes {
        return false;
    }
    if first.is(",") {
        let relative = |k: usize| rest.get(k).is_some_and(|w| is_in(&RELATIVE_PRONOUNS, w.text));
        return relative(1) && phrase::after(rest, 1).is_none() || rest.get(1).is_some_and(|w| is_preposition(w.text)) && relative(2);
    }
    // „Jens Stoltenberg Russland und die Bündnispartner (eingeladen)“: a country after a
    // name opens the object.
    // („der Bundesrepublik Deutschland“: the country names the state.)
    let state = mention.last().is_some_and(|w| ["republik", "königreich", "emirat"].iter().any(|e| w.lower().ends_with(e)));
    if is_in(&COUNTRIES, first.text) && !state {
        return true;
    }
    let lower = first.lower();
    if !first.is_lowercase() || is_preposition(&lower) || matches!(first.text, "und" | "oder" | "sowie") {
        return false;
    }
    if is_in(&DETERMINERS, &lower) {
        return matches!(first.text, "dem" | "den" | "einem" | "einen");
    }
    let verb = VERB_CUES.contains_key(lower.as_str()) || is_in(&AUXILIARIES, &lower);
    let adjective = ["e", "en", "er", "es", "em"].iter().any(|s| lower.ends_with(s)) && lower.chars().count() > 3;
    // „der Gewerkschaft verdi Frank Bsirske“: a lowercase name before a name.
    let lowercase_name = rest.get(1).is_some_and(Word::is_capitalised);
    verb || !adjective && !lowercase_name
}

/// Pronouns that open a relative clause after a comma („, den die Zeitung zitiert“).
const RELATIVE_PRONOUNS: [&str; 11] = ["der", "die", "das", "den", "dem", "deren", "dessen", "denen", "welcher", "welche", "welches"];

/// Characters around a mention that its noun phrase may take („der neue Generalsekretär …“).
const PHRASE_REACH: usize = 120;

/// Only reported speech holds its own speaker („Die Polizei bittet um Hinweise“): in the
/// dataset no other quotation does (train 0 of 2,411, dev 0 of 522 with a speaker). A
/// quotation of another type that holds its speaker ran over its frame: a part that is the
/// frame goes („In einem Papier des Ministeriums | heißt es, | die Prüfung habe …“); a part
/// that runs on past it („Politische Beobachter wiesen darauf hin, dass …“) begins after the
/// frame's last comma or colon before its first Konjunktiv I, as indirect speech. Without
/// such a frame the speaker is one of the quotation's own words („Aber auch Moskau wisse,
/// …“) and goes.
pub fn speakers_outside(doc: &Document, quotations: &mut [Quotation]) {
    for q in quotations.iter_mut().filter(|q| q.kind != QuoteType::Reported) {
        let Some((k, speaker)) = q.quote.iter().enumerate().find_map(|(k, part)| Some((k, *q.speaker.iter().find(|s| part.contains(**s))?))) else { continue };
        let part = q.quote[k];
        match frame_end(doc, Span::new(speaker.end, part.end)) {
            Some(start) => {
                q.quote[k] = Span::new(start, part.end);
                q.kind = QuoteType::Indirect;
            }
            None if q.quote.len() > 1 => {
                q.quote.remove(k);
            }
            None => q.speaker.clear(),
        }
    }
}

/// Where the quotation after a frame begins: after the last comma or colon of `rest` that
/// comes before its first Konjunktiv I (the frame's own commas, „X, der …, zog …
/// zurück, [quotation]“, come earlier). In the indicative the frame's end is not sought:
/// taking the first comma there cost dev 0.06 Joint.
fn frame_end(doc: &Document, rest: Span) -> Option<usize> {
    let ws = words(doc, rest);
    let subjunctive = ws.iter().position(crate::detect::indirect::is_subjunctive)?;
    let boundary = ws[..subjunctive].iter().rposition(|w| w.is(",") || w.is(":"))?;
    ws.get(boundary + 1).map(|w| w.span.start)
}

fn overlap(a: &Quotation, b: &Quotation) -> bool {
    a.quote.iter().any(|x| b.quote.iter().any(|y| x.overlaps(*y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(start: usize, end: usize, confidence: f32) -> Quotation {
        Quotation { confidence, ..Quotation::new(QuoteType::Indirect, vec![Span::new(start, end)]) }
    }

    #[test]
    fn rules_keep_their_roles_and_the_model_fills_the_gaps() {
        let mut rule = quote(10, 40, 0.9);
        rule.cue = vec![Span::new(0, 5)];
        let mut model = quote(12, 40, 0.8);
        model.cue = vec![Span::new(6, 9)];
        model.speaker = vec![Span::new(45, 50)];
        let out = rules_lead(vec![rule], vec![model]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].quote, vec![Span::new(10, 40)]);
        assert_eq!(out[0].cue, vec![Span::new(0, 5)]);
        assert_eq!(out[0].speaker, vec![Span::new(45, 50)]);
        assert_eq!(out[0].confidence, 0.8);
    }

    /// The speaker the model marked (`marked`, found in `text`) as `fit_phrase` leaves it.
    fn fitted(text: &str, marked: &str) -> String {
        let doc = Document::new("t", text);
        let start = text[..text.find(marked).expect("marked words in the text")].chars().count();
        doc.slice(fit_phrase(&doc, Span::new(start, start + marked.chars().count()))).to_string()
    }

    #[test]
    fn model_speakers_are_fitted_to_their_noun_phrase() {
        let cut = "Der Rat widersprach allerdings der Ansicht, die Klage sei zulässig.";
        assert_eq!(fitted(cut, "Der Rat widersprach allerdings der Ansicht"), "Der Rat", "a verb ends the speaker");
        let relative = "Ein Beamter, den die Lokalzeitung zitiert, sagte, der Plan sei gescheitert.";
        assert_eq!(fitted(relative, "Ein Beamter, den die Lokalzeitung"), "Ein Beamter", "a relative clause is not the speaker");
        let object = "Nachdem die Anwältin der Klägerin dem Richter mitgeteilt hatte, dass …";
        assert_eq!(fitted(object, "die Anwältin der Klägerin dem Richter"), "die Anwältin der Klägerin");
        let article = "Nach einem Treffen hält die Sparkasse am Plan fest.";
        assert_eq!(fitted(article, "Sparkasse"), "die Sparkasse", "the article before the name");
        let bracket = "Das sagte Hanna Roth vom Umweltamt (Abteilung Wasser, AW) am Montag.";
        assert_eq!(fitted(bracket, "Hanna Roth vom Umweltamt (Abteilung Wasser, AW"), "Hanna Roth vom Umweltamt (Abteilung Wasser, AW)");
        let truncated = "Es gebe Tote, so Regierungs- und Polizeikreise.";
        assert_eq!(fitted(truncated, "Regierungs"), "Regierungs- und Polizeikreise", "a truncated compound goes on");
        let attribute = "„Das ist Eis“, sagt Lena Kurz vom Institut für Physik in Jena.";
        assert_eq!(fitted(attribute, "Lena Kurz vom Institut für Physik in Jena"), "Lena Kurz vom Institut für Physik in Jena", "a place attribute stays");
        let apposition = "Sie betonte, sagte Ali Demir, der Sprecher des Verbandes der Bäcker, es fehle Mehl.";
        assert_eq!(fitted(apposition, "Ali Demir, der Sprecher des Verbandes der Bäcker"), "Ali Demir, der Sprecher des Verbandes der Bäcker");
        let object = "Dazu hat Generalsekretär Jan Berg Russland und die Partner eingeladen.";
        assert_eq!(fitted(object, "Jan Berg Russland und die Partner"), "Jan Berg", "a country after the name is the object");
        let state = "Das Auswärtige Amt der Bundesrepublik Deutschland meldete, der Flug sei gelandet.";
        assert_eq!(fitted(state, "Das Auswärtige Amt der Bundesrepublik Deutschland"), "Das Auswärtige Amt der Bundesrepublik Deutschland", "the country names the republic");
        let saxon = "Berlins oberster Richter Paul Kern spricht von einer „Wende“.";
        assert_eq!(fitted(saxon, "Berlins oberster Richter Paul Kern"), "Berlins oberster Richter Paul Kern");
    }

    #[test]
    fn model_spans_grow_to_whole_words_and_speakers_to_their_noun_phrase() {
        let text = "„Wir bleiben dabei“, sagte der Nato-Chef am Montag.";
        let doc = Document::new("t", text);
        let at = text.chars().count() - "der Nato-Chef am Montag.".chars().count();
        let mut q = quote(0, 19, 0.9);
        q.speaker = vec![Span::new(at, at + 3)];
        q.cue = vec![Span::new(21, 24)];
        tidy(&doc, std::slice::from_mut(&mut q));
        assert_eq!(doc.slice(q.speaker[0]), "der Nato-Chef");
        assert_eq!(doc.slice(q.cue[0]), "sagte", "a cue cut inside the word grows to it");
    }

    #[test]
    fn cue_less_speech_borrows_only_the_speaker() {
        let rule = Quotation::new(QuoteType::IndirectFreeIndirect, vec![Span::new(10, 40)]);
        let mut model = quote(10, 40, 0.8);
        model.cue = vec![Span::new(0, 5)];
        model.frame = vec![Span::new(0, 9)];
        model.speaker = vec![Span::new(0, 3)];
        let out = rules_lead(vec![rule], vec![model]);
        assert_eq!(out[0].speaker, vec![Span::new(0, 3)]);
        assert!(out[0].cue.is_empty() && out[0].frame.is_empty());
    }

    #[test]
    fn a_direct_quotation_needs_a_quotation_mark_at_an_end() {
        let doc = Document::new("t", "Seit dem Beitritt des Landes sagte er: „Wir sind sicher.“");
        let direct = |start, end| Quotation::new(QuoteType::Direct, vec![Span::new(start, end)]);
        assert!(!is_plausible(&doc, &direct(5, 28)), "a narrative phrase");
        assert!(is_plausible(&doc, &direct(40, 55)), "a quote cut just inside its marks");
        assert!(is_plausible(&doc, &Quotation::new(QuoteType::Indirect, vec![Span::new(5, 28)])));
    }

    #[test]
    fn a_rule_quotation_the_model_does_not_support_is_dropped_unless_reported() {
        let reported = Quotation::new(QuoteType::Reported, vec![Span::new(60, 80)]);
        let out = rules_lead(vec![quote(0, 10, 0.9), quote(20, 30, 0.9), reported], vec![quote(2, 8, 0.3)]);
        let kept: Vec<(QuoteType, Vec<Span>)> = out.iter().map(|q| (q.kind, q.quote.clone())).collect();
        assert_eq!(kept, vec![(QuoteType::Indirect, vec![Span::new(0, 10)]), (QuoteType::Reported, vec![Span::new(60, 80)])]);
    }

    /// Quotation and speaker spans of `text` by the words they start and end with.
    fn spans_of(text: &str, from: &str, to: &str) -> Span {
        let chars = |byte: usize| text[..byte].chars().count();
        let start = text.find(from).unwrap();
        Span::new(chars(start), chars(text[start..].find(to).unwrap() + start + to.len()))
    }

    #[test]
    fn a_quotation_that_holds_its_speaker_loses_its_frame_or_the_speaker() {
        let text = "Politische Beobachter wiesen darauf hin, dass die Lage ernst sei. In einem Bericht des Ministeriums heißt es, die Lage sei ernst. Aber auch Moskau wisse, dass niemand gewinne. Die Polizei bittet um Hinweise.";
        let doc = Document::new("t", text);
        let with = |kind, parts: Vec<Span>, speaker: Span| Quotation { speaker: vec![speaker], ..Quotation::new(kind, parts) };
        let mut qs = vec![
            with(QuoteType::IndirectFreeIndirect, vec![spans_of(text, "Politische", "sei.")], spans_of(text, "Politische", "Beobachter")),
            with(QuoteType::Indirect, vec![spans_of(text, "In einem", "Ministeriums"), spans_of(text, "die Lage sei", "ernst.")], spans_of(text, "einem Bericht", "Ministeriums")),
            with(QuoteType::Indirect, vec![spans_of(text, "Aber", "gewinne.")], spans_of(text, "Moskau", "Moskau")),
            with(QuoteType::Reported, vec![spans_of(text, "Die Polizei", "Hinweise.")], spans_of(text, "Die Polizei", "Polizei")),
        ];
        speakers_outside(&doc, &mut qs);
        assert_eq!(doc.slice(qs[0].quote[0]), "dass die Lage ernst sei.");
        assert_eq!(qs[0].kind, QuoteType::Indirect);
        assert_eq!(qs[1].quote.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>(), ["die Lage sei ernst."]);
        assert_eq!(qs[1].speaker.len(), 1);
        assert!(qs[2].speaker.is_empty(), "Moskau is what the quotation speaks of");
        assert_eq!(doc.slice(qs[3].speaker[0]), "Die Polizei");
    }

    #[test]
    fn only_confident_model_quotations_are_added() {
        let out = rules_lead(vec![quote(0, 10, 0.9)], vec![quote(20, 30, 0.9), quote(40, 50, 0.5), quote(5, 15, 0.99)]);
        let spans: Vec<Vec<Span>> = out.iter().map(|q| q.quote.clone()).collect();
        assert_eq!(spans, vec![vec![Span::new(0, 10)], vec![Span::new(20, 30)]]);
    }
}
