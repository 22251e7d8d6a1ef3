//! German sentence segmentation and page-furniture marking on hand-written news German.

use std::time::Instant;
use zitat::segment::GermanSegmenter;
use zitat::Document;

fn segmented(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    GermanSegmenter.split(&mut doc);
    doc
}

fn sentences(text: &str) -> Vec<String> {
    let doc = segmented(text);
    doc.sentences.iter().map(|s| doc.slice(*s).to_string()).collect()
}

fn furniture(text: &str) -> Vec<String> {
    let doc = segmented(text);
    doc.boilerplate.iter().map(|s| doc.slice(*s).to_string()).collect()
}

/// Asserts that `text` is segmented into exactly these sentences.
fn assert_sentences(text: &str, expected: &[&str]) {
    assert_eq!(sentences(text), expected, "segmenting {text:?}");
}

/// Asserts that `text` stays one sentence.
fn assert_one(text: &str) {
    assert_sentences(text, &[text]);
}

#[test]
fn plain_sentences_split_after_stops() {
    assert_sentences(
        "Der Rat tagte am Montag. Wer kommt? Niemand! Das Ergebnis bleibt offen.",
        &["Der Rat tagte am Montag.", "Wer kommt?", "Niemand!", "Das Ergebnis bleibt offen."],
    );
}

#[test]
fn titles_and_leading_abbreviations_do_not_end_sentences() {
    assert_one("Dr. Anna Weber und Prof. Dr. Jens Otto sprachen mit Hr. Klein und Fr. Lang.");
    assert_one("Vgl. dazu die Studie, die ca. 400 Betriebe bzw. Vereine befragte.");
    assert_one("Es kamen u. a. Landwirte, z. B. aus Bayern, d. h. aus dem Süden.");
    assert_one("Es kamen z.B. Winzer, d.h. Weinbauern, u.a. aus der Pfalz.");
    assert_one("Er wohnt in der Bahnhofstr. 12 nahe St. Georg.");
    assert_one("Die Kosten sind ggf. höher, inkl. Steuern, gem. Vertrag, evtl. auch o. ä. Gebühren.");
    assert_one("Der Antrag gilt u. U. nur für Neubauten, v. a. im Norden.");
}

#[test]
fn abbreviations_before_numbers_depend_on_the_number() {
    assert_one("Das regelt Art. 5 Abs. 2 GG, siehe S. 14 und Nr. 3.");
    assert_sentences(
        "Das ist eine ganz neue Art. Sie gefällt nicht allen.",
        &["Das ist eine ganz neue Art.", "Sie gefällt nicht allen."],
    );
    assert_one("Die Studie erschien am 3. Aug. 2017 in Berlin.");
}

#[test]
fn sentence_final_abbreviations_end_sentences_before_a_new_subject() {
    assert_sentences(
        "Sie verkaufen Äpfel, Birnen usw. Die Preise steigen.",
        &["Sie verkaufen Äpfel, Birnen usw.", "Die Preise steigen."],
    );
    assert_one("Der Umsatz lag bei 80 Mio. Euro und 2 Mrd. Dollar.");
    assert_sentences(
        "Die Stadt entstand um 500 v. Chr. Heute leben dort 2000 Menschen.",
        &["Die Stadt entstand um 500 v. Chr.", "Heute leben dort 2000 Menschen."],
    );
}

#[test]
fn ordinals_and_dates_are_not_sentence_ends() {
    assert_one("Das Treffen fand am 18. Januar 2022 in Brüssel statt.");
    assert_one("Am 12.10.2022 um 16.00 Uhr begann die Sitzung.");
    assert_one("Er belegte den 3. Platz und feierte seinen 60. Geburtstag.");
    assert_one("Die Kirche wurde im 19. Jahrhundert gebaut.");
    assert_one("Eine aus dem frühen 16. Jahrhundert stammende Truhe wurde versteigert.");
    assert_one("Der 1. FC Köln gewann am Freitag, 17. Dezember, mit 3:1.");
    assert_one("Die Sitzungen am 3., 4. und 5. Mai fallen aus.");
    assert_one("Der Verband wählte sie zur Delegierten der „XX. Kategorie“ im Turnier.");
}

