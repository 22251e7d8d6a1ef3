//! `zitat run` from the outside: determinism across thread counts, bad input, the input
//! formats and the output formats.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs zitat; `run` without `--engine` gets the rules engine, as these tests are about
/// ingest, output and errors, which the engines share (tests/model.rs covers the model).
fn zitat(args: &[&str], stdin: Option<&[u8]>) -> Outcome {
    let mut args = args.to_vec();
    if args.first() == Some(&"run") && !args.contains(&"--engine") {
        args.splice(1..1, ["--engine", "rules"]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zitat starts");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    Outcome {
        code: out.status.code().expect("zitat exits normally"),
        stdout: String::from_utf8(out.stdout).expect("output is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run_dir(dir: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec!["run", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    zitat(&args, None)
}

const SPEAKERS: [(&str, &str); 5] = [
    ("Bürgermeisterin Jana Keller", "die Bürgermeisterin"),
    ("Innenminister Robert Stahl", "der Minister"),
    ("Trainer Milan Novak", "der Trainer"),
    ("Professorin Elif Arslan", "die Forscherin"),
    ("Gewerkschaftschef Paul Winter", "der Gewerkschafter"),
];

const TOPICS: [&str; 4] = ["die neue Umgehungsstraße", "den Haushalt für 2026", "das Spiel am Samstag", "die Tarifverhandlungen"];

/// A German news text of a few paragraphs with direct, indirect and reported speech.
fn article(n: usize) -> String {
    let (speaker, description) = SPEAKERS[n % SPEAKERS.len()];
    let (other, _) = SPEAKERS[(n + 2) % SPEAKERS.len()];
    let topic = TOPICS[n % TOPICS.len()];
    format!(
        "Streit um {topic} (Folge {n})\n\n\
         Berlin – Am {day}. Mai 2025 hat {speaker} erneut über {topic} gesprochen. \
         „Wir werden das nicht einfach hinnehmen“, sagte {description}. \
         „Das ist“, fügte sie hinzu, „eine Frage des Anstands.“\n\n\
         {other} widersprach. Die Pläne seien unausgegoren und kosteten zu viel Geld, \
         erklärte {other}. Man habe schon im März vor den Folgen gewarnt.\n\n\
         Laut einem Bericht der Stadtverwaltung sind bisher rund {millions}\u{A0}Mio. Euro \
         ausgegeben worden. Eine Entscheidung soll es dem Vernehmen nach erst im Herbst geben. \
         »Wir bleiben dran«, so {description}.\n",
        day = 1 + n % 28,
        millions = 3 + n % 9,
    )
}

fn write_generated_corpus(dir: &Path) {
    for n in 0..18 {
        let folder = dir.join(["politik", "sport", "lokales"][n % 3]);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(format!("artikel-{n:02}.txt")), article(n)).unwrap();
    }
    let lines: Vec<String> = (18..22)
        .map(|n| serde_json::json!({"id": format!("meldung-{n}"), "text": article(n)}).to_string())
        .collect();
    fs::write(dir.join("meldungen.jsonl"), lines.join("\n") + "\n").unwrap();
}

/// A jsonl line without its `cluster`, which depends on the other documents of the run
/// (the generated articles quote each other).
/// A line without the corpus-wide fields (speaker ids, clusters), which depend on the
/// other documents of the run: what one document decides.
fn per_document(line: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
    // `shard` is what a sharded run adds for `zitat merge`.
    for field in ["speaker_id", "speaker_ids", "speaker_canonical", "cluster", "shard"] {
        value.as_object_mut().unwrap().remove(field);
    }
    value
}

#[test]
fn output_is_byte_identical_for_one_and_four_threads() {
    let dir = tempfile::tempdir().unwrap();
    write_generated_corpus(dir.path());
    let runs: Vec<Outcome> = ["1", "4", "1", "4"]
        .iter()
        .map(|threads| run_dir(dir.path(), &["--threads", threads]))
        .collect();
    for run in &runs {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("22 documents"), "{}", run.stderr);
        assert_eq!(run.stdout, runs[0].stdout, "output differs between thread counts or runs");
    }
    assert!(!runs[0].stdout.is_empty(), "the generated articles are full of quotations, yet none were found");
    let first = runs[0].stdout.lines().next().unwrap();
    assert!(first.starts_with(r#"{"doc":"lokales/artikel-02.txt","id":"lokales/artikel-02.txt#1","#), "{first}");
    assert!(runs[0].stdout.contains(r#""doc":"meldung-21""#));
}

#[test]
fn bad_inputs_are_named_and_the_good_files_are_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a-gut.txt"), article(1)).unwrap();
    fs::write(root.join("b-latin1.txt"), b"Sch\xf6ne Gr\xfc\xdfe, sagte er.").unwrap();
    fs::write(root.join("c-binaer.txt"), b"PK\x03\x04\x00\x00\x08").unwrap();
    fs::write(root.join("d-leer.txt"), "").unwrap();
    std::os::unix::fs::symlink(root.join("gibt-es-nicht.txt"), root.join("e-kaputt.txt")).unwrap();
    fs::write(root.join("f-riesig.txt"), "a".repeat(50_000_000)).unwrap();
    fs::write(root.join("g-unbalanciert.txt"), "„Das endet nie, sagte er. Und dann » noch ein \" Zeichen.").unwrap();
    fs::write(root.join("h-utf16.txt"), [0xFF, 0xFE, b'J', 0, b'a', 0]).unwrap();
    let locked = root.join("i-gesperrt.txt");
    fs::write(&locked, article(2)).unwrap();
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let lock_works = fs::read(&locked).is_err(); // root reads anything

    let started = std::time::Instant::now();
    let run = run_dir(root, &[]);
    assert!(started.elapsed().as_secs() < 20, "bad input made the run slow");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expect = |file: &str, problem: &str| {
        let line = run.stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not named:\n{}", run.stderr));
        assert!(line.contains(problem), "{line}");
    };
    expect("b-latin1.txt", "invalid UTF-8 at byte offset 3");
    expect("c-binaer.txt", "NUL byte at byte offset 4");
    expect("d-leer.txt", "skipped");
    expect("e-kaputt.txt", "cannot read");
    expect("f-riesig.txt", "50.0 MB is larger than the limit of 16.0 MB");
    expect("h-utf16.txt", "UTF-16");
    assert!(!run.stderr.contains("g-unbalanciert.txt"), "unbalanced quotes are just text:\n{}", run.stderr);
    if lock_works {
        expect("i-gesperrt.txt", "Permission denied");
    }
    let failed = if lock_works { 6 } else { 5 };
    let documents = if lock_works { 2 } else { 3 };
    assert!(run.stderr.contains(&format!("{documents} documents")), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("1 skipped, {failed} failed")), "{}", run.stderr);

    let alone = zitat(&["run", root.join("a-gut.txt").to_str().unwrap()], None);
    assert!(!alone.stdout.is_empty());
    let good_lines: Vec<_> = run.stdout.lines().filter(|l| l.contains(r#""doc":"a-gut.txt""#)).map(per_document).collect();
    assert_eq!(good_lines, alone.stdout.lines().map(per_document).collect::<Vec<_>>(), "the good file's output changed");
}

#[test]
fn a_cap_refuses_long_jsonl_lines_and_the_other_lines_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus.jsonl");
    let long = serde_json::json!({"id": "lang", "text": "Wort ".repeat(400_000)}).to_string();
    let lines = [
        serde_json::json!({"id": "eins", "text": article(3)}).to_string(),
        "{\"id\": \"zwei\", \"text\": \"abgebrochen".to_string(),
        String::new(),
        long,
        serde_json::json!({"id": "drei", "text": article(4), "title": "Titel", "url": "https://example.org/3"}).to_string(),
        serde_json::json!({"text": "ohne Kennung"}).to_string(),
    ];
    fs::write(&corpus, lines.join("\n")).unwrap();
    let run = zitat(&["run", "--max-file-size", "1", corpus.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let named = |line: usize| run.stderr.lines().find(|l| l.contains(&format!("korpus.jsonl line {line}:"))).unwrap_or("");
    assert!(named(2).contains("not a JSON article (EOF while parsing a string"), "{}", run.stderr);
    assert!(named(4).contains("2.0 MB is larger than the limit of 1.0 MB"), "{}", run.stderr);
    assert!(named(6).contains("missing field `id`"), "{}", run.stderr);
    assert!(run.stderr.contains("2 documents, "), "{}", run.stderr);
    assert!(run.stdout.contains(r#""doc":"eins""#) && run.stdout.contains(r#""doc":"drei""#));
}

#[test]
fn unknown_extensions_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("artikel.txt"), article(5)).unwrap();
    fs::write(dir.path().join("notizen.md"), "# Notizen").unwrap();
    fs::write(dir.path().join("LIESMICH"), "ohne Endung").unwrap();
    let run = run_dir(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("notizen.md: unknown extension .md, skipped"), "{}", run.stderr);
    assert!(run.stderr.contains("LIESMICH: no extension, skipped"), "{}", run.stderr);
    assert!(run.stderr.contains("1 documents, ") && run.stderr.contains("2 skipped, 0 failed"), "{}", run.stderr);
    let quiet = run_dir(dir.path(), &["--quiet"]);
    assert_eq!((quiet.code, quiet.stderr.as_str(), quiet.stdout), (0, "", run.stdout));
}

#[test]
fn stdin_is_text_unless_it_is_jsonl() {
    let text = article(6);
    let as_text = zitat(&["run", "-"], Some(text.as_bytes()));
    assert_eq!(as_text.code, 0, "{}", as_text.stderr);
    assert!(as_text.stdout.starts_with(r#"{"doc":"stdin","id":"stdin#1","#), "{}", as_text.stdout);

    let jsonl = format!(
        "\n{}\n{}\n",
        serde_json::json!({"id": "x1", "text": text}),
        serde_json::json!({"id": "x2", "text": article(7)})
    );
    let as_jsonl = zitat(&["run", "-"], Some(jsonl.as_bytes()));
    assert_eq!(as_jsonl.code, 0, "{}", as_jsonl.stderr);
    assert!(as_jsonl.stderr.contains("2 documents"), "{}", as_jsonl.stderr);
    let x1: Vec<_> = as_jsonl.stdout.lines().filter(|l| l.starts_with(r#"{"doc":"x1""#)).map(|l| per_document(&l.replace(r#""x1"#, r#""stdin"#))).collect();
    assert_eq!(x1, as_text.stdout.lines().map(per_document).collect::<Vec<_>>(), "same text, same quotations");
}

#[test]
fn a_byte_order_mark_does_not_shift_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, marked) = (dir.path().join("ohne"), dir.path().join("mit"));
    fs::create_dir_all(&plain).unwrap();
    fs::create_dir_all(&marked).unwrap();
    fs::write(plain.join("a.txt"), article(8)).unwrap();
    fs::write(marked.join("a.txt"), format!("\u{FEFF}{}", article(8))).unwrap();
    let (a, b) = (run_dir(&plain, &[]), run_dir(&marked, &[]));
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn jsonl_output_matches_the_text_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let text = article(9);
    fs::write(dir.path().join("a.txt"), &text).unwrap();
    let run = run_dir(dir.path(), &["-o", dir.path().join("zitate.jsonl").to_str().unwrap()]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let written = fs::read_to_string(dir.path().join("zitate.jsonl")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for (n, line) in written.lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["id"], format!("a.txt#{}", n + 1));
        for role in ["quote", "speaker", "cue", "frame", "addressee"] {
            if value[role].is_null() {
                continue;
            }
            let pieces: Vec<String> = value[role]["spans"].as_array().unwrap().iter().map(|span| {
                let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
                chars[start..end].iter().collect()
            }).collect();
            assert_eq!(value[role]["text"], pieces.join(" "), "{role} in {line}");
        }
    }
    assert!(!written.is_empty());
}

#[test]
fn dataset_output_reads_back_to_the_same_quotations() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("eingabe"), dir.path().join("ausgabe"));
    fs::create_dir_all(input.join("sport")).unwrap();
    fs::write(input.join("a.txt"), article(10)).unwrap();
    fs::write(input.join("sport/b.txt"), article(11)).unwrap();
    let jsonl = run_dir(&input, &[]);
    let written = run_dir(&input, &["--format", "dataset", "-o", out.to_str().unwrap()]);
    assert_eq!((written.code, written.stdout.as_str()), (0, ""), "{}", written.stderr);
    assert!(out.join("a.json").is_file() && out.join("sport/b.json").is_file());

    let read_back = run_dir(&out, &[]);
    assert_eq!(read_back.code, 0, "{}", read_back.stderr);
    let renamed = read_back.stdout.replace(".json\"", ".txt\"").replace(".json#", ".txt#");
    assert!(!jsonl.stdout.is_empty());
    assert_eq!(renamed, jsonl.stdout, "the dataset files hold the same text, so the rules find the same");
}

#[test]
fn usage_errors_exit_with_2_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(12)).unwrap();
    let path = dir.path().to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["run", "--engine", "model", "--model", "/gibt/es/nicht", path], "no model at /gibt/es/nicht"),
        (&["run", "--format", "dataset", path], "needs a directory: add -o DIR"),
        (&["run", "/gibt/es/nicht"], "input /gibt/es/nicht does not exist"),
        (&["run", "--threads", "0", path], "--threads must be at least 1"),
        (&["run", "-", "-"], "only once"),
    ];
    for (args, message) in cases {
        let run = zitat(args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn the_output_file_is_never_read_as_input() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(13)).unwrap();
    let out = dir.path().join("zitate.jsonl");
    let out = out.to_str().unwrap();
    let first = run_dir(dir.path(), &["-o", out]);
    let second = run_dir(dir.path(), &["-o", out]);
    assert_eq!((first.code, second.code), (0, 0), "{}", second.stderr);
    assert!(second.stderr.contains("1 documents"), "{}", second.stderr);
    let again = zitat(&["run", out, "-o", out], None);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("is also an input"), "{}", again.stderr);
}

/// A jsonl corpus big enough that a run takes a few seconds (many chunks on one thread).
fn write_long_corpus(dir: &Path) -> std::path::PathBuf {
    let lines: Vec<String> = (0..2_500)
        .map(|n| serde_json::json!({"id": format!("artikel-{n:04}"), "text": article(n)}).to_string())
        .collect();
    let path = dir.join("lang.jsonl");
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Starts a run into `out` and kills it with `signal` once the journal shows two chunks.
fn interrupt(input: &Path, out: &Path, signal: &str) -> std::process::Output {
    let journal = out.with_file_name("zitate.jsonl.journal");
    let child = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "rules", "--threads", "1", "-o"])
        .args([out, input])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while fs::read_to_string(&journal).map_or(0, |j| j.lines().count()) < 2 {
        assert!(started.elapsed().as_secs() < 120, "the run wrote no journal");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn an_interrupted_run_resumes_to_byte_identical_output_and_keeps_the_old_result() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_long_corpus(dir.path());
    let input_str = input.to_str().unwrap();
    let whole = zitat(&["run", "--threads", "1", input_str], None);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    for signal in ["-KILL", "-TERM"] {
        let out = dir.path().join("zitate.jsonl");
        fs::write(&out, "the previous result\n").unwrap();
        let stopped = interrupt(&input, &out, signal);
        let stderr = String::from_utf8_lossy(&stopped.stderr);
        if signal == "-TERM" {
            assert_eq!(stopped.status.code(), Some(130), "{stderr}");
            assert!(stderr.contains("--resume"), "the message says how to go on: {stderr}");
        }
        assert_eq!(fs::read_to_string(&out).unwrap(), "the previous result\n", "{signal}: the old output was destroyed");
        let resumed = zitat(&["run", "--threads", "1", "--resume", "-o", out.to_str().unwrap(), input_str], None);
        assert_eq!(resumed.code, 0, "{}", resumed.stderr);
        assert!(resumed.stderr.contains("resumed"), "{}", resumed.stderr);
        assert!(fs::read_to_string(&out).unwrap() == whole.stdout, "{signal}: resumed output differs from an uninterrupted run");
        assert!(!dir.path().join("zitate.jsonl.partial").exists() && !dir.path().join("zitate.jsonl.journal").exists());
    }
}

#[test]
fn dash_as_output_means_stdout() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(3)).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(["run", "--engine", "rules", "-o", "-", "a.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8(run.stdout).unwrap().contains("\"doc\":\"a.txt\""));
    assert!(!dir.path().join("-").exists(), "a file named - was written");
}

