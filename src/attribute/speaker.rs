//! Speaker, frame and addressee of a quotation with a cue, read off the same cue analysis
//! the detector used: the subject of a reporting verb (before or after it), the source
//! phrase of laut/zufolge/nach Angaben/so, the word itself for demnach/wonach.

use crate::detect::cues::{self, merge, Cue, CueKind};
use crate::detect::indirect::body_end;
use crate::detect::lexicon::{is_in, is_preposition, is_role_noun, COUNTRIES, DETERMINERS, PRONOUNS, VERB_CUES};
use crate::detect::phrase;
use super::referent::{referent, Referent};
use crate::detect::words::{cover, words, Word};
use crate::document::{Document, Quotation, QuoteType, Span};

/// Roles found for one quotation, as word ranges turned into spans.
#[derive(Debug, Default, PartialEq)]
pub struct Roles {
    pub speaker: Vec<Span>,
    pub frame: Vec<Span>,
    pub addressee: Vec<Span>,
}

/// Roles of a quotation with the cue `found` (as detection analysed it), within the words
/// of its sentence. `other_quotes` are the document's other direct quotes: the second part
/// of „…“, sagte X, „…“ is not in the first part's frame.
pub fn roles(ws: &[Word], quote: &[Span], found: &Cue, kind: QuoteType, other_quotes: &[Span]) -> Roles {
    let cue = found.spans(ws);
    let speaker = speaker_range(ws, found);
    let frame = match found.kind {
        CueKind::Verb(_) | CueKind::HeisstEs if kind == QuoteType::Direct => {
            let quoted: Vec<Span> = quote.iter().chain(other_quotes).copied().collect();
            rest_of_sentence(ws, &quoted).into_iter().filter(|run| cue.iter().any(|c| run.overlaps(*c))).collect()
        }
        // „In einem Papier des Ministeriums heißt es, …“: the clause is the frame, as a verb's.
        CueKind::Verb(_) | CueKind::HeisstEs => rest_of_sentence(ws, quote),
        _ => source_frame(ws, found),
    };
    let addressee = addressee(ws, found, speaker);
    let to_spans = |r: Option<(usize, usize)>| r.map(|(s, e)| vec![cover(&ws[s..e])]).unwrap_or_default();
    Roles { speaker: to_spans(speaker), frame, addressee: to_spans(addressee) }
}

fn speaker_range(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    match cue.kind {
        CueKind::Verb(_) if is_passive(ws, cue) => agent(ws, cue),
        CueKind::Verb(_) => subject(ws, cue),
        CueKind::Demnach => Some((cue.head, cue.head + 1)),
        CueKind::HeisstEs => place_of_writing(ws, cue),
        _ => cue.source,
    }
}

/// „wird vermutet“, „wurde ihm vorgeworfen“, „Es wird angenommen“: a reporting verb in the
/// passive, whose subject is what was said or whom it was said of. (Not „wird zitiert“: who
/// is quoted speaks; not „wird erklären“, the future.) In the data 66 of 127 passive cues
/// have no speaker and 55 another phrase than the subject.
fn is_passive(ws: &[Word], cue: &Cue) -> bool {
    let parts: Vec<Word> = cue.parts.iter().map(|&k| ws[k]).collect();
    is_passive_cue(&parts)
}

/// Whether the words of a cue are a reporting verb in the passive (see [`is_passive`]).
pub fn is_passive_cue(cue: &[Word]) -> bool {
    let werden = cue.iter().any(|w| matches!(w.text, "wird" | "wurde" | "werden" | "wurden" | "worden"));
    let participle = |w: &Word| {
        let form = w.lower();
        let forms = VERB_CUES.get(form.as_str()).map_or(&[][..], |f| &f[..]);
        forms.iter().any(|f| f.non_finite) && !(forms.iter().any(|f| !f.non_finite) && form.ends_with('n')) && !form.starts_with("zitier")
    };
    werden && cue.iter().any(participle)
}

