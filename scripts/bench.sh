#!/usr/bin/env bash
# Throughput of the rules path (annotate + render jsonl) on the dataset's dev and train
# articles, for 1 thread and all cores (or the counts given: scripts/bench.sh 1,2,4).
# Builds a rules-only release binary (no libtorch needed) in target/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-1,$(nproc)}"
data=../shared/data/german-news-quotes-2024
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/bench}"
cargo build --release --no-default-features --quiet
for split in dev train; do
    echo "== $split ($data/$split)"
    "$CARGO_TARGET_DIR/release/zitat" bench --threads "$threads" --repeat 5 "$data/$split"
done
