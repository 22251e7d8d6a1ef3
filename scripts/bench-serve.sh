#!/usr/bin/env bash
# Load benchmark of `zitat serve`: requests/s and p50/p99 latency of POST /v1/attribute at
# concurrency 1, 4 and 16 on the seed articles, with dynamic batching on (5 ms window, the
# default) and off (--batch-window-ms 0: one article at a time).
#
#   scripts/bench-serve.sh [--engine model|rules] [--requests N] [--profile release|dev]
#
# Defaults: the model engine (on --device auto), 64 requests per level, a release build.
# Articles: ../shared/corpus/seeds/*.txt when present, else examples/corpus/*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=model requests=64 profile=release levels=1,4,16
while [ $# -gt 0 ]; do
    case "$1" in
        --engine) engine="$2"; shift 2 ;;
        --requests) requests="$2"; shift 2 ;;
        --profile) profile="$2"; shift 2 ;;
        --levels) levels="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ "$profile" = release ]; then
    cargo build --release --quiet --bin zitat --example bench_serve
    dir=target/release
else
    cargo build --quiet --bin zitat --example bench_serve
    dir=target/debug
fi
articles=(../shared/corpus/seeds/*.txt)
[ -e "${articles[0]}" ] || articles=(examples/corpus/*.txt)

server=""
stop() { [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap stop EXIT

for window in 5 0; do
    addr_file=$(mktemp)
    "$dir/zitat" serve --addr 127.0.0.1:0 --engine "$engine" --batch-window-ms "$window" --quiet >"$addr_file" &
    server=$!
    for _ in $(seq 600); do grep -q http:// "$addr_file" && break; sleep 0.1; done
    url=$(grep -o 'http://[^ ]*' "$addr_file")
    rm -f "$addr_file"
    if [ "$window" = 0 ]; then mode="batching off"; else mode="batching on (${window} ms window)"; fi
    echo "== $engine engine, $mode, $requests requests per level, ${#articles[@]} articles, $profile build"
    "$dir/examples/bench_serve" "$url" "$levels" "$requests" "${articles[@]}"
    stop
done
