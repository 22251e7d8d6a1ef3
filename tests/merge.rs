//! `zitat merge` from the outside: the shards of `zitat run --shard K/N` merge into exactly
//! the single run's output (jsonl, csv and the review site, N = 1, 3 and 7, shards named in
//! any order), with
//! the single run's speaker ids and clusters (a shard alone gives a surname its own id and
//! numbers its clusters from c1); a quotation by two people carries both ids; unfinished
//! shards and files that are not shards are refused by name. The rules engine throughout:
//! merging is the same for both engines.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ZITAT: &str = env!("CARGO_BIN_EXE_zitat");

fn zitat(args: &[&str]) -> Output {
    Command::new(ZITAT).args(args).output().expect("zitat starts")
}

fn ok(out: &Output) -> &Output {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    out
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

const STATEMENTS: [&str; 4] = [
    "Wir werden die Ostflanke des Bündnisses weiter verstärken",
    "Die Welt ist gefährlicher geworden und wir müssen vorbereitet sein",
    "Die Schulden der Stadt dürfen nicht weiter steigen",
    "Der Verein braucht endlich ein neues Stadion",
];

/// A German news text; some quote the same statements (clusters across articles) and name
/// Stoltenberg in full or by surname only, as articles do.
fn article(n: usize) -> String {
    let statement = STATEMENTS[n % STATEMENTS.len()];
    let speaker = match n % 4 {
        0 => "Nato-Generalsekretär Jens Stoltenberg",
        1 => "Stoltenberg",
        2 => "Kämmerin Petra Lang",
        _ => "Vereinspräsident Tobias Brandt",
    };
    let other = ["Bürgermeister Felix Aurich", "Ministerin Hanna Seidel", "Professor Ulrich Mai"][n % 3];
    format!(
        "Bericht Nummer {n}\n\n\
         Brüssel – Am {day}. März 2025 äußerte sich {speaker} vor Journalisten. \
         „{statement}“, sagte {speaker}. \
         {other} widersprach. Die Pläne seien zu teuer und kämen zu spät, erklärte {other}.\n\n\
         „Wir prüfen alle Vorschläge sorgfältig“, sagte {other} am Abend.\n",
        day = 1 + n % 28,
    )
}

/// Folders, files and a jsonl of several articles; one article quotes two people at once.
fn write_corpus(dir: &Path) {
    for n in 0..16 {
        let folder = dir.join(["nato", "stadt", "sport"][n % 3]);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(format!("bericht-{n:02}.txt")), article(n)).unwrap();
    }
    fs::write(
        dir.join("nato/gipfel.txt"),
        "Gipfel in Berlin\n\nBerlin – Nato-Generalsekretär Jens Stoltenberg traf Bundeskanzler Olaf Scholz. \
         Stoltenberg und Scholz bekräftigten, dass das Bündnis geschlossen bleibe und die Ukraine weiter unterstützt werde. \
         „Wir stehen zusammen“, sagte Scholz.\n",
    )
    .unwrap();
    let lines: Vec<String> = (16..22)
        .map(|n| serde_json::json!({"id": format!("meldung-{n}"), "title": format!("Meldung {n}"), "text": article(n)}).to_string())
        .collect();
    fs::write(dir.join("meldungen.jsonl"), lines.join("\n") + "\n").unwrap();
    fs::write(dir.join("stadt/wetter.txt"), "Wetter\n\nMorgen bleibt es trocken und mild, am Abend zieht Regen auf.\n").unwrap();
}

/// Runs the N shards into `out`, then merges them named in reverse order; the merged file
/// (for html, the site's directory).
fn shard_and_merge(corpus: &Path, out: &Path, count: usize, format: &str) -> PathBuf {
    fs::create_dir_all(out).unwrap();
    let mut shards = Vec::new();
    for k in 1..=count {
        let shard = out.join(format!("shard-{k}-of-{count}.jsonl"));
        let spec = format!("{k}/{count}");
        ok(&zitat(&["run", "--engine", "rules", "--quiet", "--shard", &spec, "-o", shard.to_str().unwrap(), corpus.to_str().unwrap()]));
        shards.push(shard.to_str().unwrap().to_owned());
    }
    shards.reverse();
    let merged = out.join(if format == "html" { "site".to_owned() } else { format!("merged.{format}") });
    let mut args = vec!["merge", "--format", format, "-o", merged.to_str().unwrap()];
    args.extend(shards.iter().map(String::as_str));
    let run = zitat(&args);
    ok(&run);
    assert!(String::from_utf8_lossy(&run.stderr).contains("quotations/s"), "the summary says how fast");
    merged
}

