//! The fact-checking desk's formats from the outside: csv round trip, one speaker id
//! across articles, quote variants across articles with the changed word marked on the
//! review site and where they were first seen, input markup escaped on every page, the
//! site's filters and export (run in node), titles and dates from the dataset's document
//! names, and a spreadsheet that LibreOffice reads back with every quotation intact.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Two articles quote Jens Stoltenberg, the second only by surname and with one word of
/// his statement changed; a third quotes two different people called Scholz, a fourth
/// quotes markup.
const ARTICLES: [(&str, &str); 4] = [
    (
        "a.txt",
        "Nato warnt vor neuen Gefahren\n\nBrüssel – Nato-Generalsekretär Jens Stoltenberg hat die Mitgliedsstaaten \
         zur Einigkeit aufgerufen. „Die Welt ist gefährlicher geworden, und wir müssen zusammenstehen“, \
         sagte Stoltenberg am Montag in Brüssel.\n",
    ),
    (
        "b.txt",
        "Stoltenberg mahnt\n\nWashington – „Die Welt ist gefährlich geworden, und wir müssen zusammenstehen“, \
         sagte Stoltenberg am Dienstag vor Journalisten.\n",
    ),
    (
        "c.txt",
        "Streit in der Koalition\n\nBerlin – „Wir werden die Steuern nicht erhöhen“, sagte Olaf Scholz am Mittwoch. \
         „Die Pläne sind unausgegoren“, sagte Hans Scholz, der Vorsitzende des Steuerzahlerbundes.\n",
    ),
    (
        "d.txt",
        "Angriff auf die Webseite\n\nKöln – „<script>alert(1)</script> ist keine Antwort“, sagte Anna Weber am Freitag. \
         „\"><img src=x onerror=alert(2)> bleibt nur Text, \"mit Komma\"“, sagte Weber.\n",
    ),
];

fn write_corpus(dir: &Path) {
    for (name, text) in ARTICLES {
        fs::write(dir.join(name), text).unwrap();
    }
}

fn zitat_run(input: &Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "rules", "-q", input.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("zitat starts");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

type Row = std::collections::HashMap<String, String>;

fn csv_rows(input: &Path) -> Vec<Row> {
    let csv = zitat_run(input, &["--format", "csv"]);
    let body = csv.strip_prefix('\u{feff}').expect("the csv starts with a byte-order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

fn row<'a>(rows: &'a [Row], doc: &str, quote_contains: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["doc"] == doc && r["quote"].contains(quote_contains))
        .unwrap_or_else(|| panic!("no quotation with {quote_contains:?} in {doc}: {rows:#?}"))
}

#[test]
fn csv_gives_one_speaker_id_across_articles_and_one_cluster_per_statement() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let rows = csv_rows(dir.path());
    let (a, b) = (row(&rows, "a.txt", "gefährlicher"), row(&rows, "b.txt", "gefährlich geworden"));
    assert_eq!(a["speaker_id"], "jens-stoltenberg");
    assert_eq!(b["speaker_id"], "jens-stoltenberg", "the bare surname joins the only full name");
    assert_eq!((a["speaker"].as_str(), b["speaker"].as_str()), ("Jens Stoltenberg", "Jens Stoltenberg"));
    assert_eq!(b["speaker_name_in_article"], "Stoltenberg");
    assert!(!a["cluster"].is_empty() && a["cluster"] == b["cluster"], "{a:?} {b:?}");
    assert!(a["context"].contains("sagte Stoltenberg am Montag"));

    let (olaf, hans) = (row(&rows, "c.txt", "Steuern"), row(&rows, "c.txt", "unausgegoren"));
    assert_eq!((olaf["speaker_id"].as_str(), hans["speaker_id"].as_str()), ("olaf-scholz", "hans-scholz"));
    assert!(olaf["cluster"].is_empty());

    let markup = row(&rows, "d.txt", "onerror");
    assert_eq!(markup["quote"], "„\"><img src=x onerror=alert(2)> bleibt nur Text, \"mit Komma\"“");
    assert_eq!(markup["speaker_id"], "anna-weber");
}

