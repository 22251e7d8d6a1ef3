#!/usr/bin/env bash
# The soak of issue 24 (not part of the test suite): N synthetic news articles
# (examples/soak_corpus.rs) in four .jsonl files, run once whole and once in 4 shards, one
# shard killed with SIGKILL mid-run and continued with --resume, the shards merged; the
# merged output must equal the single run byte for byte (cmp). The shards are given the
# corpus by other paths than the single run (absolute, and relative through a symlink), as
# machines that mount it elsewhere would. Prints wall time, articles/s, MB of text/s,
# subword tokens/s (model engine) and peak RSS (/usr/bin/time -v) of every run.
#
#   scripts/soak.sh [N] [--engine rules|model] [--keep]   (default: 100000, rules)
#
# --keep leaves the work folder (corpus, outputs, logs) and names it; ZITAT_SOAK_DIR puts it
# somewhere else than the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
N=100000
ENGINE=rules
KEEP=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --engine) ENGINE=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        *) N=$1; shift ;;
    esac
done
SHARDS=4
KILLED=2

scripts/setup.sh --release >&2
cargo build --release --example soak_corpus >&2
zitat=$PWD/target/release/zitat
work=$(mktemp -d "${ZITAT_SOAK_DIR:-${TMPDIR:-/tmp}}/zitat-soak.XXXXXX")
if [[ $KEEP == 1 ]]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi

target/release/examples/soak_corpus "$N" "$work/data/corpus"
ln -s "$work/data" "$work/mount"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; engine: $ENGINE"

# What /usr/bin/time -v wrote to $1, and the run's summary line in $2, as one line.
report() {
    local name=$1 times=$2 log=$3
    local wall rss docs secs
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$times" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$times")
    docs=$(sed -n 's/^zitat: \([0-9]*\) documents.*/\1/p' "$log")
    secs=$(sed -n 's/^zitat: .* in \([0-9.]*\) s (.*/\1/p' "$log")
    local mbs subwords
    mbs=$(sed -n 's/.*s (\([0-9.]*\) MB of text\/s.*/\1/p' "$log")
    subwords=$(sed -n 's/.* subwords (\([0-9]*\)\/s)).*/\1/p' "$log")
    printf '%-26s %7s articles  %8.1f s wall  %7.0f articles/s  %6s MB/s  %6s subwords/s  peak RSS %5d MB\n' \
        "$name" "${docs:-?}" "$wall" "$(echo "${docs:-0} / ${secs:-1}" | bc -l)" "${mbs:-?}" "${subwords:--}" $((rss / 1024))
}

# zitat run NAME ARGS…, timed, from the folder $CWD (default: the work folder).
timed_run() {
    local name=$1; shift
    (cd "${CWD:-$work}" && /usr/bin/time -v -o "$work/$name.time" "$zitat" run --engine "$ENGINE" "$@" 2>"$work/$name.log") \
        || { cat "$work/$name.log" >&2; exit 1; }
    report "$name" "$work/$name.time" "$work/$name.log"
}

timed_run single -o "$work/single.jsonl" "$work/data/corpus"

# Shard k: odd shards by the absolute path, even ones relatively through the symlink.
shard_args() {
    local k=$1
    if (( k % 2 )); then echo "--shard $k/$SHARDS -o $work/shard-$k-of-$SHARDS.jsonl $work/data/corpus"
    else echo "--shard $k/$SHARDS -o $work/shard-$k-of-$SHARDS.jsonl mount/corpus"; fi
}

# Kills shard $KILLED once half of its chunks (128 articles each) are journaled.
kill_midway() {
    local journal=$work/shard-$KILLED-of-$SHARDS.jsonl.journal
    local half=$(( (N / SHARDS / 128 + 1) / 2 ))
    (( half > 0 )) || half=1
    # shellcheck disable=SC2046
    (cd "$work" && exec "$zitat" run --engine "$ENGINE" --quiet $(shard_args "$KILLED")) &
    local pid=$!
    journaled() { if [[ -f $journal ]]; then wc -l <"$journal"; else echo 0; fi; }
    while kill -0 "$pid" 2>/dev/null && (( $(journaled) < half )); do sleep 0.05; done
    if ! kill -KILL "$pid" 2>/dev/null; then
        echo "shard $KILLED finished before it could be killed: give a larger N" >&2
        exit 1
    fi
    wait "$pid" 2>/dev/null || true
    echo "shard $KILLED killed (SIGKILL) after $(journaled) of about $((N / SHARDS / 128 + 1)) chunks; resumed:"
}

for k in $(seq 1 $SHARDS); do
    if (( k == KILLED )); then
        kill_midway
        # shellcheck disable=SC2046
        timed_run "shard-$k-resumed" --resume $(shard_args "$k")
    else
        # shellcheck disable=SC2046
        timed_run "shard-$k" $(shard_args "$k")
    fi
done

shards=$(for k in $(seq 1 $SHARDS); do echo "$work/shard-$k-of-$SHARDS.jsonl"; done)
# shellcheck disable=SC2086
/usr/bin/time -v -o "$work/merge.time" "$zitat" merge -o "$work/merged.jsonl" $shards 2>"$work/merge.log" \
    || { cat "$work/merge.log" >&2; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/merge.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/merge.time")
echo "merge: $(tail -1 "$work/merge.log"); wall $wall, peak RSS $((rss / 1024)) MB"

if cmp "$work/single.jsonl" "$work/merged.jsonl"; then
    echo "merged shards = single run, byte for byte: $(wc -l <"$work/single.jsonl") quotations, $(wc -c <"$work/single.jsonl") bytes"
else
    echo "MISMATCH: the merged shards differ from the single run" >&2
    exit 1
fi
