//! A bounded load client for `zitat serve` (run by scripts/bench-serve.sh).
//!
//! ```text
//! cargo run --release --example bench_serve -- http://127.0.0.1:8080 1,4,16 200 ARTICLE.txt…
//! ```
//!
//! For each concurrency C it sends REQUESTS `POST /v1/attribute` requests in all (the
//! articles in turn) from C threads, each sending its next request when the previous one is
//! answered, and prints requests per second and the 50th and 99th percentile latency. Any
//! answer but 200 stops it with an error: a benchmark of refusals would be meaningless.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

struct Level {
    concurrency: usize,
    requests: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    quotations: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: bench_serve URL CONCURRENCY[,CONCURRENCY…] REQUESTS ARTICLE.txt…");
        std::process::exit(2);
    }
    let url = format!("{}/v1/attribute", args[0].trim_end_matches('/'));
    let levels: Vec<usize> = args[1].split(',').map(|c| c.parse().expect("a concurrency")).collect();
    let requests: usize = args[2].parse().expect("a number of requests");
    let bodies: Arc<Vec<String>> = Arc::new(args[3..].iter().map(|path| body(path)).collect());
    // One request first, so that no level pays for warming up.
    send(&ureq::agent(), &url, &bodies[0]);
    println!("{:>11} {:>8} {:>9} {:>9} {:>9} {:>10}", "concurrency", "requests", "req/s", "p50 ms", "p99 ms", "quotations");
    for concurrency in levels {
        let level = run_level(&url, &bodies, concurrency, requests);
        print_level(&level);
    }
}

fn body(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"));
    let id = std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
    serde_json::json!({ "id": id, "text": text.trim_start_matches('\u{FEFF}') }).to_string()
}

/// Sends one request; returns its number of quotations.
fn send(agent: &ureq::Agent, url: &str, body: &str) -> usize {
    let response = agent.post(url).set("Content-Type", "application/json").send_string(body);
    let response = response.unwrap_or_else(|err| panic!("request failed: {err}"));
    let answer: serde_json::Value = serde_json::from_str(&response.into_string().expect("an answer")).expect("a JSON answer");
    answer["quotations"].as_array().expect("quotations").len()
}

fn run_level(url: &str, bodies: &Arc<Vec<String>>, concurrency: usize, requests: usize) -> Level {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (next, bodies, url) = (Arc::clone(&next), Arc::clone(bodies), url.to_owned());
            thread::spawn(move || {
                let agent = ureq::agent();
                let (mut latencies, mut quotations) = (Vec::new(), 0);
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        return (latencies, quotations);
                    }
                    let sent = Instant::now();
                    quotations += send(&agent, &url, &bodies[n % bodies.len()]);
                    latencies.push(sent.elapsed());
                }
            })
        })
        .collect();
    let (mut latencies, mut quotations) = (Vec::new(), 0);
    for worker in workers {
        let (l, q) = worker.join().expect("a worker thread");
        latencies.extend(l);
        quotations += q;
    }
    latencies.sort();
    Level { concurrency, requests, elapsed: started.elapsed(), latencies, quotations }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize - 1;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1e3
}

fn print_level(level: &Level) {
    println!(
        "{:>11} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>10}",
        level.concurrency,
        level.requests,
        level.requests as f64 / level.elapsed.as_secs_f64(),
        percentile(&level.latencies, 50.0),
        percentile(&level.latencies, 99.0),
        level.quotations
    );
}