#[test]
fn jsonl_lines_carry_the_corpus_wide_speaker_id() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let jsonl = zitat_run(dir.path(), &[]);
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let b = lines.iter().find(|l| l["doc"] == "b.txt").expect("b.txt has a quotation");
    assert_eq!(b["speaker"]["name"], "Stoltenberg", "the article's own name is unchanged");
    assert_eq!(b["speaker_id"], "jens-stoltenberg");
    assert_eq!(b["speaker_canonical"], "Jens Stoltenberg");
    assert!(b["cluster"].is_string());
}

#[test]
fn the_site_marks_the_changed_word_and_escapes_input_markup() {
    let dir = tempfile::tempdir().unwrap();
    let (input, site) = (dir.path().join("in"), dir.path().join("site"));
    fs::create_dir(&input).unwrap();
    write_corpus(&input);
    zitat_run(&input, &["--format", "html", "-o", site.to_str().unwrap()]);

    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert_eq!(index.matches("<tr id=\"p-jens-stoltenberg\"").count(), 1);
    assert!(index.contains("<mark class=\"diff\">gefährlich</mark>"), "the changed word is marked");
    assert!(index.contains("<mark class=\"diff\">gefährlicher</mark>"), "and so is the reference's word");
    for page in ["index.html", "a/d.txt.html"] {
        let html = fs::read_to_string(site.join(page)).unwrap();
        assert!(!html.contains("<script>alert"), "{page} runs the quoted script");
        assert!(!html.contains("<img src=x"), "{page} has the quoted image");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page} lost the quoted text");
    }
    assert!(index.contains("Zuerst gesehen in"), "the cluster says where it was first seen");
    assert!(!index.contains("verschiedenen Personen zugeschrieben"), "both quote Stoltenberg, once by surname only");
    let article = fs::read_to_string(site.join("a/b.txt.html")).unwrap();
    assert!(article.contains("href=\"../index.html#p-jens-stoltenberg\""), "the speaker links to the index");
    assert!(article.contains("title=\"Zitat 1 · wörtliche Rede · Sprecher: Stoltenberg · Konfidenz"), "pointing at a quotation names its speaker");
    assert!(article.contains(" id=\"q1\""), "the quotation has its anchor");
    assert!(!article.contains("<!--zitat:"), "every placeholder is filled");
    assert!(site.join("site.css").is_file() && site.join("site.js").is_file());
}

#[test]
fn csv_and_site_are_identical_for_one_and_four_threads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    write_corpus(&input);
    let csv: Vec<String> = ["1", "4"].iter().map(|t| zitat_run(&input, &["--format", "csv", "--threads", t])).collect();
    assert_eq!(csv[0], csv[1]);
    let sites: Vec<Vec<(String, String)>> = ["1", "4"]
        .iter()
        .map(|threads| {
            let site = dir.path().join(format!("site-{threads}"));
            zitat_run(&input, &["--format", "html", "-o", site.to_str().unwrap(), "--threads", threads]);
            let mut pages: Vec<(String, String)> = ["index.html", "a/a.txt.html", "a/b.txt.html", "a/c.txt.html", "a/d.txt.html"]
                .iter()
                .map(|page| (page.to_string(), fs::read_to_string(site.join(page)).unwrap()))
                .collect();
            pages.sort();
            pages
        })
        .collect();
    assert_eq!(sites[0], sites[1]);
}