#[test]
fn a_closed_or_broken_stderr_never_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(4)).unwrap();
    fs::write(dir.path().join("b.txt"), b"\xff kaputt").unwrap();
    let bin = env!("CARGO_BIN_EXE_zitat");
    let closed = Command::new("sh")
        .args(["-c", &format!("exec '{bin}' run --engine rules -o out.jsonl a.txt b.txt 2>&-")])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(1), "one input failed, nothing crashed");
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(written.contains("a.txt") && !written.contains("zitat:"), "{written}");
    let mut child = Command::new(bin)
        .args(["run", "--engine", "rules", "a.txt", "b.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let broken = child.wait_with_output().unwrap();
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8(broken.stdout).unwrap().contains("a.txt"));
}

#[test]
fn special_files_are_named_and_a_run_where_everything_fails_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(5)).unwrap();
    let fifo = dir.path().join("rohr.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let run = run_dir(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("rohr.txt: not a regular file"), "{}", run.stderr);
    assert!(run.stderr.contains("1 skipped"), "{}", run.stderr);

    let bad = tempfile::tempdir().unwrap();
    fs::write(bad.path().join("x.txt"), b"\xff").unwrap();
    fs::write(bad.path().join("y.txt"), "a".repeat(30_000)).unwrap();
    let run = run_dir(bad.path(), &["--max-file-size", "0.02"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("30.0 kB is larger than the limit of 20.0 kB"), "{}", run.stderr);
}

#[test]
fn three_shards_add_up_to_the_whole_run_also_through_the_job_wrapper() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("korpus");
    write_generated_corpus(&corpus);
    let whole = run_dir(&corpus, &[]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let mut expected: Vec<String> = whole.stdout.lines().map(|l| per_document(l).to_string()).collect();
    expected.sort();
    let wrapper = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/zitat-shard.sh");
    let out = dir.path().join("out");
    let mut sizes = Vec::new();
    for index in 0..3 {
        // As in a Kubernetes Indexed Job: JOB_COMPLETION_INDEX is 0-based.
        let status = Command::new(&wrapper)
            .args([corpus.to_str().unwrap(), out.to_str().unwrap(), "--engine", "rules"])
            .env("ZITAT_SHARDS", "3")
            .env("JOB_COMPLETION_INDEX", index.to_string())
            .env("ZITAT_BIN", env!("CARGO_BIN_EXE_zitat"))
            .status()
            .unwrap();
        assert!(status.success());
        sizes.push(fs::read_to_string(out.join(format!("shard-{}-of-3.jsonl", index + 1))).unwrap().lines().count());
    }
    // A shard also has a line per document (its text, for the review site), without a quote.
    let mut union: Vec<String> = (1..=3)
        .flat_map(|k| fs::read_to_string(out.join(format!("shard-{k}-of-3.jsonl"))).unwrap().lines().map(per_document).collect::<Vec<_>>())
        .filter(|record| record.get("quote").is_some())
        .map(|record| record.to_string())
        .collect();
    union.sort();
    assert!(sizes.iter().all(|&n| n > 0), "every shard has work: {sizes:?}");
    assert_eq!(union, expected, "the shards' records differ from the whole run's");
}

/// Every shard of `corpus` (given as `arg`, from `cwd`): the output files' texts.
fn shard_outputs(cwd: &Path, arg: &str, out: &Path, count: usize) -> Vec<String> {
    fs::create_dir_all(out).unwrap();
    (1..=count)
        .map(|k| {
            let shard = out.join(format!("shard-{k}-of-{count}.jsonl"));
            let run = Command::new(env!("CARGO_BIN_EXE_zitat"))
                .args(["run", "--engine", "rules", "--quiet", "--shard", &format!("{k}/{count}"), "-o", shard.to_str().unwrap(), arg])
                .current_dir(cwd)
                .output()
                .unwrap();
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
            fs::read_to_string(&shard).unwrap()
        })
        .collect()
}

#[test]
fn jsonl_lines_go_to_the_same_shard_wherever_the_corpus_is_mounted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("data/korpus");
    fs::create_dir_all(corpus.join("archiv")).unwrap();
    for (file, first) in [("meldungen.jsonl", 0), ("archiv/alt.jsonl", 40)] {
        let lines: Vec<String> = (first..first + 40)
            .map(|n| serde_json::json!({"id": format!("m{n}"), "text": article(n)}).to_string())
            .collect();
        fs::write(corpus.join(file), lines.join("\n") + "\n").unwrap();
    }
    // The same corpus mounted elsewhere, and given relatively from its parent.
    let mount = dir.path().join("mnt");
    std::os::unix::fs::symlink(dir.path().join("data"), &mount).unwrap();
    let here = shard_outputs(dir.path(), corpus.to_str().unwrap(), &dir.path().join("a"), 3);
    let there = shard_outputs(dir.path(), mount.join("korpus").to_str().unwrap(), &dir.path().join("b"), 3);
    let relative = shard_outputs(&dir.path().join("data"), "korpus/", &dir.path().join("c"), 3);
    assert!(here == there && here == relative, "a line's shard depends on the path the corpus is given at");
    let whole = run_dir(&corpus, &[]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    // A shard also carries one line per document (what `merge --format html` reads).
    let records = |s: &String| s.lines().map(per_document).filter(|v| v.get("quote").is_some()).map(|v| v.to_string()).collect::<Vec<_>>();
    let mut union: Vec<String> = here.iter().flat_map(records).collect();
    let mut expected: Vec<String> = whole.stdout.lines().map(|l| per_document(l).to_string()).collect();
    union.sort();
    expected.sort();
    assert!(here.iter().all(|s| !s.is_empty()), "every shard has work");
    let extra: Vec<&String> = union.iter().filter(|l| !expected.contains(l)).take(3).collect();
    let missing: Vec<&String> = expected.iter().filter(|l| !union.contains(l)).take(3).collect();
    assert!(union == expected, "the shards hold every record once; in the shards only: {extra:?}; in the whole run only: {missing:?}");
}

#[test]
fn every_name_carries_its_confidence_and_a_cut_off_withholds_the_names_below_it() {
    let text = "„Wir bauen die Brücke bis zum Herbst“, sagte Bürgermeisterin Anna Keller am Montag. Nach Angaben der Stadtwerke Jena fehlen noch Gelder.\n";
    let speakers = |extra: &[&str]| {
        let mut args = vec!["run", "-"];
        args.extend_from_slice(extra);
        let out = zitat(&args, Some(text.as_bytes()));
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["speaker"].clone()).collect::<Vec<_>>()
    };
    let all = speakers(&[]);
    let named: Vec<&serde_json::Value> = all.iter().filter(|s| s["name"].is_string()).collect();
    assert!(named.len() >= 2, "{all:?}");
    assert!(named.iter().all(|s| s["name_confidence"].as_f64().is_some_and(|c| (0.0..=1.0).contains(&c))), "{all:?}");
    let withheld = speakers(&["--min-name-confidence", "1"]);
    assert!(withheld.iter().all(|s| s["name"].is_null() && s["text"].is_string()), "names withheld, phrases kept: {withheld:?}");
    assert_eq!(zitat(&["run", "--min-name-confidence", "1.5", "-"], Some(text.as_bytes())).code, 2);
}