/// „In dem Bericht heißt es“, „hieß es bei der Agentur RIA“, „Aus Paris hieß es“: the
/// document, body or place of „heißt es“, the phrase after a preposition in its clause (the
/// dataset's speaker in 36 of its 48 such cues; 12 have none).
fn place_of_writing(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    let (start, end) = (cues::clause_start(ws, cue.parts[0]), cues::clause_end(ws, cue.head));
    let place = |k: usize| matches!(ws[k].lower().as_str(), "in" | "im" | "auf" | "bei" | "aus" | "vom" | "von") && !cue.parts.contains(&k);
    (start..end).filter(|&k| place(k)).find_map(|k| phrase::after(ws, k + 1))
}

/// The agent of a passive cue („wurde von der Polizei mitgeteilt“), or nobody.
fn agent(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    let start = cues::clause_start(ws, cue.parts[0]);
    let end = cues::clause_end(ws, cue.head);
    let by = (start..end).filter(|&k| matches!(ws[k].lower().as_str(), "von" | "vom" | "seitens")).find_map(|k| phrase::after(ws, k + 1));
    // „In einem Bericht der Zeitung wurde vermutet“: the document that says it.
    let document = |r: &(usize, usize)| matches!(referent(&ws[r.0..r.1]), Referent::Document(_));
    by.or_else(|| (start..end).filter(|&k| matches!(ws[k].lower().as_str(), "in" | "im")).find_map(|k| phrase::after(ws, k + 1).filter(document)))
}

/// The verb's subject: a phrase that ends right at the cue („Der Minister sagte“), the
/// phrase after „wie“ or the auxiliary („Wie die Polizei mitteilte“, „hatte Obama …
/// gesagt“), else the phrase right after the verb („sagte der Minister“).
fn subject(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    let first = cue.parts[0];
    let wie = ws[first].lower() == "wie";
    let inner = if wie { first + 1 } else { first };
    if let Some(r) = subject_before(ws, inner, cue.head) {
        return Some(inverted(ws, r, cue).unwrap_or(r));
    }
    if !wie && first != cue.head {
        if let Some(person) = person_before_auxiliary(ws, first) {
            return Some(person);
        }
    }
    if wie || first != cue.head {
        // „Wie die Polizei (heute) (bekannt) gab“: adverbs or a particle may follow the subject.
        let reaches_verb = |e: usize| e == cue.head || e < cue.head && !ws[e..cue.head].iter().any(|w| w.is_punct());
        if let Some(r) = phrase::after(ws, first + 1).filter(|&(_, e)| !wie || reaches_verb(e)) {
            return Some(r);
        }
    }
    // „Dieser bestätigte, …“; not „Der bestätigte die Polizei“, whose subject follows.
    let subject_follows = || phrase::after(ws, cue.head + 1).is_some_and(|(s, _)| !matches!(ws[s].text, "einen" | "den" | "dem" | "einem"));
    if let Some(pronoun) = pronoun_subject(ws, inner).filter(|_| !subject_follows()) {
        return Some(pronoun);
    }
    if let Some(shared) = subject_of_first_conjunct(ws, cue) {
        return Some(shared);
    }
    let mut after = cue.head + 1;
    while ws.get(after).is_some_and(|w| matches!(w.text, "sich" | "zudem" | "auch" | "nun" | "jedoch" | "dazu" | "außerdem" | "weiter" | "aber")) {
        after += 1;
    }
    // „schlossen einen Anschlag aus“: an accusative or dative object is no subject.
    phrase::after(ws, after).filter(|&(s, _)| !matches!(ws[s].text, "einen" | "den" | "dem" | "einem"))
}