/// Every file of a directory with its bytes, by path relative to it.
fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn records(jsonl: &str) -> Vec<Value> {
    jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Every quotation whose speaker names Stoltenberg carries his one id, and in `speaker_ids`
/// beside anyone else's; returns how many there are and how many of them are joint.
fn stoltenberg_quotations(records: &[Value]) -> (usize, usize) {
    let (mut all, mut joint) = (0, 0);
    for r in records.iter().filter(|r| r["speaker"]["name"].as_str().is_some_and(|n| n.contains("Stoltenberg"))) {
        let ids: Vec<&str> = r["speaker_ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(ids.contains(&"jens-stoltenberg"), "{r}");
        assert!(r["speaker_id"] == "jens-stoltenberg" || ids.len() > 1, "{r}");
        all += 1;
        joint += usize::from(ids.len() > 1);
    }
    (all, joint)
}

#[test]
fn merged_shards_are_byte_identical_to_the_single_run_for_1_3_and_7_shards() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_corpus(&corpus);
    let single = dir.path().join("single.jsonl");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "-o", single.to_str().unwrap(), corpus.to_str().unwrap()]));
    let single_csv = dir.path().join("single.csv");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "csv", "-o", single_csv.to_str().unwrap(), corpus.to_str().unwrap()]));
    let single_site = dir.path().join("single-site");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "html", "-o", single_site.to_str().unwrap(), corpus.to_str().unwrap()]));
    let site = files(&single_site);
    assert!(site.contains_key(Path::new("a/stadt_wetter.txt.html")), "an article without quotations has its page too");
    let expected = text(&single);
    let singles = records(&expected);
    assert!(singles.iter().any(|r| r["cluster"] == "c2"), "the corpus has clusters");
    let (stoltenberg, joint) = stoltenberg_quotations(&singles);
    assert!(stoltenberg >= 8 && joint == 1, "{stoltenberg} Stoltenberg quotations, {joint} joint");
    let together = singles.iter().find(|r| r["speaker_ids"].as_array().unwrap().len() > 1).unwrap();
    assert_eq!(together["speaker_ids"], serde_json::json!(["jens-stoltenberg", "olaf-scholz"]), "{together}");
    assert_eq!(together["speaker_canonical"], "Jens Stoltenberg und Olaf Scholz");

    for count in [1, 3, 7] {
        let out = dir.path().join(format!("out-{count}"));
        let merged = shard_and_merge(&corpus, &out, count, "jsonl");
        assert!(text(&merged) == expected, "{count} shards: the merged corpus differs from the single run");
        let merged_csv = shard_and_merge(&corpus, &out.join("csv"), count, "csv");
        assert!(text(&merged_csv) == text(&single_csv), "{count} shards: the merged csv differs from the single run's");
        let merged_site = files(&shard_and_merge(&corpus, &out.join("html"), count, "html"));
        assert_eq!(merged_site.keys().collect::<Vec<_>>(), site.keys().collect::<Vec<_>>(), "{count} shards: other pages");
        for (page, bytes) in &site {
            assert!(merged_site[page] == *bytes, "{count} shards: {} differs from the single run's", page.display());
        }
    }
    let single_excel = dir.path().join("single-excel.csv");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "csv", "--excel", "-o", single_excel.to_str().unwrap(), corpus.to_str().unwrap()]));
    assert!(text(&single_excel).starts_with("\u{feff}doc;id;type;"), "the Excel flavour: a byte-order mark, then `;`");
    let shards: Vec<String> = (1..=3).map(|k| dir.path().join(format!("out-3/shard-{k}-of-3.jsonl")).to_str().unwrap().to_owned()).collect();
    let merged_excel = dir.path().join("merged-excel.csv");
    let mut args = vec!["merge", "--quiet", "--format", "csv", "--excel", "-o", merged_excel.to_str().unwrap()];
    args.extend(shards.iter().map(String::as_str));
    ok(&zitat(&args));
    assert!(text(&merged_excel) == text(&single_excel), "the merged Excel csv differs from the single run's");
    // What the merge repairs: a part of the corpus knows only its own documents (one fixed
    // part stands in for a shard here, which needs no search for a shard without the full
    // name).
    let part = dir.path().join("teil");
    fs::create_dir_all(&part).unwrap();
    fs::write(part.join("bericht-01.txt"), article(1)).unwrap();
    let alone = records(&String::from_utf8(ok(&zitat(&["run", "--engine", "rules", "--quiet", part.to_str().unwrap()])).stdout.clone()).unwrap());
    assert!(alone.iter().any(|r| r["speaker_id"] == "stoltenberg"), "a part without the full name gives the surname its own id: {alone:?}");
}

