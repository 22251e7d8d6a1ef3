#!/usr/bin/env bash
# Runs one shard of a corpus: the shard number comes from the job system, so the same
# command serves every task of a Kubernetes Indexed Job or a Slurm job array.
#
#   ZITAT_SHARDS=N deploy/zitat-shard.sh INPUT OUTDIR [zitat run options…]
#
# Shard K (1-based) is JOB_COMPLETION_INDEX + 1 (Kubernetes, 0-based), else
# SLURM_ARRAY_TASK_ID (Slurm, with --array=1-N), else ZITAT_SHARD. It writes
# OUTDIR/shard-K-of-N.jsonl with --resume, so a task that is retried continues where it
# stopped. ZITAT_BIN names the zitat binary (default: zitat on PATH).
set -euo pipefail
input=${1:?usage: ZITAT_SHARDS=N zitat-shard.sh INPUT OUTDIR [options]}
outdir=${2:?usage: ZITAT_SHARDS=N zitat-shard.sh INPUT OUTDIR [options]}
shift 2
count=${ZITAT_SHARDS:?set ZITAT_SHARDS to the number of shards (the completions of the job, or the array size)}
if [[ -n "${JOB_COMPLETION_INDEX:-}" ]]; then
    index=$((JOB_COMPLETION_INDEX + 1))
elif [[ -n "${SLURM_ARRAY_TASK_ID:-}" ]]; then
    index=$SLURM_ARRAY_TASK_ID
else
    index=${ZITAT_SHARD:?no JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or ZITAT_SHARD: which shard is this?}
fi
mkdir -p "$outdir"
exec "${ZITAT_BIN:-zitat}" run --quiet --resume --shard "$index/$count" \
    -o "$outdir/shard-$index-of-$count.jsonl" "$@" "$input"