/// „Der Fraktionsvorsitzende im Landtag, Wolfgang Jüttner, hatte Lenz aufgefordert“,
/// „Politiker aus anderen Parteien haben der Ministerin vorgeworfen“: a sentence that opens
/// with a person (a name or a person noun) before the auxiliary has its subject there; the
/// person after the auxiliary is the object.
fn person_before_auxiliary(ws: &[Word], auxiliary: usize) -> Option<(usize, usize)> {
    let end = if auxiliary > 0 && ws[auxiliary - 1].is(",") { auxiliary - 1 } else { auxiliary };
    let opening = ws.get(..end).filter(|o| !o.is_empty())?;
    let person = |w: &Word| w.is_capitalised() && (super::referent::is_person_noun(w.text) || super::names::is_given_name(w.text));
    let opens = is_in(&DETERMINERS, &opening[0].lower()) || person(&opening[0]);
    // Only a noun phrase with attributes and appositions: no verb, no clause.
    let adjective = |lower: &str| ["e", "en", "er", "es", "em"].iter().any(|e| lower.ends_with(e)) && !lower.ends_with("te") && !lower.ends_with("ten");
    let attribute = |w: &Word| !w.is_lowercase() || is_in(&DETERMINERS, &w.lower()) || is_preposition(&w.lower()) || w.is("und") || adjective(&w.lower());
    (opens && opening.iter().any(person) && opening.iter().all(attribute)).then_some((0, end))
}

/// „Er bezeichnet die Proteste als rechtmäßig und forderte Mussawi dazu auf“: a verb joined
/// by „und“ shares the subject that opens the clause; the name after it is its object.
fn subject_of_first_conjunct(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    if cue.parts[0] != cue.head || !ws.get(cue.head.checked_sub(1)?)?.is("und") {
        return None;
    }
    let start = cues::clause_start(ws, cue.head);
    let first = ws.get(start)?;
    if matches!(first.text, "Er" | "Sie") {
        return Some((start, start + 1));
    }
    let (s, e) = phrase::after(ws, start)?;
    let verb_follows = ws.get(e).is_some_and(|w| w.is_lowercase() && !w.is("und"));
    (s == start && verb_follows && e < cue.head && !is_dative(ws, (s, e))).then_some((s, e))
}

/// „Die Übung bezeichnet Stoltenberg als …“: before the verb an object that may be
/// accusative (die, das, den) and names no person or body, after it „er“ or a bare name,
/// which is the subject — where the verb agrees with it: „Die Behörden werfen Luna … vor“
/// has its subject first.
fn inverted(ws: &[Word], (s, e): (usize, usize), cue: &Cue) -> Option<(usize, usize)> {
    if !matches!(ws[s].lower().as_str(), "die" | "das" | "den") || cue.parts[0] != cue.head {
        return None;
    }
    // „Die Kanzlerin warf Putin vor“: a person or a body before the verb is its subject.
    if matches!(referent(&ws[s..e]), Referent::Role(_) | Referent::BodyDescription(_) | Referent::Body(_) | Referent::Person(_)) {
        return None;
    }
    if ws[cue.head].lower().ends_with("en") {
        return None;
    }
    let (a, e) = phrase::after(ws, cue.head + 1)?;
    let bare_name = ws[a..e].iter().all(|w| w.is_capitalised()) && !is_in(&COUNTRIES, ws[a].text) && !is_in(&PRONOUNS, ws[a].text);
    (ws[a].is("er") || bare_name).then_some((a, e))
}

/// „…, der am Montag erklärte, …“, „Dieser bestätigte, …“: a relative or demonstrative
/// pronoun that opens the cue's clause with no noun after it is the subject, as the dataset
/// marks it (train 24, dev 5 speakers); the name is its antecedent's.
fn pronoun_subject(ws: &[Word], inner: usize) -> Option<(usize, usize)> {
    let start = cues::clause_start(ws, inner);
    let opens = start == 0 || ws[start - 1].is(",");
    let pronoun = is_pronoun_subject(&ws.get(start)?.lower());
    (opens && pronoun && start < inner && phrase::after(ws, start).is_none()).then_some((start, start + 1))
}

