//! The rules engine on German sentences written for these tests: every assertion names the
//! exact quote, speaker, cue and frame text the dataset's conventions call for.

use zitat::attribute::{Attributor, RuleAttributor};
use zitat::detect::{Detector, RuleDetector};
use zitat::document::{Document, Medium, Quotation, QuoteType, Span};
use zitat::pipeline::{rules_engine, Engine};

fn annotate(text: &str) -> Document {
    let mut doc = Document::new("test", text);
    rules_engine().annotate(&mut doc).unwrap();
    doc
}

fn texts(doc: &Document, spans: &[Span]) -> Vec<String> {
    spans.iter().map(|s| doc.slice(*s).to_string()).collect()
}

/// The quotation whose (first) quote span reads `quote`.
fn quotation<'a>(doc: &'a Document, quote: &str) -> &'a Quotation {
    doc.quotations
        .iter()
        .find(|q| doc.slice(q.quote[0]) == quote)
        .unwrap_or_else(|| panic!("no quotation {quote:?} in {:#?}", summary(doc)))
}

fn summary(doc: &Document) -> Vec<(QuoteType, Vec<String>, Vec<String>)> {
    doc.quotations.iter().map(|q| (q.kind, texts(doc, &q.quote), texts(doc, &q.speaker))).collect()
}

#[test]
fn verb_cue_with_clause_gives_indirect_speech_and_its_roles() {
    let doc = annotate("Der Minister sagte, die Reform sei gescheitert.");
    let q = quotation(&doc, "die Reform sei gescheitert");
    assert_eq!(q.kind, QuoteType::Indirect);
    assert_eq!(q.medium, Some(Medium::Speech));
    assert_eq!(texts(&doc, &q.speaker), ["Der Minister"]);
    assert_eq!(texts(&doc, &q.cue), ["sagte"]);
    assert_eq!(texts(&doc, &q.frame), ["Der Minister sagte,"]);
    assert!(q.confidence > 0.0 && q.confidence < 1.0);
}

#[test]
fn konjunktiv_sentence_after_a_quotation_continues_its_speaker() {
    let doc = annotate("Die Bürgermeisterin erklärte, der Haushalt sei knapp. Man müsse daher sparen. Das Wetter war gut.");
    let q = quotation(&doc, "Man müsse daher sparen.");
    assert_eq!(q.kind, QuoteType::IndirectFreeIndirect);
    assert_eq!(texts(&doc, &q.speaker), ["Die Bürgermeisterin"]);
    assert!(q.cue.is_empty() && q.frame.is_empty());
    assert_eq!(doc.quotations.len(), 2, "the indicative sentence is no quotation: {:?}", summary(&doc));
}

#[test]
fn a_run_of_konjunktiv_sentences_is_one_quotation() {
    let doc = annotate("Der Trainer sagte, das Team sei müde. Es brauche eine Pause. Am Sonntag müsse es wieder siegen. Das Stadion soll größer werden. Die Fans jubelten.");
    let q = quotation(&doc, "Es brauche eine Pause. Am Sonntag müsse es wieder siegen.");
    assert_eq!(q.kind, QuoteType::IndirectFreeIndirect);
    assert_eq!(texts(&doc, &q.speaker), ["Der Trainer"]);
    let hearsay = quotation(&doc, "Das Stadion soll größer werden.");
    assert_eq!(hearsay.kind, QuoteType::FreeIndirect, "another kind starts another quotation");
    assert_eq!(doc.quotations.len(), 3, "{:?}", summary(&doc));
}

#[test]
fn separable_verb_gives_a_discontinuous_cue() {
    let doc = annotate("Die Stadtverwaltung teilte am Montag mit, die Straße bleibe gesperrt.");
    let q = quotation(&doc, "die Straße bleibe gesperrt");
    assert_eq!(texts(&doc, &q.cue), ["teilte", "mit"]);
    assert_eq!(texts(&doc, &q.speaker), ["Die Stadtverwaltung"]);
}