#[test]
fn numbers_at_the_end_of_a_sentence_are_sentence_ends() {
    assert_sentences(
        "Die Firma wurde im Jahr 1942. Jetzt schließt sie.",
        &["Die Firma wurde im Jahr 1942.", "Jetzt schließt sie."],
    );
    assert_sentences(
        "Die Mannschaft steht auf Platz 17. Trainer Huber bleibt.",
        &["Die Mannschaft steht auf Platz 17.", "Trainer Huber bleibt."],
    );
    assert_sentences(
        "Der Jubilar wurde am Sonntag 60. Der Bürgermeister gratulierte.",
        &["Der Jubilar wurde am Sonntag 60.", "Der Bürgermeister gratulierte."],
    );
    assert_sentences(
        "Es kamen 3.500 Gäste, die Quote lag bei 1,5. Das war ein Rekord.",
        &["Es kamen 3.500 Gäste, die Quote lag bei 1,5.", "Das war ein Rekord."],
    );
}

#[test]
fn initials_stay_inside_the_name() {
    assert_one("Der Roman von J. R. R. Tolkien wurde neu übersetzt.");
    assert_one("Der Landrat Franz J. Müller widersprach.");
}

#[test]
fn urls_and_mail_addresses_are_words() {
    assert_sentences(
        "Mehr steht auf www.beispiel-zeitung.de. Fragen gehen an leser@beispiel-zeitung.de. Danke.",
        &["Mehr steht auf www.beispiel-zeitung.de.", "Fragen gehen an leser@beispiel-zeitung.de.", "Danke."],
    );
    assert_one("Die Seite https://www.beispiel.de/politik/index.html?id=3 war gestört.");
}

#[test]
fn ellipses_mark_omissions() {
    assert_one("Er sagte, man werde … prüfen, und dann ... nichts.");
    assert_one("„Wir haben […] Fehler gemacht“, sagte sie.");
    assert_sentences("Sie zögerte … Dann stimmte sie zu.", &["Sie zögerte …", "Dann stimmte sie zu."]);
}

#[test]
fn a_stop_inside_a_quotation_before_the_speaker_ends_nothing() {
    assert_one("„Das ist falsch.“ sagte der Minister.");
    assert_one("„Wir kommen!“, rief sie.");
    assert_one("»Warum nicht?« fragte er.");
}

#[test]
fn closing_marks_belong_to_the_ending_sentence() {
    assert_sentences(
        "Sie sagte: „Wir sind bereit. Der Plan steht.“ Danach ging sie.",
        &["Sie sagte: „Wir sind bereit.", "Der Plan steht.“", "Danach ging sie."],
    );
    for (open, close) in [("„", "“"), ("\"", "\""), ("»", "«"), ("«", "»"), ("‚", "‘")] {
        let text = format!("Er rief: {open}Halt!{close} Alle blieben stehen.");
        assert_sentences(&text, &[&format!("Er rief: {open}Halt!{close}"), "Alle blieben stehen."]);
    }
    assert_sentences(
        "Das Amt schwieg (eine Antwort steht aus.) Die Frist endet heute.",
        &["Das Amt schwieg (eine Antwort steht aus.)", "Die Frist endet heute."],
    );
}

#[test]
fn semicolons_end_sentences_as_in_the_dataset() {
    assert_sentences("Die Lage ist ernst; die Regierung berät.", &["Die Lage ist ernst;", "die Regierung berät."]);
}

#[test]
fn line_breaks_end_headlines_and_captions() {
    assert_sentences(
        "Streit um neue Windräder\n\nDie Gemeinde lehnt den Bau ab.\nBürger protestieren",
        &["Streit um neue Windräder", "Die Gemeinde lehnt den Bau ab.", "Bürger protestieren"],
    );
    assert_sentences(
        "Der Ausschuss hat am Dienstag\r\nbeschlossen, die Regel zu ändern.\r\nDanach Pause.",
        &["Der Ausschuss hat am Dienstag\r\nbeschlossen, die Regel zu ändern.", "Danach Pause."],
    );
}

#[test]
fn glued_paragraphs_are_split() {
    assert_sentences(
        "Zwei Menschen wurden verletzt.Die Polizei ermittelt.",
        &["Zwei Menschen wurden verletzt.", "Die Polizei ermittelt."],
    );
    assert_one("Die Partei Die Linke.PDS trat an.");
}