/// A relative or demonstrative pronoun that can open a cue's clause as its subject (not
/// „das“: „Das sagte X“ has its object first); `lower` in lowercase.
pub fn is_pronoun_subject(lower: &str) -> bool {
    matches!(lower, "der" | "die" | "dieser" | "diese" | "welcher" | "welche")
}

/// A subject phrase that ends at word `inner` (the cue's first word after „wie“).
fn subject_before(ws: &[Word], inner: usize, head: usize) -> Option<(usize, usize)> {
    let clause_start = cues::clause_start(ws, inner);
    // „Der Fraktionsvize der Union, Markus Feldner, warf …“: the apposition's comma.
    // „Die Kanadier hingegen sagen“: a sentence adverb may stand between subject and verb.
    let adverbs_only = |e: usize| e < inner && ws[e..inner].iter().all(|w| is_in(BETWEEN_SUBJECT_AND_VERB, &w.lower()));
    let ends_at_cue = |&(_, e): &(usize, usize)| e == inner || e == head || (e + 1 == inner && ws[e].is(",")) || adverbs_only(e);
    // „Auch die Abgeordnete X äußerte“: the subject after a leading adverb.
    let after_adverbs = (clause_start..inner).find(|&k| !is_in(LEADING_ADVERBS, &ws[k].lower())).unwrap_or(inner);
    [clause_start, after_adverbs, 0]
        .into_iter()
        .filter(|&start| start < inner)
        .find_map(|start| phrase::after(ws, start).filter(ends_at_cue).filter(|&r| !is_dative(ws, r) && !is_source_phrase(ws, r) && !super::referent::is_genitive_adverb(&ws[r.0..r.1])))
        .or_else(|| subject_with_insertion(ws, inner))
        .or_else(|| subject_with_place(ws, clause_start, inner))
}

/// Sentence adverbs that may follow the subject before its verb.
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &["hingegen", "jedoch", "allerdings", "dagegen", "wiederum", "indes", "ebenfalls", "seinerseits", "ihrerseits"];

/// „Laut BBC News sagte der Minister“: a source phrase before the verb is not its subject;
/// the subject follows the verb.
fn is_source_phrase(ws: &[Word], (s, _): (usize, usize)) -> bool {
    matches!(ws[s].lower().as_str(), "laut" | "gemäß")
}

/// „US-Experten vor Ort schlossen …“, „Die Polizei in Bonn teilte mit“: a subject with a
/// short place attribute.
fn subject_with_place(ws: &[Word], clause_start: usize, inner: usize) -> Option<(usize, usize)> {
    let (s, e) = phrase::after(ws, clause_start).filter(|&(s, _)| !is_in(LEADING_ADVERBS, &ws[s].lower()))?;
    place_after(ws, e).filter(|&p| p == inner).map(|p| (s, p))
}

/// The end of a short place right at word `e` („in Europa“, „vor Ort“).
fn place_after(ws: &[Word], e: usize) -> Option<usize> {
    let at = ws.get(e).filter(|w| matches!(w.text, "in" | "vor" | "aus" | "bei"))?;
    let names = ws[e + 1..].iter().take(2).take_while(|w| w.is_capitalised()).count();
    (names > 0 && !at.is_punct()).then_some(e + 1 + names)
}

/// „Dem Sender sagte X“, „Der englischsprachigen Zeitung sagte X“: a dative before the verb
/// is who was spoken to. „Der“ is dative only before a feminine noun; the media nouns are
/// the frequent case.
fn is_dative(ws: &[Word], (s, e): (usize, usize)) -> bool {
    let article = ws[s].lower();
    let head = ws[s + 1..e].iter().find(|w| w.is_capitalised()).map(|w| w.lower());
    let feminine_medium = head.is_some_and(|h| ["zeitung", "agentur", "zeitschrift", "presse"].iter().any(|m| h.ends_with(m)));
    matches!(article.as_str(), "dem" | "einem") || matches!(article.as_str(), "der" | "einer") && feminine_medium
}

