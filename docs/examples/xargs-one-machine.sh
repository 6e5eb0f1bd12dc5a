#!/bin/sh
# A sweep split into 4 shards on one machine, 2 running at a time, then merged (docs/scale.md).
# With GNU parallel: parallel -j 2 'faasim sweep … --shard {}/4 --format json > shard-{}.json' ::: 1 2 3 4
seq 1 4 | xargs -P 2 -I{} sh -c 'faasim sweep trace.csv --memory 128..3008:64 --duration-model cpu-share:0.8 --measured-at 512 --workers 1 --shard {}/4 --format json > shard-{}.json' &&
faasim merge shard-1.json shard-2.json shard-3.json shard-4.json