#[test]
fn the_seed_articles_merge_with_every_stoltenberg_quotation_on_jens_stoltenberg() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    assert!(seeds.is_dir(), "the seed articles are expected in {}", seeds.display());
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("single.jsonl");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "-o", single.to_str().unwrap(), seeds.to_str().unwrap()]));
    let expected = text(&single);
    let (all, joint) = stoltenberg_quotations(&records(&expected));
    assert!(all >= 5 && joint >= 1, "{all} Stoltenberg quotations, {joint} joint");
    let merged = shard_and_merge(&seeds, &dir.path().join("out"), 3, "jsonl");
    assert!(text(&merged) == expected, "the merged seeds differ from the single run");
}

#[test]
fn unfinished_shards_and_files_that_are_not_shards_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_corpus(&corpus);
    let (one, two) = (dir.path().join("shard-1-of-2.jsonl"), dir.path().join("shard-2-of-2.jsonl"));
    for (k, shard) in [(1, &one), (2, &two)] {
        ok(&zitat(&["run", "--engine", "rules", "--quiet", "--shard", &format!("{k}/2"), "-o", shard.to_str().unwrap(), corpus.to_str().unwrap()]));
    }
    let corpus_out = dir.path().join("corpus.jsonl");
    let refused = |args: &[&str], says: &str, names: &Path| {
        let out = zitat(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says) && stderr.contains(names.file_name().unwrap().to_str().unwrap()), "{stderr}");
        assert!(!corpus_out.exists(), "nothing is written");
    };
    let o = corpus_out.to_str().unwrap();
    // A shard whose run is still going (or was stopped): its journal is still there.
    let journal = dir.path().join("shard-2-of-2.jsonl.journal");
    fs::write(&journal, "{\"done\":[\"a.txt\"],\"bytes\":10}\n").unwrap();
    refused(&["merge", "-o", o, one.to_str().unwrap(), two.to_str().unwrap()], "has not finished", &two);
    fs::remove_file(&journal).unwrap();
    let partial = dir.path().join("shard-2-of-2.jsonl.partial");
    fs::write(&partial, "").unwrap();
    refused(&["merge", "-o", o, one.to_str().unwrap(), partial.to_str().unwrap()], "has not finished", &partial);
    fs::remove_file(&partial).unwrap();
    // The output of a run without --shard is no shard.
    let whole = dir.path().join("whole.jsonl");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "-o", whole.to_str().unwrap(), corpus.to_str().unwrap()]));
    refused(&["merge", "-o", o, one.to_str().unwrap(), whole.to_str().unwrap()], "not the output of `zitat run --shard", &whole);
    refused(&["merge", "-o", o, one.to_str().unwrap(), one.to_str().unwrap()], "given twice", &one);
    // Shards of two different runs overlap.
    let other = dir.path().join("shard-1-of-3.jsonl");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--shard", "1/3", "-o", other.to_str().unwrap(), corpus.to_str().unwrap()]));
    refused(&["merge", "-o", o, one.to_str().unwrap(), two.to_str().unwrap(), other.to_str().unwrap()], "both hold document", &other);
    ok(&zitat(&["merge", "-o", o, two.to_str().unwrap(), one.to_str().unwrap()]));
    assert_eq!(text(&corpus_out), text(&whole));
}

#[test]
fn the_job_wrappers_shard_and_merge_and_a_missing_shard_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_corpus(&corpus);
    let single = dir.path().join("single.jsonl");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "-o", single.to_str().unwrap(), corpus.to_str().unwrap()]));
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let out = dir.path().join("out");
    for task in 1..=3 {
        // As in a Slurm array: SLURM_ARRAY_TASK_ID is 1-based.
        let status = Command::new(deploy.join("zitat-shard.sh"))
            .args([corpus.to_str().unwrap(), out.to_str().unwrap(), "--engine", "rules"])
            .env("ZITAT_SHARDS", "3")
            .env("SLURM_ARRAY_TASK_ID", task.to_string())
            .env("ZITAT_BIN", ZITAT)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let merged = dir.path().join("corpus.jsonl");
    let merged_site = dir.path().join("site");
    let merge = || {
        Command::new(deploy.join("zitat-merge.sh"))
            .args([out.to_str().unwrap(), merged.to_str().unwrap(), "--quiet"])
            .env("ZITAT_SHARDS", "3")
            .env("ZITAT_BIN", ZITAT)
            .env("ZITAT_SITE", &merged_site)
            .output()
            .unwrap()
    };
    ok(&merge());
    assert!(text(&merged) == text(&single), "the wrappers' merge differs from the single run");
    let single_site = dir.path().join("single-site");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "html", "-o", single_site.to_str().unwrap(), corpus.to_str().unwrap()]));
    assert!(files(&merged_site) == files(&single_site), "the wrappers' site differs from the single run's");
    fs::remove_file(&merged).unwrap();
    fs::remove_file(out.join("shard-2-of-3.jsonl")).unwrap();
    let missing = merge();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("shard-2-of-3.jsonl"), "{}", String::from_utf8_lossy(&missing.stderr));
    assert!(!merged.exists());
}

