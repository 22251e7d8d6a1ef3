#!/usr/bin/env bash
# Submits the shard array and the merge that waits for all of it (afterok: the merge runs
# only when every task succeeded; a failed task leaves the merge pending with reason
# DependencyNeverSatisfied, to be cancelled after fixing and resubmitting):
#   deploy/slurm/submit.sh /shared/corpus /shared/out /shared/corpus.jsonl [/shared/site]
# (with the fourth argument the merge also builds the review site there)
# Run from the zitat checkout (after scripts/setup.sh --release).
set -euo pipefail
corpus=${1:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl [SITE]}
outdir=${2:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl [SITE]}
merged=${3:?usage: submit.sh CORPUS OUTDIR MERGED.jsonl [SITE]}
site=${4:-}
array=$(sbatch --parsable deploy/slurm/zitat-array.sbatch "$corpus" "$outdir")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" deploy/slurm/zitat-merge.sbatch "$outdir" "$merged" ${site:+"$site"})
echo "shards: job $array; merge: job $merge (starts when every shard has succeeded)"