#[test]
fn a_web_page_gives_its_article_quotations_with_title_date_and_url() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus/nato-agentur.html");
    let rows = csv_rows(&page);
    assert_eq!(rows.len(), 2, "the two quotations of the article, none from its script or comment: {rows:#?}");
    for row in &rows {
        assert_eq!(row["title"], "Nato-Gipfel: Solberg mahnt zur Einigkeit");
        assert_eq!(row["date"], "2025-07-11T09:30:00+02:00");
        assert_eq!(row["url"], "https://example.org/politik/nato-gipfel-solberg");
        assert_eq!(row["speaker_id"], "henrik-solberg");
    }
    assert!(rows[0]["quote"].contains("Entschlossenheit zu prüfen"));
}

#[test]
fn the_site_needs_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "rules", "--format", "html", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writes a review site and needs a directory: add -o DIR"));
}

/// Whether a program is on the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// `file` converted by LibreOffice into `dir` (`to`: the target filter; `infilter`: the
/// csv import options: separator, text delimiter, character set, first line), the result.
fn soffice(profile: &Path, file: &Path, to: &str, infilter: Option<&str>, dir: &Path) -> PathBuf {
    let mut command = Command::new("soffice");
    command.arg(format!("-env:UserInstallation=file://{}", profile.display())).arg("--headless");
    if let Some(options) = infilter {
        command.arg(format!("--infilter={options}"));
    }
    let out = command.args(["--convert-to", to, "--outdir"]).arg(dir).arg(file).output().expect("soffice runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let extension = to.split(':').next().unwrap();
    let made = dir.join(file.file_stem().unwrap()).with_extension(extension);
    assert!(made.is_file(), "soffice wrote no {}: {}", made.display(), String::from_utf8_lossy(&out.stdout));
    made
}

#[test]
fn a_spreadsheet_that_libreoffice_made_holds_the_exact_quotations() {
    if !on_path("soffice") {
        eprintln!("skipped: soffice (LibreOffice) is not on the PATH; scripts/test-spreadsheet.sh installs it and runs this test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(
        corpus.join("haushalt.txt"),
        "Streit um den Haushalt\n\nMünchen – „Für Brücken, Schulen und Straßen fehlen 75 Prozent des Geldes; \
         das ärgert uns“, sagte die Kämmerin Jördis Weiß am Donnerstag. Sie sagte außerdem, die Stadt müsse \
         „über größere Kürzungen nachdenken“.\n",
    )
    .unwrap();
    let jsonl = zitat_run(&corpus, &[]);
    let expected: Vec<String> =
        jsonl.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["quote"]["text"].as_str().unwrap().to_owned()).collect();
    assert!(expected.iter().any(|q| q.contains('„') && q.contains('ß')), "the quotations have „“ and umlauts: {expected:?}");
    let profile = dir.path().join("profile");
    for (name, flavour, separator) in [("zitate", None, 44), ("zitate-excel", Some("--excel"), 59)] {
        let csv = dir.path().join(format!("{name}.csv"));
        let mut args = vec!["--format", "csv", "-o", csv.to_str().unwrap()];
        args.extend(flavour);
        zitat_run(&corpus, &args);
        // LibreOffice asks for the character set on import (Excel reads the byte-order mark).
        let xlsx = soffice(&profile, &csv, "xlsx", Some(&format!("CSV:{separator},34,76,1")), &dir.path().join("xlsx"));
        let back = soffice(&profile, &xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", None, &dir.path().join("back"));
        let mut reader = csv::Reader::from_path(&back).unwrap();
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "doc", "{name}: the byte-order mark is no part of the first cell");
        let quote = header.iter().position(|h| h == "quote").expect("a quote column");
        let quotes: Vec<String> = reader.records().map(|r| r.unwrap()[quote].to_owned()).collect();
        assert_eq!(quotes, expected, "{name}: one row per quotation, each text exactly as written");
    }
}

/// A jsonl article: id, title, date and text.
fn meldung(id: &str, title: &str, date: &str, text: &str) -> String {
    serde_json::json!({"id": id, "title": title, "date": date, "text": text}).to_string()
}

const BRUECKE: &str = "„Wir werden die Brücke am Hafen im Sommer endlich sanieren lassen“";
const HAUSHALT: &str = "„Der Haushalt der Stadt ist in diesem Jahr zum ersten Mal ausgeglichen“";

#[test]
fn a_cluster_says_where_and_when_it_was_first_seen_and_whether_the_people_differ() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("meldungen.jsonl");
    let lines = [
        meldung("m1", "Zweiter Bericht", "2024-03-02", &format!("Kiel – {BRUECKE}, sagte Bürgermeisterin Jana Keller. {HAUSHALT}, sagte Keller.")),
        meldung("m2", "Erster Bericht", "2024-03-01", &format!("Kiel – {BRUECKE}, sagte Jana Keller am Freitag.")),
        meldung("m3", "Dritter Bericht", "2024-03-05", &format!("Kiel – {HAUSHALT}, sagte Stadtrat Peter Lang.")),
    ];
    fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let site = dir.path().join("site");
    zitat_run(&corpus, &["--format", "html", "-o", site.to_str().unwrap()]);
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    let clusters = &index[index.find("<section id=\"clusters\">").unwrap()..];
    let cluster = |words: &str| {
        let index = clusters;
        let at = index.find(words).unwrap_or_else(|| panic!("no {words}"));
        let start = index[..at].rfind("<div class=\"cluster\"").unwrap();
        index[start..start + index[start..].find("</div></div>").unwrap()].to_string()
    };
    let bruecke = cluster("Hafen");
    assert!(bruecke.contains("Zuerst gesehen in <a href=\"a/m2.html#q1\">Erster Bericht</a> am 2024-03-01"), "{bruecke}");
    assert!(bruecke.contains("zitiert in <b>2</b> Artikeln, zuletzt am 2024-03-02"), "{bruecke}");
    assert!(!bruecke.contains("verschiedenen Personen zugeschrieben"), "Jana Keller both times: {bruecke}");
    let haushalt = cluster("ausgeglichen");
    assert!(haushalt.contains("verschiedenen Personen zugeschrieben"), "Keller and Lang: {haushalt}");
}

