#!/usr/bin/env bash
# Quality and speed of `zitat find` (see examples/find_bench.rs):
#   scripts/find-bench.sh [DEV_DIR [TRAIN_DIR [N]]]
# builds claims at run time from the dev split's gold quotations (1-3 words substituted,
# the first half, punctuation removed, Konjunktiv <-> Indikativ) and absent claims from the
# train split's sentences outside quotations, and prints recall@1, recall@5, the false-match
# rate and a threshold sweep; the verdict's recall@1 on meaning-keeping claims and its
# confirm-rate on meaning-changing ones (negation flipped, number changed, name swapped);
# then index build time and query latency (p50/p99) on N
# synthetic quotations (default 1,000,000). Release build, rules only (no libtorch).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/german-news-quotes-2024
dev="${1:-$data/dev}"
train="${2:-$data/train}"
n="${3:-1000000}"
for dir in "$dev" "$train"; do
    [[ -d "$dir" ]] || { echo "find-bench: no dataset folder $dir" >&2; exit 2; }
done
cargo run -q --release --no-default-features --example find_bench -- "$dev" "$train" "$n"