#[test]
fn spans_are_character_offsets_trimmed_of_unicode_whitespace() {
    let text = "\u{FEFF} Öl wird teurer.\u{A0}\u{2009}Gas\u{202F}auch. \u{200B}\n ";
    let doc = segmented(text);
    let got: Vec<(usize, usize)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(got, [(2, 17), (19, 28)]);
    assert_eq!(doc.slice(doc.sentences[1]), "Gas\u{202F}auch.");
}

#[test]
fn empty_and_blank_texts_have_no_sentences() {
    assert!(sentences("").is_empty());
    assert!(sentences(" \n\u{A0}\r\n ").is_empty());
}

#[test]
fn resegmenting_replaces_earlier_sentences() {
    let mut doc = segmented("Eins. Zwei.");
    GermanSegmenter.split(&mut doc);
    assert_eq!(doc.sentences.len(), 2);
}

#[test]
fn photo_credits_and_captions_are_furniture() {
    let text = "Die Ministerin bei der Eröffnung der Messe in Hannover. © dpa Foto: Lea Beispiel\n\n\
                Die Ministerin eröffnete am Montag die Messe. Sie lobte die Aussteller.";
    assert_eq!(furniture(text), ["Die Ministerin bei der Eröffnung der Messe in Hannover. © dpa Foto: Lea Beispiel"]);
    let text = "Der Hafen von Kiel\nDas Containerterminal im Hafen (Archivbild)\nQuelle: imago\n\nDer Hafen wächst.";
    assert_eq!(furniture(text), ["Der Hafen von Kiel", "Das Containerterminal im Hafen (Archivbild)", "Quelle: imago"]);
}

#[test]
fn a_credit_after_a_quoting_paragraph_marks_only_the_credit() {
    let text = "„Wir bauen neu“, sagte der Bürgermeister am Abend im Rathaus. Foto: Stadtarchiv";
    assert_eq!(furniture(text), ["Foto: Stadtarchiv"]);
}

#[test]
fn broadcast_metadata_teasers_and_labels_are_furniture() {
    let text = "Sendung: Nachrichten | 02.03.2024 | 18:00 Uhr | von Max Beispiel\n\
                12 Min | Verfügbar bis 02.03.2029\n\n\
                Stand: 02.03.2024 18:30 Uhr\n\n\
                Die Sendung berichtet über die Landwirtschaft im Norden. mehr\n\n\
                Datum:\n\nBeitragslänge:\n3 min\n\n\
                Der Landtag debattierte am Freitag über die Agrarhilfen.";
    assert_eq!(
        furniture(text),
        [
            "Sendung: Nachrichten | 02.03.2024 | 18:00 Uhr | von Max Beispiel",
            "12 Min | Verfügbar bis 02.03.2029",
            "Stand: 02.03.2024 18:30 Uhr",
            "Die Sendung berichtet über die Landwirtschaft im Norden. mehr",
            "Datum:",
            "Beitragslänge:",
            "3 min",
        ]
    );
}

#[test]
fn a_headline_keeps_its_text_and_loses_only_its_time_stamp() {
    let text = "Regierung plant Reform Stand: 05.06.2024 09:12 Uhr\n\nDie Regierung plant eine Reform.";
    assert_eq!(furniture(text), ["Stand: 05.06.2024 09:12 Uhr"]);
    assert_eq!(
        sentences(text),
        ["Regierung plant Reform", "Stand: 05.06.2024 09:12 Uhr", "Die Regierung plant eine Reform."]
    );
}

#[test]
fn teaser_titles_between_a_credit_and_a_teaser_are_furniture() {
    let text = "Ein Traktor auf einem Feld © Beispielagentur\n\nErnte in Gefahr?\n\n\
                Die Bauern klagen über den nassen Sommer. mehr\n\nMehr Nachrichten";
    assert_eq!(
        furniture(text),
        [
            "Ein Traktor auf einem Feld © Beispielagentur",
            "Ernte in Gefahr?",
            "Die Bauern klagen über den nassen Sommer. mehr",
            "Mehr Nachrichten"
        ]
    );
}