/// The dative phrase right before the verb, if any.
fn dative_before(ws: &[Word], cue: &Cue) -> Option<(usize, usize)> {
    let first = cue.parts[0];
    phrase::after(ws, cues::clause_start(ws, first)).filter(|&(_, e)| e == first).filter(|&r| is_dative(ws, r))
}

/// A subject followed by an insertion between commas: an apposition belongs to the speaker
/// („John Kline, ein Abgeordneter aus Ohio, sagte“), a relative clause does not („Frank
/// Sichau, der als Sprecher fungiert, erklärte“ → Frank Sichau).
fn subject_with_insertion(ws: &[Word], inner: usize) -> Option<(usize, usize)> {
    let closing = inner.checked_sub(1).filter(|&k| ws[k].is(","))?;
    let opening = (0..closing).rev().find(|&k| ws[k].is(","))?;
    let (s, e) = phrase::after(ws, cues::clause_start(ws, opening))?;
    let e = if e == opening { e } else { place_after(ws, e).filter(|&p| p == opening)? };
    let apposition = closing > opening + 1 && ws[closing - 1].is_capitalised();
    Some(if apposition { (s, closing) } else { (s, e) })
}

/// Adverbs that can stand before the subject at the start of a clause.
const LEADING_ADVERBS: &[&str] = &["auch", "zudem", "außerdem", "zugleich", "gleichzeitig", "dennoch", "allerdings", "jedoch", "ebenfalls", "inzwischen"];