#[test]
fn clause_before_a_comma_initial_verb_and_speaker_after_it() {
    let doc = annotate("Der Plan müsse überarbeitet werden, forderte der Abgeordnete Karl Brenner gegenüber der Presse.");
    let q = quotation(&doc, "Der Plan müsse überarbeitet werden");
    assert_eq!(texts(&doc, &q.speaker), ["der Abgeordnete Karl Brenner"]);
    assert_eq!(texts(&doc, &q.addressee), ["der Presse"]);
    assert_eq!(texts(&doc, &q.frame), [", forderte der Abgeordnete Karl Brenner gegenüber der Presse"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Karl Brenner"));
}

#[test]
fn source_markers_laut_nach_angaben_zufolge_and_so() {
    let doc = annotate("Laut Polizei wurden drei Menschen verletzt.");
    let q = quotation(&doc, "wurden drei Menschen verletzt");
    assert_eq!((texts(&doc, &q.cue), texts(&doc, &q.speaker)), (vec!["Laut".into()], vec!["Polizei".into()]));

    let doc = annotate("Nach Angaben der Feuerwehr brach das Feuer im Keller aus.");
    let q = quotation(&doc, "brach das Feuer im Keller aus");
    assert_eq!(texts(&doc, &q.speaker), ["Angaben der Feuerwehr"]);
    assert_eq!(texts(&doc, &q.frame), ["Nach Angaben der Feuerwehr"]);

    let doc = annotate("Dem Bericht zufolge ist die Brücke marode.");
    let q = quotation(&doc, "ist die Brücke marode");
    assert_eq!((texts(&doc, &q.cue), texts(&doc, &q.speaker)), (vec!["zufolge".into()], vec!["Dem Bericht".into()]));

    let doc = annotate("Die Lage sei ernst, so der Bürgermeister.");
    let q = quotation(&doc, "Die Lage sei ernst");
    assert_eq!(texts(&doc, &q.frame), [", so der Bürgermeister"]);
    assert_eq!(texts(&doc, &q.speaker), ["der Bürgermeister"]);
}

#[test]
fn a_source_phrase_names_the_person_inside_it() {
    let doc = annotate("Nach Einschätzung von Verfassungsschutzchef Tobias Lindner ist die Gefahr gestiegen.");
    let q = quotation(&doc, "ist die Gefahr gestiegen");
    assert_eq!(q.speaker_name.as_deref(), Some("Tobias Lindner"));

    let doc = annotate("Die Stadt will nach Angaben ihres Bürgermeisters Frank Otte keine Steuern erhöhen.");
    let q = &doc.quotations[0];
    assert_eq!(texts(&doc, &q.speaker), ["Angaben ihres Bürgermeisters Frank Otte"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Frank Otte"));
}

#[test]
fn a_sentence_adverb_before_the_verb_is_not_its_subject() {
    let doc = annotate("Zugleich betonte Ministerin Sabine Roth, die Schulen blieben offen.");
    let q = quotation(&doc, "die Schulen blieben offen");
    assert_eq!(texts(&doc, &q.speaker), ["Ministerin Sabine Roth"]);
}

#[test]
fn a_relative_or_demonstrative_pronoun_is_the_speaker_with_its_antecedents_name() {
    let doc = annotate("Zu Wort kam der frühere Bürgermeister Hans Kluge, der am Montag erklärte, die Kasse sei leer.");
    let q = quotation(&doc, "die Kasse sei leer");
    assert_eq!(texts(&doc, &q.speaker), ["der"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Hans Kluge"));

    let doc = annotate("Die Polizei befragte einen Nachbarn. Dieser bestätigte, dass der Wagen rot gewesen sei.");
    let q = quotation(&doc, "dass der Wagen rot gewesen sei");
    assert_eq!(texts(&doc, &q.speaker), ["Dieser"]);
    assert_eq!(q.speaker_name, None, "someone of the sentence before, not guessed");
}

#[test]
fn the_apposition_of_a_subject_after_the_verb_is_not_the_reported_clause() {
    let doc = annotate("Am Montag sagte Lena Ott, Sprecherin der Stadtwerke, ohne Details zu nennen, dass die Preise steigen würden.");
    let q = quotation(&doc, "ohne Details zu nennen, dass die Preise steigen würden");
    assert_eq!(texts(&doc, &q.speaker), ["Lena Ott, Sprecherin der Stadtwerke"]);
    let doc = annotate("Im Interview sagte Lena Ott, die Sprecherin der Stadtwerke.");
    assert!(doc.quotations.is_empty(), "{:?}", summary(&doc));
}

#[test]
fn a_relative_clause_on_the_source_is_not_what_it_says() {
    let doc = annotate("Nach Angaben eines Experten, der vom Sender befragt wurde, sei das Wasser sauber.");
    let q = quotation(&doc, "sei das Wasser sauber");
    assert_eq!(texts(&doc, &q.speaker), ["Angaben eines Experten"]);
}

#[test]
fn a_quotation_before_the_verb_is_not_its_subject() {
    let doc = annotate("\"Der Plan der Stadt scheitert\", sagt Berg und verweist auf die Kosten.");
    let q = quotation(&doc, "\"Der Plan der Stadt scheitert\"");
    assert_eq!(texts(&doc, &q.speaker), ["Berg"]);
}

#[test]
fn subject_with_an_apposition_or_a_leading_adverb_before_the_verb() {
    let doc = annotate("Der Chef der Fraktion, Jonas Weber, warf der Regierung vor, das Land zu spalten.");
    let q = quotation(&doc, "das Land zu spalten");
    assert_eq!(texts(&doc, &q.speaker), ["Der Chef der Fraktion, Jonas Weber"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Jonas Weber"));

    let doc = annotate("Auch die Abgeordnete Lea Marx erklärte, der Plan sei zu teuer.");
    let q = quotation(&doc, "der Plan sei zu teuer");
    assert_eq!(texts(&doc, &q.speaker), ["die Abgeordnete Lea Marx"]);
}

#[test]
fn rief_er_splits_a_direct_quote() {
    let doc = annotate("Jonas Weber sagte, er sei empört. „Sie haben“, rief er in den Saal, „alles falsch gemacht.“");
    let q = quotation(&doc, "„alles falsch gemacht.“");
    assert_eq!((texts(&doc, &q.cue), q.speaker_name.as_deref()), (vec!["rief".into()], Some("Jonas Weber")));
    assert_eq!(texts(&doc, &q.frame), [", rief er in den Saal,"], "the other part of the quote is not the frame");
    assert_eq!(texts(&doc, &quotation(&doc, "„Sie haben“").frame), [", rief er in den Saal,"]);
}

#[test]
fn an_institute_für_its_field_is_one_source() {
    let doc = annotate("Laut einer Studie des Instituts für Verkehrsforschung fahren weniger Menschen Bus.");
    let q = quotation(&doc, "fahren weniger Menschen Bus");
    assert_eq!(texts(&doc, &q.speaker), ["einer Studie des Instituts für Verkehrsforschung"]);
}

#[test]
fn source_inside_the_sentence_splits_the_quote() {
    let doc = annotate("Die Preise seien laut Statistikamt stark gestiegen.");
    let q = &doc.quotations[0];
    assert_eq!(texts(&doc, &q.quote), ["Die Preise seien", "stark gestiegen"]);
    assert_eq!(texts(&doc, &q.frame), ["laut Statistikamt"]);
}

#[test]
fn direct_quotes_in_every_style_with_speaker_and_name() {
    let text = "„Wir bleiben standhaft“, sagte Verteidigungsministerin Anna Berger. \
                Sie erklärte: »Die Truppe ist gut vorbereitet.« \
                \"Das ist unser klarer Auftrag\", sagte sie.";
    let doc = annotate(text);
    let first = quotation(&doc, "„Wir bleiben standhaft“");
    assert_eq!(first.kind, QuoteType::Direct);
    assert_eq!(texts(&doc, &first.speaker), ["Verteidigungsministerin Anna Berger"]);
    assert_eq!(first.speaker_name.as_deref(), Some("Anna Berger"));
    let second = quotation(&doc, "»Die Truppe ist gut vorbereitet.«");
    assert_eq!(texts(&doc, &second.speaker), ["Sie"]);
    assert_eq!(texts(&doc, &second.frame), ["Sie erklärte:"]);
    assert_eq!(second.speaker_name.as_deref(), Some("Anna Berger"));
    let third = quotation(&doc, "\"Das ist unser klarer Auftrag\"");
    assert_eq!(third.speaker_name.as_deref(), Some("Anna Berger"));
}

#[test]
fn descriptions_resolve_to_the_person_introduced_with_that_role() {
    let text = "Nato-Generalsekretär Jens Olsen sagte, das Bündnis sei geeint. \
                Der Generalsekretär betonte, man werde die Ukraine weiter unterstützen.";
    let doc = annotate(text);
    let q = quotation(&doc, "man werde die Ukraine weiter unterstützen");
    assert_eq!(texts(&doc, &q.speaker), ["Der Generalsekretär"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Jens Olsen"));
}

#[test]
fn surnames_grow_to_the_fullest_name_in_the_document() {
    let text = "Die Ministerin Petra Kowalski war in Berlin. Kowalski sagte, die Gespräche seien gut verlaufen.";
    let doc = annotate(text);
    let q = quotation(&doc, "die Gespräche seien gut verlaufen");
    assert_eq!(q.speaker_name.as_deref(), Some("Petra Kowalski"));
}

#[test]
fn partial_quote_inside_indirect_speech_is_nested_and_shares_roles() {
    let doc = annotate("Der Sprecher sagte, das Projekt sei „ein voller Erfolg“ gewesen.");
    let outer = quotation(&doc, "das Projekt sei „ein voller Erfolg“ gewesen");
    let inner = quotation(&doc, "„ein voller Erfolg“");
    assert_eq!(outer.kind, QuoteType::Indirect);
    assert_eq!(inner.kind, QuoteType::Direct);
    assert_eq!(texts(&doc, &inner.speaker), ["Der Sprecher"]);
    assert_eq!(inner.cue, outer.cue);
}

#[test]
fn titles_and_scare_quotes_are_not_speech() {
    let doc = annotate("Er las gestern in der Zeitung „Neue Stimme aus dem Norden“ einen Artikel. Die sogenannten „Querdenker“ zogen durch die Stadt.");
    assert!(doc.quotations.is_empty(), "{:?}", summary(&doc));
    // A name in quotation marks beside a reporting verb, or inside indirect speech.
    let doc = annotate("Wie die Plattenfirma mitteilte, soll das Album „Night And Day“ im Mai erscheinen.");
    assert_eq!(summary(&doc).len(), 1, "only the indirect speech: {:?}", summary(&doc));
    assert_eq!(doc.quotations[0].kind, QuoteType::Indirect);
    // Naming, not speaking; in the past tense with an evaluation it is speech.
    let doc = annotate("Der Hersteller nennt das neue Modell „Kormoran“.");
    assert!(doc.quotations.is_empty(), "{:?}", summary(&doc));
    let doc = annotate("Die Ministerin nannte den Bericht „Panikmache“.");
    assert_eq!(summary(&doc).len(), 1, "{:?}", summary(&doc));
}

#[test]
fn an_unclosed_mark_does_not_swallow_the_next_paragraph() {
    let doc = annotate("„Ein offenes Zitat ohne jedes Ende\n\nDer Bürgermeister sagte: „Wir bauen die Brücke neu.“");
    let directs: Vec<_> = doc.quotations.iter().filter(|q| q.kind == QuoteType::Direct).collect();
    assert_eq!(directs.len(), 1, "{:?}", summary(&doc));
    assert_eq!(doc.slice(directs[0].quote[0]), "„Wir bauen die Brücke neu.“");
    assert_eq!(texts(&doc, &directs[0].speaker), ["Der Bürgermeister"]);
}

#[test]
fn headline_form_takes_the_phrase_before_the_colon() {
    let doc = annotate("Kowalski: „Wir halten an unserem Kurs fest“");
    let q = quotation(&doc, "„Wir halten an unserem Kurs fest“");
    assert_eq!(texts(&doc, &q.speaker), ["Kowalski"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Kowalski"));
}

#[test]
fn object_of_a_demand_verb_is_reported_speech_without_cue() {
    let doc = annotate("Die Gewerkschaft forderte höhere Löhne für alle Beschäftigten.");
    let q = quotation(&doc, "Die Gewerkschaft forderte höhere Löhne für alle Beschäftigten.");
    assert_eq!(q.kind, QuoteType::Reported);
    assert_eq!(texts(&doc, &q.speaker), ["Die Gewerkschaft"]);
    assert!(q.cue.is_empty() && q.frame.is_empty());
    // A body is named as the article names it, and marked as a body (issue 22).
    assert_eq!(q.speaker_name.as_deref(), Some("Gewerkschaft"));
    assert_eq!(q.speaker_kind, Some(zitat::document::SpeakerKind::Organisation));
}

#[test]
fn quotations_in_boilerplate_are_skipped() {
    let text = "Foto: „Das ist ein schönes langes Zitat“ sagte jemand.\nDer Arzt sagte, es gehe ihm gut.";
    let mut doc = Document::new("test", text);
    let first_line = text.find('\n').unwrap();
    doc.sentences = vec![Span::new(0, first_line), Span::new(first_line + 1, doc.char_len())];
    doc.boilerplate = vec![Span::new(0, first_line)];
    let found = RuleDetector.detect(&doc).unwrap();
    RuleAttributor.attribute(&mut doc, found).unwrap();
    assert_eq!(summary(&doc).len(), 1, "{:?}", summary(&doc));
    assert_eq!(doc.slice(doc.quotations[0].quote[0]), "es gehe ihm gut");
}

#[test]
fn a_name_in_apposition_before_the_verb_is_the_subject_not_a_clause() {
    let doc = annotate("Die Leiterin des Amtes, Miriam Okafor, forderte die Länder auf, ihre Vorräte aufzustocken.");
    let q = quotation(&doc, "ihre Vorräte aufzustocken");
    assert_eq!(q.kind, QuoteType::Indirect);
    assert_eq!(texts(&doc, &q.cue), ["forderte", "auf"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Miriam Okafor"));
    assert!(doc.quotations.iter().all(|q| !doc.slice(q.quote[0]).starts_with("Die Leiterin")), "{:#?}", summary(&doc));
}

#[test]
fn a_pronoun_before_any_named_speaker_takes_the_person_introduced_with_a_role() {
    let doc = annotate("Für Bundesministerin Clara Vogt ist die Lage ernst. Sie rief die Kommunen auf, mehr Personal einzustellen.");
    let q = quotation(&doc, "mehr Personal einzustellen");
    assert_eq!(texts(&doc, &q.speaker), ["Sie"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Clara Vogt"));
}

#[test]
fn subject_between_wie_and_the_verb_or_after_the_auxiliary() {
    let doc = annotate("Wie die Sprecherin des Amtes mitteilte, sei der Antrag abgelehnt worden.");
    let q = quotation(&doc, "sei der Antrag abgelehnt worden");
    assert_eq!(texts(&doc, &q.speaker), ["die Sprecherin des Amtes"]);

    let doc = annotate("Es drohe ein Handelskrieg, hatte Ministerin Ute Brand am Rande des Gipfels gesagt.");
    let q = quotation(&doc, "Es drohe ein Handelskrieg");
    assert_eq!(texts(&doc, &q.cue), ["hatte", "gesagt"]);
    assert_eq!(texts(&doc, &q.speaker), ["Ministerin Ute Brand"]);

    let doc = annotate("Brand hatte bei ihrem Besuch in Prag erklärt, die Zölle würden bald sinken.");
    let q = quotation(&doc, "die Zölle würden bald sinken");
    assert_eq!(texts(&doc, &q.cue), ["hatte", "erklärt"], "the participle reading, with its auxiliary");
    assert_eq!(texts(&doc, &q.speaker), ["Brand"]);
}

#[test]
fn an_apposition_belongs_to_the_speaker_a_relative_clause_does_not() {
    let doc = annotate("Tom Berger, ein Abgeordneter aus Kiel, sagte, dass der Hafen geschlossen werde.");
    let q = quotation(&doc, "dass der Hafen geschlossen werde");
    assert_eq!(texts(&doc, &q.speaker), ["Tom Berger, ein Abgeordneter aus Kiel"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Tom Berger"));

    let doc = annotate("Eva Lindner, die seit Jahren im Rat sitzt, erklärte, dass sie nicht mehr antrete.");
    let q = quotation(&doc, "dass sie nicht mehr antrete");
    assert_eq!(texts(&doc, &q.speaker), ["Eva Lindner"]);

    let doc = annotate("Paul Roth, der Bürgermeister von Lindau, sagte am Abend: „Wir sind vorbereitet.“");
    assert_eq!(doc.quotations.len(), 1, "the apposition is no reported clause: {:#?}", summary(&doc));
    assert_eq!(doc.quotations[0].speaker_name.as_deref(), Some("Paul Roth"));
}

#[test]
fn pairs_ages_brands_and_von_phrases_are_whole_speakers() {
    let doc = annotate("Anna und Felix Hartmann teilten mit: „Wir danken allen Helfern.“");
    let q = quotation(&doc, "„Wir danken allen Helfern.“");
    assert_eq!(texts(&doc, &q.speaker), ["Anna und Felix Hartmann"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Anna und Felix Hartmann"));

    let doc = annotate("Der 47-Jährige gab an, er habe nichts gesehen.");
    assert_eq!(texts(&doc, &quotation(&doc, "er habe nichts gesehen").speaker), ["Der 47-Jährige"]);

    let doc = annotate("Eine Reporterin des Senders n-tv berichtete, die Straße sei gesperrt.");
    assert_eq!(texts(&doc, &quotation(&doc, "die Straße sei gesperrt").speaker), ["Eine Reporterin des Senders n-tv"]);

    let doc = annotate("Staatssekretär Karl Imhof von der Kanzlei des Premiers erklärte, die Lage bleibe ruhig.");
    assert_eq!(texts(&doc, &quotation(&doc, "die Lage bleibe ruhig").speaker), ["Staatssekretär Karl Imhof von der Kanzlei des Premiers"]);
}

#[test]
fn a_dative_before_the_verb_is_the_addressee() {
    let doc = annotate("Der regionalen Zeitung sagte Jana Wolf: „Ich trete nicht zurück.“");
    let q = quotation(&doc, "„Ich trete nicht zurück.“");
    assert_eq!(texts(&doc, &q.speaker), ["Jana Wolf"]);
    assert_eq!(texts(&doc, &q.addressee), ["Der regionalen Zeitung"]);
}

#[test]
fn so_after_a_direct_quote_names_its_speaker() {
    let doc = annotate("„Wir bauen das Stadion bis zum Sommer fertig“, so Vereinschef Lars Mohn.");
    let q = quotation(&doc, "„Wir bauen das Stadion bis zum Sommer fertig“");
    assert_eq!(texts(&doc, &q.speaker), ["Vereinschef Lars Mohn"]);
    assert_eq!(texts(&doc, &q.cue), ["so"]);
}

#[test]
fn a_quoted_name_inside_the_speaker_is_not_speech() {
    let doc = annotate("Der Radiosender „Welle 7“ berichtete, das Kabinett habe zugestimmt.");
    let q = quotation(&doc, "das Kabinett habe zugestimmt");
    assert_eq!(texts(&doc, &q.speaker), ["Der Radiosender „Welle 7“"]);
    assert_eq!(doc.quotations.len(), 1, "{:#?}", summary(&doc));
}

#[test]
fn decisions_and_requests_are_speech_only_with_a_marked_clause() {
    let doc = annotate("Der Stadtrat beschloss am Montag, die Gebühren zu senken.");
    let q = quotation(&doc, "die Gebühren zu senken");
    assert_eq!(q.kind, QuoteType::Indirect);
    assert_eq!(texts(&doc, &q.speaker), ["Der Stadtrat"]);

    let doc = annotate("Der Stadtrat beschloss den Haushalt für das kommende Jahr.");
    assert!(doc.quotations.is_empty(), "a decision without a clause is not speech: {:#?}", summary(&doc));

    let doc = annotate("Experten schätzen, dass die Preise weiter steigen.");
    assert_eq!(texts(&doc, &quotation(&doc, "dass die Preise weiter steigen").speaker), ["Experten"]);
}

#[test]
fn a_quoted_object_of_a_naming_verb_is_direct_speech() {
    let doc = annotate("Die Ministerin nannte den Vorschlag „völlig unausgegoren“.");
    let q = quotation(&doc, "„völlig unausgegoren“");
    assert_eq!(q.kind, QuoteType::Direct);
    assert_eq!(texts(&doc, &q.speaker), ["Die Ministerin"]);
    assert_eq!(texts(&doc, &q.cue), ["nannte"]);
}

#[test]
fn compound_and_study_sources() {
    let doc = annotate("Nach Unternehmensangaben arbeiten in dem Werk rund 900 Menschen.");
    let q = quotation(&doc, "arbeiten in dem Werk rund 900 Menschen");
    assert_eq!(texts(&doc, &q.speaker), ["Unternehmensangaben"]);

    let doc = annotate("Nach einer Studie der Universität Jena schlafen Jugendliche zu wenig.");
    let q = quotation(&doc, "schlafen Jugendliche zu wenig");
    assert_eq!(texts(&doc, &q.speaker), ["einer Studie der Universität Jena"]);
}

#[test]
fn a_clause_belongs_to_the_nearest_verb_before_it() {
    let doc = annotate("Er nannte das Schreiben einen Fehler und kündigte an, die Stadt werde klagen.");
    let q = quotation(&doc, "die Stadt werde klagen");
    assert_eq!(texts(&doc, &q.cue), ["kündigte an"]);
}

#[test]
fn direct_quote_cues_reach_over_mit_den_worten_and_so_plus_verb() {
    let doc = annotate("Lena Krug kommentierte den Beschluss am Sonntagabend in Potsdam mit den Worten: „Das ist ein schwarzer Tag.“");
    assert_eq!(texts(&doc, &quotation(&doc, "„Das ist ein schwarzer Tag.“").speaker), ["Lena Krug"]);

    let doc = annotate("„Er regiert mit eiserner Hand“, so beschrieb der Gewerkschafter Ole Brandt seinen Chef.");
    let q = quotation(&doc, "„Er regiert mit eiserner Hand“");
    assert_eq!(texts(&doc, &q.cue), ["beschrieb"]);
    assert_eq!(texts(&doc, &q.speaker), ["der Gewerkschafter Ole Brandt"]);
}

#[test]
fn reports_of_and_promises_are_reported_speech() {
    let doc = annotate("Anwohner berichteten von lauten Explosionen am Stadtrand.");
    let q = quotation(&doc, "Anwohner berichteten von lauten Explosionen am Stadtrand.");
    assert_eq!(q.kind, QuoteType::Reported);
    assert_eq!(texts(&doc, &q.speaker), ["Anwohner"]);

    let doc = annotate("Ministerin Eva Stein sagte den Bauern schnelle Hilfe zu.");
    let q = quotation(&doc, "Ministerin Eva Stein sagte den Bauern schnelle Hilfe zu.");
    assert_eq!(q.kind, QuoteType::Reported);

    let doc = annotate("Der Bürgermeister sagte zu Reportern, die Brücke bleibe gesperrt.");
    let q = quotation(&doc, "die Brücke bleibe gesperrt");
    assert_eq!(texts(&doc, &q.cue), ["sagte"], "a „zu“ before the clause's end is a preposition, not a particle");
}

#[test]
fn reportative_sollen_is_free_indirect_speech() {
    let doc = annotate("Nach Angaben der Feuerwehr brannte die Halle völlig aus. Verletzt worden sein soll niemand.");
    let q = quotation(&doc, "Verletzt worden sein soll niemand.");
    assert_eq!(q.kind, QuoteType::FreeIndirect);
    assert_eq!(texts(&doc, &q.speaker), ["Angaben der Feuerwehr"]);

    let doc = annotate("Im Hafen sollen zwei Schiffe gesunken sein.");
    assert_eq!(quotation(&doc, "Im Hafen sollen zwei Schiffe gesunken sein.").kind, QuoteType::FreeIndirect, "hearsay needs no previous quotation");

    let doc = annotate("Die Schule soll im Herbst eröffnen.");
    assert!(doc.quotations.is_empty(), "a plan on its own is not hearsay: {:#?}", summary(&doc));
}

#[test]
fn sentence_adverbs_objects_and_places_around_the_subject() {
    let doc = annotate("Unterdessen verlangen die Grünen, dass der Ausschuss tagt.");
    assert_eq!(texts(&doc, &quotation(&doc, "dass der Ausschuss tagt").speaker), ["die Grünen"]);

    let doc = annotate("Gutachter vor Ort schlossen einen Brandanschlag als Ursache aus.");
    let q = quotation(&doc, "Gutachter vor Ort schlossen einen Brandanschlag als Ursache aus.");
    assert_eq!(texts(&doc, &q.speaker), ["Gutachter vor Ort"]);
}

#[test]
fn names_in_quotes_talks_and_passives_are_not_speech() {
    let doc = annotate("Die Forscher des „Institute of Marine Biology“ fanden eine neue Art.");
    assert!(doc.quotations.is_empty(), "a foreign name in quotes: {:#?}", summary(&doc));

    let doc = annotate("Laut der Website „meerblick.de“ läuft die „Nordstern 4“ morgen aus.");
    assert!(doc.quotations.iter().all(|q| q.kind != QuoteType::Direct), "names in a sourced sentence: {:#?}", summary(&doc));

    let doc = annotate("Der Kapitän sprach lange mit seiner Mannschaft.");
    assert!(doc.quotations.is_empty(), "talking with someone reports nothing: {:#?}", summary(&doc));

    let doc = annotate("Gestern wurden neue Bedingungen genannt.");
    assert!(doc.quotations.is_empty(), "a passive names no speaker: {:#?}", summary(&doc));
}

#[test]
fn an_object_first_sentence_takes_the_subject_after_the_verb() {
    let doc = annotate("Die Reform bezeichnet Hartmann als „längst überfällig und gut gemacht“.");
    let q = quotation(&doc, "„längst überfällig und gut gemacht“");
    assert_eq!(texts(&doc, &q.speaker), ["Hartmann"]);
}

#[test]
fn a_country_after_a_name_is_not_its_surname() {
    let doc = annotate("Kanzlerin Petra Lang ruft Polen zu Gesprächen auf. Polen zufolge sei das Angebot vage.");
    let q = quotation(&doc, "sei das Angebot vage");
    assert_eq!(q.speaker_name.as_deref(), Some("Polen"));
}

#[test]
fn who_is_asked_or_told_is_the_addressee() {
    let doc = annotate("Die Ministerin forderte die Länder auf, mehr Lehrer einzustellen.");
    let q = quotation(&doc, "mehr Lehrer einzustellen");
    assert_eq!(texts(&doc, &q.addressee), ["die Länder"]);

    let doc = annotate("So berichtete der Reporter Jan Ebert dem Sender, dass die Brücke gesperrt sei.");
    let q = quotation(&doc, "dass die Brücke gesperrt sei");
    assert_eq!(texts(&doc, &q.speaker), ["der Reporter Jan Ebert"]);
    assert_eq!(texts(&doc, &q.addressee), ["dem Sender"]);
}

#[test]
fn a_konjunktiv_i_sentence_is_reported_even_after_an_unseen_cue() {
    let doc = annotate("Der Brand brach am Abend aus. Die Ursache sei bis heute unklar.");
    assert_eq!(quotation(&doc, "Die Ursache sei bis heute unklar.").kind, QuoteType::IndirectFreeIndirect);

    let doc = annotate("Der Brand brach am Abend aus. Ohne Regen wäre der Wald verloren gewesen.");
    assert!(doc.quotations.is_empty(), "a Konjunktiv II conditional is no speech: {:#?}", summary(&doc));
}

#[test]
fn calls_relative_clauses_and_so_after_a_direct_quote_are_no_indirect_speech() {
    let doc = annotate("Die Nachbarin rief, als es brannte, sofort die Feuerwehr.");
    assert!(doc.quotations.is_empty(), "calling the fire brigade: {:#?}", summary(&doc));

    let doc = annotate("Er ergänzte den Bericht um drei Fälle, bei denen Kinder verletzt wurden.");
    assert!(doc.quotations.iter().all(|q| q.kind != QuoteType::Indirect), "{:#?}", summary(&doc));

    let doc = annotate("„Wir bleiben hier“, so Lena Roth im Radio.");
    assert_eq!(doc.quotations.len(), 1, "{:#?}", summary(&doc));
    assert_eq!(doc.quotations[0].kind, QuoteType::Direct);
}

#[test]
fn a_source_phrase_before_the_verb_is_not_its_subject() {
    let doc = annotate("Laut dem Sender sagte der Bürgermeister, dass die Brücke im Mai eröffnet werde.");
    let q = quotation(&doc, "dass die Brücke im Mai eröffnet werde");
    assert_eq!(texts(&doc, &q.speaker), ["der Bürgermeister"], "{:?}", summary(&doc));
}

#[test]
fn what_looms_is_no_threat_anyone_made() {
    for text in ["Dem Angeklagten droht eine lange Haftstrafe.", "Jetzt droht den Pendlern ein neuer Streik."] {
        let doc = annotate(text);
        assert!(doc.quotations.is_empty(), "{text}: {:?}", summary(&doc));
    }
    let doc = annotate("Die Regierung drohte den Streikenden mit Entlassungen.");
    let q = quotation(&doc, "Die Regierung drohte den Streikenden mit Entlassungen.");
    assert_eq!(q.kind, QuoteType::Reported);
}

#[test]
fn a_death_toll_and_a_definition_are_not_speech() {
    for text in [
        "Zwölf Todesopfer forderte der Sturm an der Küste.",
        "Das Hochwasser hat bislang mindestens 40 Menschenleben gefordert.",
        "Kleine Kuchen nannte man früher Teilchen.",
    ] {
        let doc = annotate(text);
        assert!(doc.quotations.is_empty(), "{text}: {:?}", summary(&doc));
    }
    for text in ["Die Angehörigen der Todesopfer forderten eine Entschädigung.", "Der Bürgermeister rief die Bürger zu Spenden auf."] {
        let doc = annotate(text);
        assert_eq!(quotation(&doc, text).kind, QuoteType::Reported, "{text}");
    }
}

/// The quotations whose speaker reads `speaker`.
fn by_speaker<'a>(doc: &'a Document, speaker: &str) -> Vec<&'a Quotation> {
    doc.quotations.iter().filter(|q| texts(doc, &q.speaker) == [speaker]).collect()
}

#[test]
fn a_source_marker_beside_a_reporting_verb_gives_a_second_quotation() {
    let doc = annotate("Laut dem Rundfunk sagte die Ministerin, dass die Brücke bis Mai gesperrt bleibe.");
    let said = quotation(&doc, "dass die Brücke bis Mai gesperrt bleibe");
    assert_eq!(texts(&doc, &said.speaker), ["die Ministerin"]);
    assert_eq!(texts(&doc, &said.cue), ["sagte"]);
    let reported = by_speaker(&doc, "dem Rundfunk");
    assert_eq!(reported.len(), 1, "{:?}", summary(&doc));
    assert_eq!(texts(&doc, &reported[0].quote), ["sagte die Ministerin, dass die Brücke bis Mai gesperrt bleibe"]);
    assert_eq!(texts(&doc, &reported[0].cue), ["Laut"]);
    assert_eq!(reported[0].kind, QuoteType::Indirect);

    // A direct quotation keeps its speaker; the web site that reports it is a second source.
    let doc = annotate("„Das ist ein Skandal“, sagte der Versammlungsleiter laut wdr.de.");
    assert_eq!(texts(&doc, &quotation(&doc, "„Das ist ein Skandal“").speaker), ["der Versammlungsleiter"]);
    let site = by_speaker(&doc, "wdr.de");
    assert_eq!(site.len(), 1, "{:?}", summary(&doc));
    assert_eq!(site[0].speaker_name.as_deref(), Some("wdr.de"));

    // „so X laut Y“: the marker stays out of the quote, and Y is the second source.
    let doc = annotate("Die Lage sei ernst, so der Bürgermeister laut der Lokalzeitung, man brauche Hilfe.");
    assert_eq!(by_speaker(&doc, "der Bürgermeister").len(), 1, "{:?}", summary(&doc));
    assert_eq!(by_speaker(&doc, "der Lokalzeitung").len(), 1, "{:?}", summary(&doc));
}

#[test]
fn a_marker_that_points_back_to_the_speaker_is_no_second_source() {
    let doc = annotate("Die Ärztin sagte, die Behandlung sei ihrer Meinung nach zu teuer.");
    assert_eq!(doc.quotations.len(), 1, "{:?}", summary(&doc));
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["Die Ärztin"]);
}

#[test]
fn who_quotes_and_who_is_quoted_are_both_sources() {
    let doc = annotate("Das Tageblatt zitiert einen Anwohner mit den Worten: „Es hat gekracht wie noch nie.“");
    let sources: Vec<Vec<String>> = doc.quotations.iter().map(|q| texts(&doc, &q.speaker)).collect();
    assert_eq!(sources, [vec!["Das Tageblatt"], vec!["einen Anwohner"]], "{:?}", summary(&doc));
    assert!(doc.quotations[1].cue.is_empty(), "the quoting medium holds the cue");

    let doc = annotate("Die Bürgermeisterin Anna Kranz wird von der Lokalzeitung mit den Worten zitiert: „Wir bauen das Bad wieder auf.“");
    let sources: Vec<Vec<String>> = doc.quotations.iter().map(|q| texts(&doc, &q.speaker)).collect();
    assert_eq!(sources, [vec!["Die Bürgermeisterin Anna Kranz"], vec!["der Lokalzeitung"]], "{:?}", summary(&doc));

    // Quoted by nobody named: one source.
    let doc = annotate("Sie wird mit den Worten zitiert: „Ich trete nicht zurück.“");
    assert_eq!(doc.quotations.len(), 1, "{:?}", summary(&doc));
}

#[test]
fn a_relative_clause_after_the_verb_is_not_what_was_said() {
    let doc = annotate("Gemeldet wurde der Tod der Sängerin, die während eines Urlaubs in Italien verstarb.");
    assert!(doc.quotations.is_empty(), "{:?}", summary(&doc));
    let doc = annotate("Der Minister sagte, der von ihm vorgeschlagene Plan sei bezahlbar.");
    assert_eq!(texts(&doc, &doc.quotations[0].quote), ["der von ihm vorgeschlagene Plan sei bezahlbar"]);
}

#[test]
fn a_name_and_its_description_set_off_by_a_comma_are_one_speaker() {
    let doc = annotate("Karl Weber, der Leiter des Museums, sagte, die Ausstellung sei ausverkauft.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["Karl Weber, der Leiter des Museums"]);
    assert_eq!(doc.quotations[0].speaker_name.as_deref(), Some("Karl Weber"));
    let doc = annotate("„Wir sind zufrieden“, sagte Anna Brandt, die Sprecherin der Stadtwerke.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["Anna Brandt, die Sprecherin der Stadtwerke"]);
    assert_eq!(doc.quotations[0].speaker_name.as_deref(), Some("Anna Brandt"));
}

#[test]
fn a_passive_cue_has_its_agent_or_nobody_as_speaker() {
    let doc = annotate("Es wird vermutet, dass der Täter über die Grenze geflohen ist.");
    assert!(doc.quotations[0].speaker.is_empty(), "{:?}", summary(&doc));
    let doc = annotate("Dem Bürgermeister wird vorgeworfen, er habe die Aufträge selbst vergeben.");
    assert!(doc.quotations[0].speaker.is_empty(), "{:?}", summary(&doc));
    let doc = annotate("Am Abend wurde von der Feuerwehr mitgeteilt, dass die Straße wieder frei sei.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["der Feuerwehr"]);
    let doc = annotate("In einem Bericht der Lokalzeitung wurde vermutet, dass niemand überlebt hat.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["einem Bericht der Lokalzeitung"]);
}

#[test]
fn the_cue_holds_what_the_dataset_marks_with_the_verb() {
    let cue = |text: &str| {
        let doc = annotate(text);
        let q = doc.quotations.first().unwrap_or_else(|| panic!("no quotation in {text}"));
        texts(&doc, &q.cue).join(" ")
    };
    assert_eq!(cue("Die Ärztin warnte davor, dass die Wartezeiten noch länger würden."), "warnte davor");
    assert_eq!(cue("Der Minister entschied sich, die Reform zu verschieben."), "entschied sich");
    assert_eq!(cue("Die Opposition bezeichnete den Haushalt als „reine Augenwischerei“."), "bezeichnete als");
    assert_eq!(cue("Die Lage sei ernst, wie der Bürgermeister gesagt hatte."), "wie gesagt hatte");
}

#[test]
fn heisst_es_has_its_clause_as_frame_and_its_document_or_place_as_speaker() {
    let doc = annotate("In einem Papier des Ministeriums heißt es, die Prüfung habe keine Mängel ergeben.");
    let q = quotation(&doc, "die Prüfung habe keine Mängel ergeben");
    assert_eq!(texts(&doc, &q.frame), ["In einem Papier des Ministeriums heißt es,"]);
    assert_eq!(texts(&doc, &q.speaker), ["einem Papier des Ministeriums"]);
    let doc = annotate("Die Frist sei abgelaufen, hieß es bei der Stadtverwaltung.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["der Stadtverwaltung"]);
}

#[test]
fn chanting_and_speculating_are_speech() {
    let doc = annotate("Vor dem Rathaus skandierten die Demonstranten: „Wir bleiben hier!“");
    assert_eq!(texts(&doc, &quotation(&doc, "„Wir bleiben hier!“").cue), ["skandierten"]);
    let doc = annotate("Die Zeitung spekulierte, der Trainer werde bald entlassen.");
    assert_eq!(texts(&doc, &quotation(&doc, "der Trainer werde bald entlassen").speaker), ["Die Zeitung"]);
}

#[test]
fn a_separable_verb_joined_in_a_subordinate_clause_is_a_cue() {
    let doc = annotate("Wie die Stadtverwaltung mitteilt, bleibt die Brücke bis Mai gesperrt.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["die Stadtverwaltung"], "{:?}", summary(&doc));
    let doc = annotate("Die Lage sei ernst, wie der Gutachter feststellt.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["der Gutachter"], "{:?}", summary(&doc));
}

#[test]
fn es_heisst_and_a_particle_before_the_verb_are_cues_too() {
    let doc = annotate("Die Zahlen wurden später korrigiert, und es heißt nun, dass zwölf Menschen verletzt wurden.");
    let q = quotation(&doc, "dass zwölf Menschen verletzt wurden");
    assert_eq!(texts(&doc, &q.cue), ["es heißt"]);
    let doc = annotate("Wie das Ministerium heute bekannt gab, wird die Brücke im Mai eröffnet.");
    let q = quotation(&doc, "wird die Brücke im Mai eröffnet");
    assert_eq!(texts(&doc, &q.speaker), ["das Ministerium"]);
}

#[test]
fn a_sentence_adverb_between_subject_and_verb_keeps_the_subject() {
    let doc = annotate("Die Gewerkschaft hingegen sagte, der Streik gehe weiter.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["Die Gewerkschaft"], "{:?}", summary(&doc));
}

#[test]
fn a_plural_verb_keeps_its_subject_first_and_a_verb_after_und_shares_the_clauses_subject() {
    let plural = annotate("Die Behörden werfen Kerstin Lange Betrug vor.");
    let speakers: Vec<Vec<String>> = plural.quotations.iter().map(|q| texts(&plural, &q.speaker)).collect();
    assert_eq!(speakers, [["Die Behörden"]], "{:?}", summary(&plural));
    let joined = annotate("Er nannte die Proteste rechtmäßig und forderte Hansen und dessen Anhänger dazu auf, Ruhe zu bewahren.");
    let q = quotation(&joined, "Ruhe zu bewahren");
    assert_eq!(texts(&joined, &q.speaker), ["Er"], "{:?}", summary(&joined));
}

#[test]
fn a_person_opening_the_sentence_before_the_auxiliary_is_the_subject_not_the_person_after_it() {
    let doc = annotate("Der Fraktionschef im Landtag, Wolfgang Brandt, hatte Lenz gestern aufgefordert, sein Amt ruhen zu lassen.");
    let q = quotation(&doc, "sein Amt ruhen zu lassen");
    assert_eq!(texts(&doc, &q.speaker), ["Der Fraktionschef im Landtag, Wolfgang Brandt"], "{:?}", summary(&doc));
}

#[test]
fn a_person_before_the_verb_is_its_subject_and_what_is_alleged_no_addressee() {
    let doc = annotate("Die Kanzlerin warf Putin vor, er habe gelogen.");
    assert_eq!(texts(&doc, &quotation(&doc, "er habe gelogen").speaker), ["Die Kanzlerin"]);
    // An object that names nobody stands first only inverted: the bare name after the verb speaks.
    let doc = annotate("Die Übung bezeichnete Stoltenberg als Erfolg für die Allianz.");
    assert_eq!(texts(&doc, &doc.quotations[0].speaker), ["Stoltenberg"], "{:#?}", summary(&doc));
    // After „beschuldigen“ a „der“ opens no dative addressee.
    let doc = annotate("Zugleich beschuldigte Karl Bauer der Regierung nahestehende Kreise der Lüge: Sie hätten Stimmen gekauft.");
    let q = quotation(&doc, "Sie hätten Stimmen gekauft");
    assert_eq!(texts(&doc, &q.speaker), ["Karl Bauer"]);
    assert!(q.addressee.is_empty(), "{:?}", texts(&doc, &q.addressee));
}

#[test]
fn a_short_clause_of_a_pronoun_and_a_konjunktiv_in_e_is_reported_speech() {
    let doc = annotate("Die Berliner Polizei sagte, man ermittle.");
    let q = quotation(&doc, "man ermittle");
    assert_eq!(q.kind, QuoteType::Indirect);
    assert_eq!(texts(&doc, &q.speaker), ["Die Berliner Polizei"]);
    // An adverb in -e after the pronoun is no verb: „er gerne“ alone reports nothing.
    assert!(!finds_indirect_speech("Der Trainer sagte, er gerne."), "{:#?}", summary(&annotate("Der Trainer sagte, er gerne.")));
}

fn finds_indirect_speech(text: &str) -> bool {
    annotate(text).quotations.iter().any(|q| q.kind == QuoteType::Indirect)
}
