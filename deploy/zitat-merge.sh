#!/usr/bin/env bash
# Merges the shards that deploy/zitat-shard.sh wrote into the corpus one run would have
# written (speaker ids, canonical names and quote clusters over the whole corpus):
#
#   ZITAT_SHARDS=N [ZITAT_SITE=DIR] deploy/zitat-merge.sh OUTDIR CORPUS.jsonl [zitat merge options…]
#
# With ZITAT_SITE it also builds the review site of the whole corpus into DIR (the one
# `zitat run --format html` writes; ZITAT_SITE_LANG=en for English labels); the options
# are for the jsonl merge.
#
# It checks first that every OUTDIR/shard-K-of-N.jsonl (K = 1..N) is there, and names the
# missing ones: a shard with no file would otherwise be missing from the corpus unnoticed.
# zitat merge itself refuses a shard whose run has not finished. ZITAT_BIN names the zitat
# binary (default: zitat on PATH).
set -euo pipefail
outdir=${1:?usage: ZITAT_SHARDS=N zitat-merge.sh OUTDIR CORPUS.jsonl [options]}
corpus=${2:?usage: ZITAT_SHARDS=N zitat-merge.sh OUTDIR CORPUS.jsonl [options]}
shift 2
count=${ZITAT_SHARDS:?set ZITAT_SHARDS to the number of shards (the completions of the job, or the array size)}
shards=()
missing=()
for ((k = 1; k <= count; k++)); do
    shard="$outdir/shard-$k-of-$count.jsonl"
    if [[ -f "$shard" ]]; then shards+=("$shard"); else missing+=("$shard"); fi
done
if ((${#missing[@]} > 0)); then
    echo "zitat-merge.sh: missing shard outputs (did every task succeed?): ${missing[*]}" >&2
    exit 2
fi
zitat=${ZITAT_BIN:-zitat}
"$zitat" merge -o "$corpus" "$@" "${shards[@]}"
if [[ -n "${ZITAT_SITE:-}" ]]; then
    # A site with pages the merge could not write exits 1 after writing the rest.
    "$zitat" merge --format html --lang "${ZITAT_SITE_LANG:-de}" -o "$ZITAT_SITE" --quiet "${shards[@]}"
fi
