//! `zitat serve` from the outside: the real binary on a free local port, a real HTTP
//! client. Results must equal `zitat run` on the same texts; refusals (413, 400, 415, 503)
//! name the problem; concurrent requests are all answered correctly; SIGTERM loses no
//! request in flight; the page marks quotations in headless Chromium.
//!
//! The rules engine serves in all tests but one small check of the model engine: the HTTP
//! layer is the same for both.

mod common;

use common::chromium::headless;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const ZITAT: &str = env!("CARGO_BIN_EXE_zitat");

/// A running `zitat serve`; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// `zitat serve --addr 127.0.0.1:0` plus `args`, with `--engine rules` unless `args`
    /// name an engine; waits for the address it prints.
    fn start(args: &[&str]) -> Server {
        let engine: &[&str] = if args.contains(&"--engine") { &[] } else { &["--engine", "rules"] };
        let mut child = Command::new(ZITAT)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(engine)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("zitat serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&log);
        thread::spawn(move || stderr.lines().map_while(Result::ok).for_each(|line| sink.lock().unwrap().push(line)));
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {first:?}; stderr: {:?}", log.lock().unwrap()))
            .to_owned();
        Server { child, addr, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        reply(ureq::post(&self.url(path)).set("Content-Type", content_type).send_bytes(body))
    }

    fn attribute(&self, id: &str, text: &str) -> Reply {
        let body = serde_json::json!({ "id": id, "text": text }).to_string();
        self.post("/v1/attribute", "application/json", body.as_bytes())
    }

    fn get(&self, path: &str) -> Reply {
        reply(ureq::get(&self.url(path)).call())
    }

    /// Sends SIGTERM (to this child's pid only).
    fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    fn wait(&mut self, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(started.elapsed() < limit, "zitat serve did not exit within {limit:?}");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// The log once `done` holds for it (stderr is read by another thread), or after 5 s.
    fn log_when(&self, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let started = Instant::now();
        loop {
            let log = self.log_lines();
            if done(&log) || started.elapsed() > Duration::from_secs(5) {
                return log;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    retry_after: Option<String>,
    content_type: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }

    fn quotations(&self) -> Vec<Value> {
        assert_eq!(self.status, 200, "{}", self.body);
        self.json()["quotations"].as_array().expect("a quotations array").clone()
    }

    fn error(&self) -> String {
        self.json()["error"].as_str().expect("an error message").to_owned()
    }
}

fn reply(result: Result<ureq::Response, ureq::Error>) -> Reply {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(err) => panic!("no HTTP response: {err}"),
    };
    Reply {
        status: response.status(),
        retry_after: response.header("Retry-After").map(str::to_owned),
        content_type: response.content_type().to_owned(),
        body: response.into_string().unwrap(),
    }
}

/// `zitat run --engine ENGINE` on articles written as one .jsonl: the output, and its
/// records by document id.
/// What `zitat run` writes for each article run on its own (the service answers every
/// article alone, so its corpus-wide fields — speaker ids, clusters — are the article's):
/// all lines in article order, and the records by document.
fn zitat_run(engine: &str, articles: &[(String, String)]) -> (String, HashMap<String, Vec<Value>>) {
    let dir = tempfile::tempdir().unwrap();
    let mut stdout = String::new();
    let mut by_doc: HashMap<String, Vec<Value>> = HashMap::new();
    for (n, article) in articles.iter().enumerate() {
        let input = dir.path().join(format!("article-{n}.jsonl"));
        std::fs::write(&input, jsonl(std::slice::from_ref(article))).unwrap();
        let out = Command::new(ZITAT)
            .args(["run", "--quiet", "--engine", engine, input.to_str().unwrap()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let lines = String::from_utf8(out.stdout).unwrap();
        let records = lines.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
        by_doc.insert(article.0.clone(), records);
        stdout.push_str(&lines);
    }
    (stdout, by_doc)
}

fn jsonl(articles: &[(String, String)]) -> String {
    articles.iter().map(|(id, text)| format!("{}\n", serde_json::json!({ "id": id, "text": text }))).collect()
}

/// The real German articles beside the repository (../shared/corpus/seeds), read as
/// `zitat run` reads a .txt file.
fn seed_articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("the seed articles are expected in {}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed articles in {}", dir.display());
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_owned();
            (path.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

const PEOPLE: [(&str, &str); 4] = [
    ("Stadträtin Mira Hoffmann", "die Stadträtin"),
    ("Verkehrsminister Jonas Albrecht", "der Minister"),
    ("Trainerin Sandra Vogt", "die Trainerin"),
    ("Betriebsrat Karl Lindner", "der Betriebsrat"),
];

/// A short German news text with direct, indirect and reported speech.
fn article(n: usize) -> String {
    let (person, description) = PEOPLE[n % PEOPLE.len()];
    let (other, _) = PEOPLE[(n + 1) % PEOPLE.len()];
    format!(
        "Neuer Streit um das Hallenbad (Teil {n})\n\n\
         Kassel – {person} hat am Dienstag die Pläne der Verwaltung scharf kritisiert. \
         „Das Bad darf nicht geschlossen werden“, sagte {description}. \
         „Wir haben“, fügte sie hinzu, „noch {n} Wochen Zeit.“\n\n\
         {other} sagte, die Kosten seien viel zu hoch. Man müsse jetzt sparen. \
         Laut einem Gutachten fehlen rund {millions} Millionen Euro. \
         »Wir prüfen alles«, so {other}.\n",
        millions = 2 + n % 7,
    )
}

fn records_without_doc(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .map(|record| {
            let mut record = record.clone();
            record.as_object_mut().unwrap().remove("doc");
            record.as_object_mut().unwrap().remove("id");
            record
        })
        .collect()
}

#[test]
fn attribute_answers_exactly_what_zitat_run_writes_for_the_seed_articles() {
    let seeds = seed_articles();
    let (_, expected) = zitat_run("rules", &seeds);
    let server = Server::start(&[]);
    let mut found = 0;
    for (id, text) in &seeds {
        let reply = server.attribute(id, text);
        assert_eq!(reply.content_type, "application/json");
        assert_eq!(reply.quotations(), expected[id], "{id}");
        found += expected[id].len();
    }
    assert!(found > 5, "the seed articles have quotations ({found} found)");
    // Plain text: the same records under the default id.
    let (id, text) = &seeds[0];
    let plain = server.post("/v1/attribute", "text/plain; charset=utf-8", text.as_bytes()).quotations();
    assert_eq!(records_without_doc(&plain), records_without_doc(&expected[id]));
    assert!(plain.iter().all(|record| record["doc"] == "text"));
    // One log line per request, with the number of quotations.
    let wanted = format!("quotations={}", expected[id].len());
    let is_line = |l: &String| l.contains("method=POST path=/v1/attribute status=200");
    let log = server.log_when(|log| log.iter().filter(|l| is_line(l)).count() > seeds.len());
    let lines: Vec<&String> = log.iter().filter(|l| is_line(l)).collect();
    assert_eq!(lines.len(), seeds.len() + 1, "{log:#?}");
    assert!(lines.last().unwrap().contains(&wanted) && lines.last().unwrap().contains("latency_ms="), "{log:#?}");
}

#[test]
fn a_quotation_by_two_people_lists_both_ids() {
    let server = Server::start(&["--quiet"]);
    let text = "Nato-Generalsekretär Jens Stoltenberg traf Bundeskanzler Olaf Scholz in Berlin. \
        Stoltenberg und Scholz bekräftigten, dass das Bündnis geschlossen bleibe.";
    let records = server.attribute("gipfel", text).quotations();
    let joint = records.iter().find(|r| r["speaker"]["name"].as_str().is_some_and(|n| n.contains(" und "))).unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(joint["speaker_ids"], serde_json::json!(["jens-stoltenberg", "olaf-scholz"]), "{joint}");
    assert_eq!(joint["speaker_id"], "jens-stoltenberg");
}

#[test]
fn batch_streams_the_jsonl_of_zitat_run() {
    let mut articles = seed_articles();
    articles.extend((0..6).map(|n| (format!("eigen-{n}"), article(n))));
    let (expected, _) = zitat_run("rules", &articles);
    let server = Server::start(&["--max-batch", "4"]);
    let reply = server.post("/v1/batch", "application/x-ndjson", jsonl(&articles).as_bytes());
    assert_eq!((reply.status, reply.content_type.as_str()), (200, "application/x-ndjson"));
    assert!(!expected.is_empty());
    assert_eq!(reply.body, expected);
    let wanted = format!("quotations={}", expected.lines().count());
    let is_line = |l: &String| l.contains("path=/v1/batch status=200") && l.contains(&wanted);
    let log = server.log_when(|log| log.iter().any(is_line));
    assert!(log.iter().any(is_line), "{log:#?}");
}

#[test]
fn refusals_name_the_problem() {
    let server = Server::start(&["--max-body-mb", "0.002", "--quiet"]);
    let too_big = serde_json::json!({ "text": "„Ja“, sagte er. ".repeat(200) }).to_string();
    let reply = server.post("/v1/attribute", "application/json", too_big.as_bytes());
    assert_eq!(reply.status, 413);
    assert!(reply.error().contains("larger than the limit of 2000 bytes"), "{}", reply.body);

    let reply = server.post("/v1/attribute", "application/json", br#"{"text": "offen"#);
    assert_eq!(reply.status, 400);
    assert!(reply.error().starts_with("malformed JSON: EOF while parsing a string"), "{}", reply.body);
    let reply = server.post("/v1/attribute", "application/json", br#"{"titel": "Ohne Text"}"#);
    assert!(reply.status == 400 && reply.error().contains("missing field `text`"), "{}", reply.body);

    let mut latin1 = b"\"Gr".to_vec();
    latin1.push(0xFC); // Latin-1 'ü'
    let reply = server.post("/v1/attribute", "text/plain", &latin1);
    assert!(reply.status == 400 && reply.error().contains("invalid UTF-8 at byte offset 3"), "{}", reply.body);
    let mut json = br#"{"text": "Gr"#.to_vec();
    json.extend_from_slice(&[0xFC, b'"', b'}']);
    let reply = server.post("/v1/attribute", "application/json", &json);
    assert!(reply.status == 400 && reply.error().contains("not UTF-8: invalid byte at offset 12"), "{}", reply.body);

    let reply = server.post("/v1/attribute", "application/xml", b"<text/>");
    assert!(reply.status == 415 && reply.error().contains("application/xml"), "{}", reply.body);

    let lines = format!("{}\n{{\"id\": \"b\"}}\n", serde_json::json!({ "id": "a", "text": "„Ja“, sagte er." }));
    let reply = server.post("/v1/batch", "application/x-ndjson", lines.as_bytes());
    assert!(reply.status == 400 && reply.error().starts_with("line 2: not a JSON article (missing field `text`"), "{}", reply.body);
    let twice = format!("{0}\n{0}\n", serde_json::json!({ "id": "a", "text": "„Ja“, sagte er." }));
    let reply = server.post("/v1/batch", "application/x-ndjson", twice.as_bytes());
    assert!(reply.status == 400 && reply.error().contains("already used on line 1"), "{}", reply.body);

    let reply = server.get("/v2/attribute");
    assert!(reply.status == 404 && reply.error().contains("/v2/attribute"), "{}", reply.body);
    // The server is still healthy, and --quiet kept the log free of request lines.
    assert_eq!(server.get("/healthz").body, "ok\n");
    assert!(!server.log_lines().iter().any(|l| l.contains("path=")), "{:#?}", server.log_lines());
}

/// A 5 MB article: over the default cap of 4 MB.
fn five_megabytes() -> Vec<u8> {
    let text = "„Wir bleiben hier“, sagte die Bürgermeisterin am Montag im Rathaus. ".repeat(70_000);
    serde_json::json!({ "id": "zu-gross", "text": text }).to_string().into_bytes()
}

/// Writes the whole request before reading anything, as Python's urllib does (no
/// `Expect: 100-continue`): (status, body). A server that answers and closes without
/// reading the body makes this client's write or read fail with a reset.
fn post_whole_body(addr: &str, path: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default()))
}

#[test]
fn a_client_that_sends_the_whole_oversized_body_first_gets_the_413_and_its_message() {
    let server = Server::start(&["--quiet"]);
    let body = five_megabytes();
    assert!(body.len() > 5_000_000);
    for attempt in 0..3 {
        let (status, answer) = post_whole_body(&server.addr, "/v1/attribute", &body)
            .unwrap_or_else(|err| panic!("attempt {attempt}: the client saw {err} instead of the 413"));
        assert_eq!(status, 413, "{answer}");
        assert!(answer.contains("larger than the limit of"), "{answer}");
    }
    // Python's urllib, the client of the report, where python3 is installed.
    let script = "import sys, urllib.request, urllib.error\n\
        req = urllib.request.Request(sys.argv[1], data=sys.stdin.buffer.read(), headers={'Content-Type': 'application/json'})\n\
        try:\n    urllib.request.urlopen(req)\nexcept urllib.error.HTTPError as e:\n    print(e.code, e.read().decode())\n";
    let Ok(mut python) = Command::new("python3").args(["-c", script, &server.url("/v1/attribute")]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() else {
        eprintln!("python3 not found: urllib not tried (the raw client above sends the same way)");
        return;
    };
    python.stdin.take().unwrap().write_all(&body).unwrap();
    let out = python.wait_with_output().unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.starts_with("413 ") && printed.contains("larger than the limit of"), "urllib: {printed} {}", String::from_utf8_lossy(&out.stderr));
    // A client that waits for `100 Continue` (curl) is answered without sending the body.
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let head = format!("POST /v1/attribute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 413", "no 100 Continue, the refusal at once");
}

#[test]
fn info_names_the_engine_and_limits() {
    let server = Server::start(&["--batch-window-ms", "0", "--queue", "7"]);
    let info = server.get("/v1/info").json();
    assert_eq!(info["zitat"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["engine"]["engine"], "rules");
    assert_eq!(info["engine"]["model"], Value::Null);
    assert_eq!(info["batching"]["window_ms"], 0.0);
    assert_eq!(info["limits"]["queue"], 7);
}

/// A request whose body is sent in two parts, so that it stays in flight (admitted, its
/// body not yet read) for as long as the test wants.
struct SlowRequest {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl SlowRequest {
    fn begin(addr: &str, path: &str, body: &str) -> SlowRequest {
        let mut stream = TcpStream::connect(addr).unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body.as_bytes()[..5]).unwrap();
        SlowRequest { stream, rest: body.as_bytes()[5..].to_vec() }
    }

    /// Sends the rest of the body and reads the response: (status, body).
    fn finish(mut self) -> (u16, String) {
        self.stream.write_all(&self.rest).unwrap();
        let mut response = String::new();
        self.stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap().parse().unwrap();
        let body = response.split_once("\r\n\r\n").unwrap().1.to_owned();
        (status, body)
    }
}

#[test]
fn a_full_queue_answers_503_with_retry_after_and_recovers() {
    let server = Server::start(&["--queue", "1"]);
    let text = article(1);
    let body = serde_json::json!({ "id": "langsam", "text": text }).to_string();
    // Once the slow request holds the only place, the next one is refused. Its head may
    // reach the server after a quick request took the place (and be refused itself), so a
    // slow request that has not blocked the queue within a second is begun again.
    let started = Instant::now();
    let mut slow = SlowRequest::begin(&server.addr, "/v1/attribute", &body);
    let mut slow_since = Instant::now();
    let busy = loop {
        let reply = server.attribute("eilig", &text);
        if reply.status == 503 {
            break reply;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "never refused: {}", reply.body);
        if slow_since.elapsed() > Duration::from_secs(1) {
            slow = SlowRequest::begin(&server.addr, "/v1/attribute", &body);
            slow_since = Instant::now();
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(busy.retry_after.as_deref(), Some("1"));
    assert!(busy.error().contains("busy (1 requests in progress or waiting)"), "{}", busy.body);
    let (status, answer) = slow.finish();
    assert_eq!(status, 200, "{answer}");
    let (_, expected) = zitat_run("rules", &[("langsam".into(), text.clone())]);
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["quotations"].as_array().unwrap(), &expected["langsam"]);
    assert_eq!(server.attribute("eilig", &text).status, 200);
}

#[test]
fn a_request_over_the_time_limit_gets_503() {
    let server = Server::start(&["--timeout-s", "0.3"]);
    let body = serde_json::json!({ "text": article(2) }).to_string();
    let (status, answer) = {
        let slow = SlowRequest::begin(&server.addr, "/v1/attribute", &body);
        thread::sleep(Duration::from_millis(600));
        slow.finish()
    };
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("longer than the limit of 0.3 s"), "{answer}");
    assert_eq!(server.attribute("danach", &article(2)).status, 200);
}

#[test]
fn thirty_two_concurrent_requests_are_all_answered_correctly() {
    let mut articles: Vec<(String, String)> = (0..32).map(|n| (format!("artikel-{n}"), article(n))).collect();
    for (n, (id, text)) in seed_articles().into_iter().enumerate() {
        articles[n * 6] = (id, text);
    }
    let (_, expected) = zitat_run("rules", &articles);
    let server = Arc::new(Server::start(&["--batch-window-ms", "20", "--max-batch", "8", "--quiet"]));
    let barrier = Arc::new(std::sync::Barrier::new(articles.len()));
    let handles: Vec<_> = articles
        .iter()
        .cloned()
        .map(|(id, text)| {
            let (server, barrier) = (Arc::clone(&server), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                (id.clone(), server.attribute(&id, &text).quotations())
            })
        })
        .collect();
    for handle in handles {
        let (id, quotations) = handle.join().unwrap();
        assert_eq!(quotations, expected[&id], "{id}");
    }
}

#[test]
fn sigterm_finishes_the_requests_in_flight() {
    let articles: Vec<(String, String)> = (0..6).map(|n| (format!("flug-{n}"), article(n + 10))).collect();
    let (batch_expected, expected) = zitat_run("rules", &articles);
    let mut server = Server::start(&[]);
    let slow: Vec<(String, SlowRequest)> = articles
        .iter()
        .take(4)
        .map(|(id, text)| {
            let body = serde_json::json!({ "id": id, "text": text }).to_string();
            (id.clone(), SlowRequest::begin(&server.addr, "/v1/attribute", &body))
        })
        .collect();
    let slow_batch = SlowRequest::begin(&server.addr, "/v1/batch", &jsonl(&articles));
    // Let the server read the request heads, then stop it while every body is incomplete.
    thread::sleep(Duration::from_millis(400));
    server.terminate();
    thread::sleep(Duration::from_millis(300));
    for (id, request) in slow {
        let (status, body) = request.finish();
        assert_eq!(status, 200, "{id}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["quotations"].as_array().unwrap(), &expected[&id], "{id}");
    }
    let (status, body) = slow_batch.finish();
    assert_eq!(status, 200, "{body}");
    assert_eq!(dechunk(&body), batch_expected);
    let exit = server.wait(Duration::from_secs(10));
    assert!(exit.success(), "{exit:?}; {:#?}", server.log_lines());
    assert!(server.log_when(|log| log.iter().any(|l| l.contains("shutting down"))).iter().any(|l| l.contains("shutting down")));
    assert!(TcpStream::connect(&server.addr).is_err(), "still accepting after shutdown");
}

/// The payload of an HTTP/1.1 chunked body.
fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let (size, tail) = rest.split_once("\r\n").expect("a chunk size line");
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&tail[..size]);
        rest = &tail[size + 2..];
    }
}

#[cfg(feature = "model")]
#[test]
fn the_model_engine_serves_what_zitat_run_writes() {
    let articles = vec![("modell".to_owned(), article(3))];
    let (_, expected) = zitat_run("model", &articles);
    let server = Server::start(&["--engine", "model", "--quiet"]);
    assert_eq!(server.attribute("modell", &articles[0].1).quotations(), expected["modell"]);
    assert_eq!(server.get("/v1/info").json()["engine"]["engine"], "model");
}

#[cfg(feature = "model")]
#[test]
fn the_model_engine_answers_an_article_alone_and_in_a_batch_of_16_alike() {
    let server = Server::start(&["--engine", "model", "--quiet", "--batch-window-ms", "10000", "--max-batch", "16"]);
    // Articles of different lengths, so that a batch would pad the shorter ones.
    let articles: Vec<(String, String)> = (0..16).map(|n| (format!("artikel-{n}"), article(n).repeat(1 + n % 3))).collect();
    // Sixteen requests held open until the server has admitted them all, then sent at once:
    // the first to arrive waits for the others (a batch waits for every request in flight).
    let held: Vec<SlowRequest> = articles
        .iter()
        .map(|(id, text)| SlowRequest::begin(&server.addr, "/v1/attribute", &serde_json::json!({ "id": id, "text": text }).to_string()))
        .collect();
    thread::sleep(Duration::from_millis(500));
    let sent: Vec<_> = held.into_iter().map(|request| thread::spawn(move || request.finish())).collect();
    let batched: Vec<Value> = sent
        .into_iter()
        .map(|answer| {
            let (status, body) = answer.join().unwrap();
            assert_eq!(status, 200, "{body}");
            serde_json::from_str(&body).unwrap()
        })
        .collect();
    for ((id, text), in_batch) in articles.iter().zip(&batched) {
        let alone = server.attribute(id, text).quotations();
        assert!(!alone.is_empty(), "{id} has quotations");
        assert_eq!(in_batch["quotations"].as_array().unwrap(), &alone, "{id}: another record in a batch of 16 than alone");
    }
}

/// The page after it has loaded `url` and run its scripts, as Chromium serialises the DOM.
fn rendered_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(profile.path())
        .arg("--virtual-time-budget=10000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn the_page_marks_quotations_in_headless_chromium() {
    let text = "Kassel – „Das Bad bleibt offen“, sagte Bürgermeisterin Mira Hoffmann am Dienstag. \
                Sie schrieb <b>fett</b> & <img src=x onerror=alert(1)> in ihren Antrag.";
    let server = Server::start(&[]);
    let expected = server.attribute("seite", text).quotations();
    let direct = expected.iter().find(|q| q["type"] == "Direct").expect("a direct quotation");
    let dom = rendered_dom(&server.url(&format!("/?title={}&text={}", encode("Hallenbad"), encode(text))));
    assert!(dom.contains(r#"data-state="done""#), "{dom}");
    // Roles may overlap (the cue and speaker lie inside the frame), so a span can carry
    // several role classes.
    let marked = |role: &str, text: &str| {
        let pattern = format!(r#"<span class="[^"]*\b{role}\b[^"]*" data-q="1"[^>]*>{}</span>"#, regex::escape(text));
        regex::Regex::new(&pattern).unwrap().is_match(&dom)
    };
    assert!(marked("zq-type-Direct", direct["quote"]["text"].as_str().unwrap()), "{dom}");
    assert!(marked("zq-speaker", direct["speaker"]["text"].as_str().unwrap()), "{dom}");
    assert!(marked("zq-cue", direct["cue"]["text"].as_str().unwrap()), "{dom}");
    assert!(dom.contains(&format!("{} Zitat", expected.len())), "{dom}");
    // The words the review site uses too, each type explained when pointed at.
    assert!(dom.contains(r#"<span class="zq-chip zq-type-Direct" title="Die Worte in Anführungszeichen"#), "{dom}");
    assert!(dom.contains(">fortgesetzte indirekte Rede</span>"), "{dom}");
    // The text's markup is shown as text, never interpreted.
    assert!(dom.contains("&lt;b&gt;fett&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"), "{dom}");
    assert!(!dom.contains("<b>fett</b>") && !dom.contains("<img src=\"x\""), "{dom}");
}
