#!/usr/bin/env bash
# What batch invariance costs: this zitat against the one of REV (default e7333d8, the last
# commit whose model engine padded the windows of a chunk into shared batches of 16 and let
# libtorch split each operation over the cores), on the same articles and model in one run,
# alternating for ROUNDS rounds: `zitat bench --engine model` (the encoder pass alone and the
# whole zitat run, in subword tokens/s).
#
#   scripts/bench-invariance.sh [REV] [DIR] [ROUNDS]   (default: e7333d8, the dev split, 2)
#
# REV's binary is built once into target/zitat-REV (a worktree of REV compiled with this
# checkout's target folder, so only zitat itself is compiled), then this checkout's again.
# Both read this checkout's model and base encoder.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:-e7333d8}
DIR=${2:-../shared/data/german-news-quotes-2024/dev}
ROUNDS=${3:-2}
scripts/setup.sh --release >&2
before=target/zitat-$REV
if [[ ! -x $before ]]; then
    tree=$(mktemp -d)
    git worktree add --detach "$tree" "$REV" >&2
    (cd "$tree" && CARGO_TARGET_DIR="$OLDPWD/target" cargo build --release --bin zitat >&2)
    cp target/release/zitat "$before"
    git worktree remove --force "$tree"
    cargo build --release --bin zitat >&2
fi
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
    for zitat in "$before" target/release/zitat; do
        name=$([[ $zitat == "$before" ]] && echo "$REV (batched)" || echo "this (invariant)")
        "$zitat" bench --engine model --model models/zitat-news --base models/base --repeat 1 "$DIR" \
            | grep -E 'forward pass alone|whole zitat run' | sed "s/^/round $round, $name: /"
    done
done
