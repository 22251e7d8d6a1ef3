#!/usr/bin/env bash
# Training throughput of the whole design (all 12 layers, evidence, heads) in fp32 against
# bf16, in one run on this machine, so the ratio is not at the mercy of a noisy neighbour:
#
#   scripts/bench-train.sh [DOCUMENTS]      (default 32 training documents, dev subset of 12)
#
# Each precision trains one epoch from the base on the same documents and scores the same
# small dev subset; `zitat train` prints subwords/s forward + backward through the trained
# layers, the forward-only figure of the same layers, and the epoch time. The precisions
# alternate twice (fp32, bf16, fp32, bf16) and every line is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --release >&2
DOCS=${1:-32}
DATA=../shared/data/german-news-quotes-2024
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/dev"
find "$DATA/dev" -name '*.json' | sort | head -12 | while read -r f; do ln -s "$(realpath "$f")" "$WORK/dev/"; done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; flags: $(grep -o 'avx512_bf16\|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for round in 1 2; do
    for precision in fp32 bf16; do
        line=$(target/release/zitat train --train "$DATA/train" --dev "$WORK/dev" --out "$WORK/model-$precision" \
            --epochs 1 --limit "$DOCS" --precision "$precision" --device cpu --quiet 2>&1 | grep '^epoch 1')
        echo "round $round, $precision: ${line#*| }"
        rm -rf "$WORK/model-$precision"
    done
done
