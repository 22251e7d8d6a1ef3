#!/usr/bin/env bash
# Benchmarks on the dataset's articles, each against a baseline measured in the same run:
# 1. the rules path (annotate + render jsonl): MB of text per second on 1 thread and all
#    cores (or the counts given: scripts/bench.sh 1,2,4), from a rules-only release binary
#    (no libtorch) in target/bench;
# 2. the model engine on dev: subword tokens per second of the whole run vs the encoder's
#    forward pass alone on the same windows, and peak memory (release build, --device auto).
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-1,$(nproc)}"
data=../shared/data/german-news-quotes-2024
CARGO_TARGET_DIR=target/bench cargo build --release --no-default-features --quiet
for split in dev train; do
    echo "== rules, $split ($data/$split)"
    target/bench/release/zitat bench --engine rules --threads "$threads" --repeat 5 "$data/$split"
done
scripts/setup.sh --release
echo "== model, dev ($data/dev)"
target/release/zitat bench --engine model --repeat 2 "$data/dev"