#[test]
fn a_quotation_by_two_people_is_in_each_persons_entry_of_the_csv_and_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_corpus(&corpus);
    let csv = dir.path().join("zitate.csv");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "csv", "-o", csv.to_str().unwrap(), corpus.to_str().unwrap()]));
    let bytes = std::fs::read(&csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte-order mark"));
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let joint = rows.iter().find(|r| r[column("quote")].contains("geschlossen bleibe")).expect("the joint quotation");
    assert_eq!(&joint[column("speaker_ids")], "jens-stoltenberg;olaf-scholz");
    assert_eq!(&joint[column("speaker_id")], "jens-stoltenberg");
    assert_eq!(&joint[column("speaker")], "Jens Stoltenberg und Olaf Scholz");

    let site = dir.path().join("site");
    ok(&zitat(&["run", "--engine", "rules", "--quiet", "--format", "html", "-o", site.to_str().unwrap(), corpus.to_str().unwrap()]));
    let index = text(&site.join("index.html"));
    for person in ["jens-stoltenberg", "olaf-scholz"] {
        let row = index.lines().find(|l| l.starts_with(&format!("<tr id=\"p-{person}\""))).unwrap_or_else(|| panic!("no row for {person}"));
        assert!(row.contains("geschlossen bleibe"), "the joint quotation is missing from {person}'s entry: {row}");
    }
    assert!(!index.contains("stoltenberg-und-scholz"), "no person made of two");
}

/// Short German news articles for the model engine, one long enough for several encoder
/// windows.
const MODEL_ARTICLES: [(&str, &str); 4] = [
    ("politik/haushalt.txt", "Haushalt beschlossen\n\nBerlin – Der Bundestag hat am Freitag den Haushalt für das kommende Jahr beschlossen. „Das ist ein guter Tag für das Land“, sagte Finanzministerin Katrin Berger nach der Abstimmung. Die Opposition sprach dagegen von einem Haushalt auf Pump. Die Schulden stiegen viel zu schnell, kritisierte Fraktionschef Martin Roth."),
    ("sport/derby.txt", "Derby ohne Sieger\n\nDortmund – Im Revierderby trennten sich die beiden Mannschaften 1:1. „Wir hätten gewinnen müssen“, sagte Trainer Lukas Brenner. Sein Kollege sah das anders: Ein Unentschieden sei gerecht, meinte Jonas Kühn. Laut Polizei blieb es rund um das Stadion friedlich."),
    ("lokales/bad.txt", "Hallenbad bleibt offen\n\nKassel – Das Hallenbad im Stadtteil Nord wird nicht geschlossen. Das teilte die Stadtverwaltung am Dienstag mit. „Wir haben lange gerechnet und eine Lösung gefunden“, erklärte Bürgermeisterin Sabine Kraus. Die Sanierung solle im Frühjahr beginnen, hieß es aus dem Rathaus."),
    ("wirtschaft.txt", "Streik bei der Bahn\n\nFrankfurt – Die Gewerkschaft hat für Montag zu einem ganztägigen Streik aufgerufen. „Die Geduld unserer Mitglieder ist am Ende“, sagte Gewerkschaftschef Peter Lange. Die Bahn nannte den Streik unverhältnismäßig. Man habe ein gutes Angebot vorgelegt, sagte eine Sprecherin des Konzerns. Fahrgäste müssten mit erheblichen Einschränkungen rechnen. Nach Angaben des Unternehmens fallen im Fernverkehr rund 80 Prozent der Züge aus. Im Regionalverkehr solle ein Notfahrplan gelten. „Wir bitten alle Reisenden, ihre Fahrt zu verschieben“, sagte die Sprecherin. Lange wies die Kritik zurück. Die Beschäftigten verdienten eine faire Bezahlung, sagte er. „Wer jeden Tag für die Fahrgäste da ist, muss davon leben können.“ Die Verhandlungen waren in der vergangenen Woche ohne Ergebnis abgebrochen worden. Beide Seiten warfen sich gegenseitig vor, nicht ernsthaft verhandelt zu haben. Verkehrsminister Thomas Weiß forderte eine rasche Einigung. „Ein langer Arbeitskampf schadet allen“, sagte Weiß am Abend in Berlin. Der Fahrgastverband zeigte Verständnis für die Forderungen, kritisierte aber den Zeitpunkt. Ein Streik zu Beginn der Ferien treffe vor allem Familien, sagte ein Sprecher des Verbandes."),
];