/// The sentence without the quote and the final mark: everything that frames the quote.
fn rest_of_sentence(ws: &[Word], quote: &[Span]) -> Vec<Span> {
    let body = &ws[..body_end(ws)];
    let mut runs: Vec<Span> = Vec::new();
    let mut run_open = false;
    for w in body {
        let outside = !quote.iter().any(|q| q.overlaps(w.span));
        match runs.last_mut() {
            Some(run) if outside && run_open => run.end = w.span.end,
            _ if outside => runs.push(w.span),
            _ => {}
        }
        run_open = outside;
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
    if let Some(r) = dative_before(ws, cue) {
        return Some(r);
    }
    let clause_end = cues::clause_end(ws, cue.head);
    if let Some(g) = (cue.head + 1..clause_end).find(|&k| ws[k].is("gegenüber")) {
        return phrase::after(ws, g + 1);
    }
    // The object right after the verb, or after a subject that follows the verb.
    let object_at = match speaker {
        Some((s, e)) if s > cue.head => e,
        _ => cue.head + 1,
    };
    let dative = ws.get(object_at).is_some_and(|w| matches!(w.text, "dem" | "der" | "einem" | "einer")) && !accuses(&ws[cue.head]);
    // „forderte die Länder auf“, „bat die Bürger“: who is asked is the addressee.
    let asks = cue.parts.iter().any(|&k| ws[k].is("auf")) || matches!(ws[cue.head].lower().as_str(), "bat" | "bittet" | "baten" | "riet" | "rät");
    let object = ws.get(object_at).is_some_and(|w| asks && cues::opens_phrase(w) && !ws[object_at].is("sich"));
    if dative || object {
        return phrase::after(ws, object_at).filter(|&(_, e)| e <= clause_end);
    }
    None
}

/// „beschuldigte die Regierung der Vorbereitung eines Wahlbetrugs“: after these verbs „der“
/// opens the genitive of what is alleged, never a dative addressee.
fn accuses(verb: &Word) -> bool {
    let lower = verb.lower();
    ["beschuldig", "bezichtig", "verdächtig", "überführ"].iter().any(|stem| lower.starts_with(stem))
}

/// The last touches every engine gives the roles before names are resolved: speakers take
/// their apposition ([`with_appositions`]), frames lose the marks at their ends.
pub fn finish_roles(doc: &Document, quotations: &mut [Quotation]) {
    with_appositions(doc, quotations);
    for frame in quotations.iter_mut().flat_map(|q| q.frame.iter_mut()) {
        *frame = without_end_marks(doc, *frame);
    }
}

/// A frame without the closing quotation mark it starts with or the full stop it ends with
/// („“, so Murtha.“ → „, so Murtha“): in the data no frame starts with a closing mark (222
/// follow one) and 296 end before a sentence's final mark against 98 with it.
fn without_end_marks(doc: &Document, span: Span) -> Span {
    let ws = words(doc, span);
    let closing = |w: &Word| w.is_punct() && w.text.chars().all(crate::german::closes);
    let first = ws.iter().position(|w| !closing(w));
    let last = ws.iter().rposition(|w| !matches!(w.text, "." | "!" | "?"));
    match (first, last) {
        (Some(a), Some(b)) if a <= b => Span::new(ws[a].span.start, ws[b].span.end),
        _ => span,
    }
}

/// „Martin Lee, der Gründer der Partei“, „John Kline, ein Abgeordneter aus Minnesota“,
/// „Seine Parteikollegin, Claudia Mo“: a name and a description set off by a comma are one
/// speaker, as the dataset marks it (286 of its 3,304 speakers hold a comma). Each speaker
/// span that is one of the two grows over the other where that one is a whole noun phrase
/// ending the clause or set off by another comma, outside every quotation and cue.
fn with_appositions(doc: &Document, quotations: &mut [Quotation]) {
    let taken: Vec<Span> = quotations.iter().flat_map(|q| q.quote.iter().chain(&q.cue)).copied().collect();
    for q in quotations.iter_mut() {
        let [speaker] = q.speaker[..] else { continue };
        let around = Span::new(speaker.start.saturating_sub(APPOSITION_REACH), (speaker.end + APPOSITION_REACH).min(doc.char_len()));
        let ws = words(doc, around);
        let Some(s) = ws.iter().position(|w| w.span.start == speaker.start) else { continue };
        let Some(e) = ws.iter().position(|w| w.span.end == speaker.end).map(|k| k + 1) else { continue };
        // „Spekulationen, wonach …“: a source word is no phrase to set anything off.
        if !ws[s..e].iter().any(Word::is_capitalised) {
            continue;
        }
        let free = |(a, b): (usize, usize)| !ws[a..b].iter().any(|w| taken.iter().any(|t| t.overlaps(w.span)));
        let pairs = |(a, b): (usize, usize)| is_name_run(&ws[s..e]) != is_name_run(&ws[a..b]);
        let after = ws.get(e).filter(|w| w.is(",")).and_then(|_| phrase::after(&ws, e + 1)).filter(|&(_, b)| ws.get(b).is_none_or(|w| matches!(w.text, "," | "." | ";" | ":")));
        let before = s.checked_sub(1).filter(|&c| ws[c].is(",")).and_then(|c| phrase::before(&ws, c)).filter(|&(a, _)| a == 0 || ws[a - 1].is_punct() || VERB_CUES.contains_key(ws[a - 1].lower().as_str()));
        if let Some((_, b)) = after.filter(|&p| free(p) && pairs(p)) {
            q.speaker = vec![Span::new(speaker.start, ws[b - 1].span.end)];
        } else if let Some((a, _)) = before.filter(|&p| free(p) && pairs(p)) {
            q.speaker = vec![Span::new(ws[a].span.start, speaker.end)];
        }
    }
}

/// Characters around a speaker that an apposition may take.
const APPOSITION_REACH: usize = 160;

/// Capitalised words only, no determiner or role noun first: a name („Emily Lau“), where a
/// description has an article, a possessive or a role („die Vorsitzende“, „Kommandant …“).
fn is_name_run(ws: &[Word]) -> bool {
    let first = &ws[0];
    let described = is_in(&DETERMINERS, &first.lower()) || first.lower().starts_with("sein") || first.lower().starts_with("ihr") || is_role_noun(first.text);
    !described && ws.iter().all(|w| w.is_capitalised() || w.is_punct() || matches!(w.text, "von" | "van" | "de" | "der" | "al" | "bin"))
}
