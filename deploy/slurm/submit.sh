#!/usr/bin/env bash
# Submits the shard array and the merge that waits for all of it (afterok: the merge runs
# only when every task succeeded; a failed task leaves the merge pending with reason
# DependencyNeverSatisfied, to be cancelled after fixing and resubmitting):
#   deploy/slurm/submit.sh /shared/corpus /shared/out /shared/corpus.jsonl
# Run from the zitat checkout (after scripts/setup.sh --release).
set -euo pipefail
corpus=${1:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl}
outdir=${2:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl}
merged=${3:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl}
array=$(sbatch --parsable deploy/slurm/zitat-array.sbatch "$corpus" "$outdir")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" deploy/slurm/zitat-merge.sbatch "$outdir" "$merged")
echo "shards: job $array; merge: job $merge (starts when every shard has succeeded)"
