#!/bin/sh
# A sweep split into 4 shards as a Slurm job array (docs/scale.md): sbatch slurm-array.sh, then
#   sbatch --dependency=afterok:<jobid> --wrap 'faasim merge shards/shard-*.json > report.txt'
#SBATCH --job-name=faasim-sweep
#SBATCH --array=1-4
#SBATCH --cpus-per-task=1
#SBATCH --mem=512M
# with --array=1-N, SLURM_ARRAY_TASK_ID is already 1-based: it is I in --shard I/N
mkdir -p shards &&
faasim sweep trace.csv --memory 128..3008:64 --duration-model cpu-share:0.8 --measured-at 512 --workers 1 \
  --shard "$SLURM_ARRAY_TASK_ID/4" --format json > "shards/shard-$SLURM_ARRAY_TASK_ID.json.part" &&
mv "shards/shard-$SLURM_ARRAY_TASK_ID.json.part" "shards/shard-$SLURM_ARRAY_TASK_ID.json"
