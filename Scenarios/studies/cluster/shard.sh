#!/bin/sh
# Runs one shard of a study on a cluster node. The shard number comes from
# the scheduler:
#   Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based), SHARDS = .spec.completions
#   Slurm job array:        SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN), SLURM_ARRAY_TASK_COUNT
# Usage: shard.sh STUDY.yaml OUTDIR     (writes OUTDIR/shard-<i>; merge them afterwards with
#        microgrid merge --out OUTDIR/merged OUTDIR/shard-*)
set -eu
study=$1
out=$2
microgrid=${MICROGRID:-microgrid}
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  index=$JOB_COMPLETION_INDEX
  count=${SHARDS:?set SHARDS to the number of completions of the Job}
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0}))
  count=${SLURM_ARRAY_TASK_COUNT:?not in a Slurm job array}
else
  echo "shard.sh: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set" >&2
  exit 64
fi
# Exit 9 means some cases failed; they are recorded with their reason, so the
# shard itself succeeded.
status=0
"$microgrid" sweep "$study" --out "$out/shard-$index" --shard "$index/$count" ${JOBS:+--jobs "$JOBS"} || status=$?
[ "$status" -eq 9 ] && status=0
exit "$status"