/// Lines of `meldungen.jsonl`.
const MODEL_LINES: [(&str, &str); 3] = [
    ("kurz-1", "Der Wetterdienst warnt vor Sturm. „Bleiben Sie zu Hause“, riet ein Meteorologe."),
    ("kurz-2", "Die Ministerin kündigte an, die Förderung zu verdoppeln. Das sei überfällig, sagte sie."),
    ("kurz-3", "„Wir prüfen den Vorfall“, sagte ein Polizeisprecher am Sonntag in Hamburg."),
];

/// The model articles in `dir`, the short ones as `meldungen.jsonl` (its lines in reverse
/// order if asked); the files' names.
fn write_model_corpus(dir: &Path, reversed: bool) -> Vec<&'static str> {
    for (name, text) in MODEL_ARTICLES {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
    }
    let mut lines: Vec<String> = MODEL_LINES.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string()).collect();
    if reversed {
        lines.reverse();
    }
    fs::write(dir.join("meldungen.jsonl"), lines.join("\n") + "\n").unwrap();
    MODEL_ARTICLES.iter().map(|(name, _)| *name).chain(["meldungen.jsonl"]).collect()
}

/// Records by id, without the corpus-wide fields: clusters and the ids of speakers that
/// are one only within their article („Polizei“, „polizei-2“) are numbered in corpus order.
fn by_id(jsonl: &str) -> std::collections::BTreeMap<String, Value> {
    records(jsonl)
        .into_iter()
        .map(|mut r| {
            for field in ["speaker_id", "speaker_ids", "speaker_canonical", "cluster"] {
                r.as_object_mut().unwrap().remove(field);
            }
            (r["id"].as_str().unwrap().to_owned(), r)
        })
        .collect()
}

#[cfg(feature = "model")]
#[test]
fn with_the_model_engine_merged_shards_equal_the_single_run_and_order_changes_no_record() {
    let model = |args: &[&str], cwd: &Path| {
        let out = Command::new(ZITAT).args(["run", "--engine", "model", "--device", "cpu", "--quiet"]).args(args).current_dir(cwd).output().unwrap();
        ok(&out);
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_model_corpus(&corpus, false);
    let single = dir.path().join("single.jsonl");
    model(&["-o", single.to_str().unwrap(), corpus.to_str().unwrap()], dir.path());
    let expected = text(&single);
    assert!(records(&expected).len() >= 12, "the articles are full of quotations:\n{expected}");
    for count in [3, 7] {
        let out = dir.path().join(format!("out-{count}"));
        fs::create_dir_all(&out).unwrap();
        let shards: Vec<String> = (1..=count).map(|k| out.join(format!("shard-{k}-of-{count}.jsonl")).to_str().unwrap().to_owned()).collect();
        for (k, shard) in shards.iter().enumerate() {
            model(&["--shard", &format!("{}/{count}", k + 1), "-o", shard, corpus.to_str().unwrap()], dir.path());
        }
        let merged = out.join("merged.jsonl");
        let mut args = vec!["merge", "--quiet", "-o", merged.to_str().unwrap()];
        args.extend(shards.iter().map(String::as_str));
        ok(&zitat(&args));
        assert!(text(&merged) == expected, "{count} shards: the merged corpus differs from the single run");
    }
    // The corpus backwards: the files listed last to first, the jsonl's lines reversed.
    let backwards = dir.path().join("rueckwaerts");
    let mut list = write_model_corpus(&backwards, true);
    list.sort();
    list.reverse();
    fs::write(backwards.join("liste.txt"), list.join("\n")).unwrap();
    let reversed = dir.path().join("reversed.jsonl");
    model(&["--files-from", "liste.txt", "-o", reversed.to_str().unwrap()], &backwards);
    let (forward, backward) = (by_id(&expected), by_id(&text(&reversed)));
    assert!(forward.keys().eq(backward.keys()), "the same quotations: {:?} and {:?}", forward.keys(), backward.keys());
    for (id, record) in &forward {
        assert_eq!(record, &backward[id], "{id} differs when the corpus is read backwards");
    }
}