#[test]
fn reader_prompts_bylines_and_navigation_are_furniture() {
    let lines = [
        "Um unser Angebot zu verbessern, nutzen wir Cookies. Hier kannst du widersprechen.",
        "Sie haben sich mit diesem Gerät ausgeloggt.",
        "Zur Merkliste hinzugefügt! Embed-Code kopieren",
        "Abonnieren Sie unseren Newsletter.",
        "Von Erika Beispiel, ARD-Studio Wien",
        "Startseite > Politik > Ausland",
        "Sie sind hier:",
        "Lesen Sie auch",
    ];
    for line in lines {
        let text = format!("{line}\n\nDer Stadtrat tagte am Montag.");
        assert_eq!(furniture(&text), [line], "{line:?} should be furniture");
    }
}

#[test]
fn article_prose_is_never_furniture() {
    let text = "Der Bundestag hat am Donnerstag über das Heizungsgesetz beraten.\n\n\
                „Wir werden Sie nicht im Stich lassen“, sagte die Ministerin.\n\n\
                Der Verband kritisierte, dass viele Webseiten Cookies ohne Zustimmung setzen.\n\n\
                Von Montag an gilt die neue Regel.\n\n\
                Mehr als 300 Menschen protestierten | vor dem Rathaus.\n\n\
                Die Ergebnisse: 30 Prozent | 40 Prozent | 30 Prozent, sagte der Forscher. „Das ist klar.“\n\n\
                Wir haben viel zu besprechen, das im gemeinsamen Interesse liegt.\n\
                Die Außenministerin";
    assert!(furniture(text).is_empty(), "{:?}", furniture(text));
}

#[test]
fn a_crawl_date_at_the_start_is_furniture() {
    let text = " date 2024-06 Die Nato will keine Soldaten entsenden.";
    assert_eq!(furniture(text), ["date 2024-06"]);
    assert_eq!(sentences(text), ["date 2024-06", "Die Nato will keine Soldaten entsenden."]);
}

#[test]
fn furniture_and_sentences_are_sorted_and_disjoint() {
    let text = " date 2022-01 Die Kanzlerin in Berlin. Foto: Max Beispiel\nSendung: Nachrichten | 16:00 Uhr\n\
                Der Bundestag tagte. Er beschloss nichts.";
    let doc = segmented(text);
    for spans in [&doc.sentences, &doc.boilerplate] {
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{spans:?}");
    }
    assert!(doc.sentences.iter().all(|s| !s.is_empty()));
}

/// Inputs that a quadratic scan or a backtracking pattern would choke on.
#[test]
fn adversarial_inputs_are_segmented_in_linear_time() {
    let size = 1_000_000;
    for unit in ["a.", ". ", "x", "1. ", "Dr. ", "„", "… ", "A.B.", " \n"] {
        let text = unit.repeat(size / unit.len());
        let started = Instant::now();
        let doc = segmented(&text);
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 20, "{unit:?}×{}: {elapsed:?}", size / unit.len());
        assert!(doc.sentences.iter().all(|s| !s.is_empty()));
    }
}

/// Run with `cargo test --release --test segment -- --ignored --nocapture`: segments a
/// 50 MB single-line German text and prints the time.
#[test]
#[ignore]
fn fifty_megabytes_on_one_line() {
    let paragraph = "Der Minister sagte am 18. Januar 2022 in Berlin, dass die Reform ca. 3,5 Mrd. Euro koste. \
                     „Das ist falsch!“, rief Dr. Anna Weber von der Opposition. Die Abstimmung folgt am 3. März; \
                     danach entscheidet der Bundesrat (vgl. Art. 77 GG) usw. ";
    let text = paragraph.repeat(50_000_000 / paragraph.len());
    let started = Instant::now();
    let doc = segmented(&text);
    let elapsed = started.elapsed();
    println!(
        "{:.1} MB, {} sentences, {:.2} s ({:.1} MB/s)",
        text.len() as f64 / 1e6,
        doc.sentences.len(),
        elapsed.as_secs_f64(),
        text.len() as f64 / 1e6 / elapsed.as_secs_f64()
    );
    assert_eq!(doc.sentences.len(), 4 * (50_000_000 / paragraph.len()));
}