#[test]
fn a_speaker_with_fifty_quotations_opens_them_in_a_full_width_table() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("rede.jsonl");
    let text: String = (1..=50).map(|n| format!("„Punkt {n} unseres Programms ist die Stadt von morgen“, sagte Jana Keller. ")).collect();
    fs::write(&corpus, meldung("rede", "Die große Rede", "2024-05-01", &text) + "\n").unwrap();
    let site = dir.path().join("site");
    zitat_run(&corpus, &["--format", "html", "-o", site.to_str().unwrap()]);
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    let row = index.lines().find(|l| l.starts_with("<tr id=\"p-jana-keller\"")).expect("Jana Keller's row");
    assert!(row.contains("<tr class=\"quotes\" id=\"quotes-p-jana-keller\" hidden><td colspan=\"9\"><table class=\"speaker-quotes\">"), "{row}");
    assert_eq!(row.matches("<tr data-q=").count(), 50, "one table row per quotation");
}

#[test]
fn a_dataset_article_gets_its_title_and_date_from_its_document_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let article = serde_json::json!({
        "documentName": "12324 - Jenaer Feuerteufel gefasst (2005-09-10)",
        "originalText": "Jena – „Wir haben den Brandstifter gefasst“, sagte Polizeisprecher Uwe Kranz am Samstag.",
        "tokens": [], "sentences": [], "annotations": []
    });
    fs::write(input.join("12324 - Jenaer Feuerteufel gefasst (2005-09-10).pretty.json"), article.to_string()).unwrap();
    let rows = csv_rows(&input);
    assert_eq!((rows[0]["title"].as_str(), rows[0]["date"].as_str()), ("Jenaer Feuerteufel gefasst", "2005-09-10"));
    let site = dir.path().join("site");
    zitat_run(&input, &["--format", "html", "-o", site.to_str().unwrap()]);
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(">Jenaer Feuerteufel gefasst</a>"), "the article list shows the title");
    assert!(index.contains("<td>2005-09-10</td>"), "and the date");
}

