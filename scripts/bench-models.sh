#!/usr/bin/env bash
# The shipped model against the one an earlier commit shipped, on the same articles in one
# run: `zitat bench --engine model` (the encoder pass alone and the whole zitat run, in
# subword tokens/s), the two models alternating for two rounds.
#
#   scripts/bench-models.sh [REV] [DIR]     (default: 877bc35, the last commit with the
#                                            4-layer model; the dev split)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --release >&2
REV=${1:-877bc35}
DIR=${2:-../shared/data/german-news-quotes-2024/dev}
OLD=$(mktemp -d)
trap 'rm -rf "$OLD"' EXIT
for f in $(git ls-tree --name-only "$REV" models/zitat-news/); do
    git show "$REV:$f" > "$OLD/$(basename "$f")"
done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
for round in 1 2; do
    for model in "$OLD" models/zitat-news; do
        name=$([[ $model == "$OLD" ]] && echo "$REV" || echo "shipped")
        target/release/zitat bench --engine model --model "$model" --repeat 1 "$DIR" \
            | grep -E 'forward pass alone|whole zitat run' | sed "s/^/round $round, $name: /"
    done
done
