//! The review site in a real browser: the site of the sample corpus (`examples/corpus`)
//! is rendered by headless Chromium, and the DOM it builds must highlight every quotation
//! of every article and list exactly the speakers of the run in the speaker index; an
//! article quoting markup must build no element from it. The sample's web page quotes
//! Solberg with one word changed: the index marks it. The filters of an address hide what
//! they leave out; a quotation stepped to and its row are both on a desk's screen; the
//! site speaks German, or English when asked.
//!
//! Chromium is the Debian package `chromium`; it is installed with apt-get when missing
//! (the test command runs as root in CI), once: later runs find it on the PATH.

mod common;

use common::chromium::headless;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The DOM of a page after Chromium has loaded it and run its scripts.
fn dump_dom(page: &Path) -> String {
    dump_dom_at(page, "")
}

/// The same, at a fragment or with a query (`#q2`, `?type=Direct`), on a desk's screen
/// (1280 × 900).
fn dump_dom_at(page: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = headless(profile.path())
        .arg("--window-size=1280,900")
        .arg("--dump-dom")
        .arg(format!("file://{}{fragment}", page.canonicalize().unwrap().display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read while Chromium writes: a DOM larger than the pipe's buffer would block it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).map(|_| dom)
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("chromium did not finish rendering {} in 120 s", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = reader.join().unwrap().expect("the DOM is UTF-8");
    assert!(dom.contains("</html>"), "no DOM for {}: {dom}", page.display());
    dom
}

fn zitat_run(input: &Path, extra: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "rules", "-q", input.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("zitat starts");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The values of `attribute` on the elements that start with `tag_start`.
fn attributes(dom: &str, tag_start: &str, attribute: &str) -> Vec<String> {
    let needle = format!("{attribute}=\"");
    dom.split(tag_start)
        .skip(1)
        .filter_map(|rest| {
            let tag = &rest[..rest.find('>')?];
            let value = &tag[tag.find(&needle)? + needle.len()..];
            Some(value[..value.find('"')?].to_string())
        })
        .collect()
}

/// The whole start tag that holds `attribute` (the first one).
fn tag_with<'a>(dom: &'a str, attribute: &str) -> &'a str {
    let at = dom.find(attribute).unwrap_or_else(|| panic!("no element with {attribute}"));
    let start = dom[..at].rfind('<').unwrap();
    &dom[start..at + dom[at..].find('>').unwrap()]
}

#[test]
fn the_sample_site_highlights_every_quotation_and_lists_the_right_speakers() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let site = tempfile::tempdir().unwrap();
    zitat_run(&corpus, &["--format", "html", "-o", site.path().to_str().unwrap()]);
    let jsonl = zitat_run(&corpus, &[]);

    let mut quotations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut speakers = BTreeSet::new();
    for line in jsonl.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let (doc, id) = (value["doc"].as_str().unwrap(), value["id"].as_str().unwrap());
        let number = id.rsplit('#').next().unwrap().to_string();
        quotations.entry(doc.to_string()).or_default().insert(number);
        if let Some(person) = value["speaker_id"].as_str() {
            speakers.insert(person.to_string());
        }
    }
    assert!(quotations.values().map(BTreeSet::len).sum::<usize>() > 20, "the sample corpus is full of quotations");
    assert!(speakers.contains("henrik-solberg"), "the Nato chef of nato.txt: {speakers:?}");

    let index = dump_dom(&site.path().join("index.html"));
    assert!(index.contains("data-ready=\"yes\""), "the site's script ran to its end");
    let listed: Vec<String> = attributes(&index, "<tr ", "id").into_iter().filter_map(|id| id.strip_prefix("p-").map(str::to_string)).collect();
    let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(listed.len(), listed_set.len(), "a person is listed twice: {listed:?}");
    assert_eq!(listed_set, speakers, "the speaker index lists the run's speakers");
    assert!(index.contains("<mark class=\"diff\">prüfen"), "nato-agentur.html changes one word of Solberg's quote");

    let pages = attributes(&index, "<a ", "href").into_iter().filter(|h| h.starts_with("a/") && !h.contains('#'));
    let pages: BTreeSet<String> = pages.collect();
    assert_eq!(pages.len(), 8, "one page per article of the sample corpus: {pages:?}");
    for page in pages {
        let dom = dump_dom(&site.path().join(&page));
        let highlighted: BTreeSet<String> = attributes(&dom, "<mark class=\"q ", "data-q").into_iter().collect();
        let anchors: BTreeSet<String> = attributes(&dom, "<mark class=\"q ", "id").into_iter().map(|id| id.trim_start_matches('q').to_string()).collect();
        let doc = quotations.keys().find(|doc| page.starts_with(&format!("a/{}", doc.replace('/', "_")))).cloned();
        let expected = doc.and_then(|d| quotations.get(&d).cloned()).unwrap_or_default();
        assert_eq!(highlighted, expected, "{page}: highlighted quotations");
        assert_eq!(anchors, expected, "{page}: one anchor per quotation");
        assert!(dom.contains("data-ready=\"yes\""), "{page}: the site's script ran to its end");
    }
    let cited = dump_dom_at(&site.path().join("a/nato.txt.html"), "#q2");
    assert!(tag_with(&cited, "id=\"q2\"").contains(" current\""), "a cited quotation is marked when the page opens");
    assert!(tag_with(&cited, "id=\"row-q2\"").contains("class=\"current\""), "and so is its row");
}