/// The site's filters and export, run in node (skipped where node is missing).
#[test]
fn the_export_writes_what_the_filters_let_through_as_a_german_spreadsheet() {
    if !on_path("node") {
        eprintln!("skipped: node is not on the PATH");
        return;
    }
    let filter = include_str!("../src/output/html/filter.js");
    let labels = zitat::assets::labels::script(zitat::assets::labels::Lang::De);
    let script = format!(
        r#"{labels}{filter}
const quotes = [
  {{type: "Direct", kind: "person", confidence: 0.9, name_confidence: 0.92, day: "2024-03-01", wording: "„Ja; sicher“", canonical: "Jana Keller", speaker_ids: ["jana-keller"], doc: "m1", id: "m1#1", title: "Erster Bericht", cue: "sagte", cluster: "c1"}},
  {{type: "Reported", kind: null, confidence: 0.4, day: null, wording: "über den Haushalt", canonical: null, speaker_ids: [], doc: "m2", id: "m2#1", title: null}},
  {{type: "Indirect", kind: "organisation", confidence: 0.7, name_confidence: 0.8, day: "2024-04-01", wording: "die Stadt sei pleite", canonical: "Stadtrat", speaker_ids: ["stadtrat"], doc: "m3", id: "m3#1", title: "Dritter"}}
];
const pass = (query) => quotes.filter((q) => ZitatFilter.matches(q, ZitatFilter.fromParams(new URLSearchParams(query)))).map((q) => q.id);
console.log(JSON.stringify({{
  all: pass(""), direct: pass("type=Direct,Bogus"), kinds: pass("kind=none,organisation"), min: pass("min=0.5"), names: pass("names=0.85"),
  march: pass("from=2024-03-01&to=2024-03-31"), words: pass("words=keller%20ja"),
  params: ZitatFilter.toParams(ZitatFilter.fromParams(new URLSearchParams("type=Direct&min=0.5&names=0.85&from=x"))).toString(),
  csv: ZitatFilter.csv(quotes.slice(0, 2), ZitatLabels)
}}));"#
    );
    let out = Command::new("node").arg("-e").arg(script).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["all"], serde_json::json!(["m1#1", "m2#1", "m3#1"]));
    assert_eq!(result["direct"], serde_json::json!(["m1#1"]), "unknown types in the address are ignored");
    assert_eq!(result["kinds"], serde_json::json!(["m2#1", "m3#1"]), "`none`: no speaker");
    assert_eq!(result["min"], serde_json::json!(["m1#1", "m3#1"]));
    assert_eq!(result["names"], serde_json::json!(["m1#1"]), "a name that sure; a quotation without a name is out");
    assert_eq!(result["march"], serde_json::json!(["m1#1"]), "undated quotations are out when a date is asked");
    assert_eq!(result["words"], serde_json::json!(["m1#1"]), "every word, in speaker or quotation");
    assert_eq!(result["params"], "type=Direct&min=0.5&names=0.85", "a malformed date is dropped");
    let csv = result["csv"].as_str().unwrap();
    let lines: Vec<&str> = csv.strip_prefix('\u{feff}').expect("a byte-order mark").split("\r\n").collect();
    assert!(lines[0].starts_with("Datum;Titel;Dokument;Zitat-ID;Art;Sprecher;"), "{}", lines[0]);
    assert_eq!(lines[1], "2024-03-01;Erster Bericht;m1;m1#1;wörtliche Rede;Jana Keller;jana-keller;Person;;sagte;\"„Ja; sicher“\";0,90;c1");
    assert_eq!(lines[2], ";m2;m2;m2#1;berichtete Rede;;;ohne Sprecher;;;über den Haushalt;0,40;");
    assert_eq!(lines.len(), 4, "two rows and the line end of the last: {csv:?}");
}
