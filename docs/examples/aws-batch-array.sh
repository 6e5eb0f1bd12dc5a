#!/bin/sh
# The command of each child of an AWS Batch array job splitting a sweep into 4 shards (docs/scale.md):
#   aws batch submit-job --job-name faasim-sweep --job-queue QUEUE --job-definition faasim \
#     --array-properties size=4 --container-overrides 'command=["sh","/opt/aws-batch-array.sh"]'
# then, when every child has succeeded:
#   aws s3 cp --recursive s3://BUCKET/shards/ shards/ && faasim merge shards/shard-*.json
# AWS_BATCH_JOB_ARRAY_INDEX is 0..size-1; I in --shard I/N is one more. FAASIM_BUCKET names the bucket.
I=$((AWS_BATCH_JOB_ARRAY_INDEX + 1))
aws s3 cp "s3://$FAASIM_BUCKET/trace.csv" trace.csv &&
faasim sweep trace.csv --memory 128..3008:64 --duration-model cpu-share:0.8 --measured-at 512 --workers 1 \
  --shard "$I/4" --format json > shard.json &&
aws s3 cp shard.json "s3://$FAASIM_BUCKET/shards/shard-$I.json"