#[test]
fn quoted_markup_builds_no_element_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let (input, site) = (dir.path().join("in"), dir.path().join("site"));
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("x.txt"),
        "Angriff\n\nKöln – „<script>document.title='pwned'</script> ist keine Antwort“, sagte Anna Weber. \
         „\"><img src=x onerror=alert(2)> bleibt nur Text“, sagte Weber.\n",
    )
    .unwrap();
    zitat_run(&input, &["--format", "html", "-o", site.to_str().unwrap()]);
    for page in ["index.html", "a/x.txt.html"] {
        let dom = dump_dom(&site.join(page));
        assert!(!dom.contains("<img"), "{page}: an image element was built from the input");
        assert!(!dom.contains("pwned</title>"), "{page}: the quoted script ran");
        assert_eq!(dom.matches("<script").count(), 1, "{page}: only the site's own script");
        assert!(dom.contains("&lt;script&gt;document.title="), "{page}: the quotation is shown as text");
    }
}

/// The start tags of the elements whose tag starts with `tag_start`, hidden or not.
fn tags<'a>(dom: &'a str, tag_start: &str) -> Vec<&'a str> {
    dom.match_indices(tag_start).map(|(at, _)| &dom[at..at + dom[at..].find('>').unwrap()]).collect()
}

#[test]
fn filters_from_the_address_hide_what_they_leave_out_and_a_stepped_quotation_stays_in_view() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let site = tempfile::tempdir().unwrap();
    zitat_run(&corpus, &["--format", "html", "-o", site.path().to_str().unwrap()]);
    let records: Vec<serde_json::Value> = zitat_run(&corpus, &[]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let direct = records.iter().filter(|r| r["type"] == "Direct" && r["speaker"]["kind"] == "person").count();
    assert!(direct > 5 && direct < records.len(), "{direct} of {}", records.len());

    let index = dump_dom_at(&site.path().join("index.html"), "?type=Direct&kind=person");
    assert!(index.contains("data-ready=\"yes\""), "the site's script ran to its end");
    assert!(index.contains(&format!("{direct} von {} Zitaten", records.len())), "the count of what is left");
    let rows = tags(&index, "<tr data-q=");
    let shown: Vec<&&str> = rows.iter().filter(|t| !t.contains("hidden")).collect();
    assert!(!shown.is_empty() && shown.len() < rows.len(), "some quotations of the speakers are hidden: {} of {}", shown.len(), rows.len());
    let hidden_speakers = tags(&index, "<tr id=\"p-").into_iter().filter(|t| t.contains("hidden")).count();
    assert!(hidden_speakers > 0, "a speaker without a direct quotation is hidden");

    // On a desk's screen the text and the table stand side by side: the quotation stepped
    // to (here by its address) and its row are both in view.
    let page = dump_dom_at(&site.path().join("a/nato.txt.html"), "#q11");
    assert!(page.contains("data-in-view=\"yes\""), "{}", tag_with(&page, "<body"));
    assert!(tag_with(&page, "id=\"row-q11\"").contains("current"), "the row is marked");
}

#[test]
fn the_site_speaks_german_and_english_when_asked() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let dir = tempfile::tempdir().unwrap();
    for (lang, words) in [
        ("de", ["<html lang=\"de\">", "fortgesetzte indirekte Rede", "Setzt eine zuvor eingeleitete indirekte Rede", "Zitate"]),
        ("en", ["<html lang=\"en\">", "continued indirect speech", "Continues indirect speech begun before", "quotations"]),
    ] {
        let site = dir.path().join(lang);
        zitat_run(&corpus, &["--format", "html", "--lang", lang, "-o", site.to_str().unwrap()]);
        for page in ["index.html", "a/nato.txt.html"] {
            let dom = dump_dom(&site.join(page));
            for word in words {
                assert!(dom.contains(word), "{lang} {page}: no {word:?}");
            }
        }
        let other = if lang == "de" { "Who said what" } else { "Wer sagte was" };
        assert!(!fs::read_to_string(site.join("index.html")).unwrap().contains(other), "{lang}: one language a site");
    }
}
