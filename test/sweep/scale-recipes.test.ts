/**
 * The recipes of docs/scale.md, run as committed in docs/examples/ with the compiled CLI: each
 * engine's index variable set as that engine sets it, `faasim` (and, for AWS Batch, `aws s3 cp`) a
 * shim on PATH, the shards merged and compared byte for byte with the single run. docs/scale.md
 * shows each file verbatim. Only the recipes' own commands start processes; the single runs and the
 * merges the test adds run in-process (a node process costs seconds on a loaded machine).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';
import { writeBurstsCsv } from './fixture.js';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const EXAMPLES = join(packageRoot(), 'docs/examples');
const example = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');
/** the sweep every recipe runs; its shard count */
const SWEEP =
  'sweep trace.csv --memory 128..3008:64 --duration-model cpu-share:0.8 --measured-at 512 --workers 1';
const N = 4;

let bin = '';
/** the single run's output, json and table */
const single = { json: '', table: '' };

/** Runs `script` with sh in `cwd`, the shims first on PATH; stdout, or the test fails with stderr. */
function sh(script: string, cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync('sh', ['-c', script], {
    cwd,
    encoding: 'utf8',
    timeout: 280_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      TZ: 'UTC',
      LANG: 'C',
      ...env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** A folder of its own holding the trace, so shard-*.json matches only this recipe's shards. */
function workDir(): string {
  const d = tempDir('faasim-recipe-');
  writeBurstsCsv(join(d, 'trace.csv'));
  return d;
}

/** Each index of 0..n−1 (or 1..n) as `variable`, two at a time, as the engine would start them. */
function runIndexed(
  script: string,
  cwd: string,
  variable: string,
  from: number,
  env: Record<string, string> = {},
): void {
  sh(`seq ${from} ${from + N - 1} | xargs -P 2 -I{} env ${variable}={} sh -c "$RECIPE"`, cwd, {
    ...env,
    RECIPE: script,
  });
}

/** The CLI in this process, in `cwd`: stdout, or the test fails with stderr. */
async function run(args: string[], cwd: string): Promise<string> {
  const r = await cli(args, { cwd });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const merged = (dir: string): Promise<string> =>
  run(
    ['merge', ...Array.from({ length: N }, (_, i) => join(dir, `shard-${i + 1}.json`)), '--format', 'json'],
    dir,
  );
const sweepArgs = (trace = 'trace.csv'): string[] => SWEEP.replace('trace.csv', trace).split(' ');

describe.skipIf(!existsSync(MAIN))(
  'docs/examples: sharded sweeps as each engine runs them (compiled CLI)',
  () => {
    beforeAll(async () => {
      bin = tempDir('faasim-bin-');
      writeFileSync(join(bin, 'faasim'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
      // `aws s3 cp SRC DST` with s3://BUCKET/… in the folder $S3_ROOT/BUCKET/…
      writeFileSync(
        join(bin, 'aws'),
        '#!/bin/sh\n[ "$1 $2" = "s3 cp" ] || exit 9\nsrc=$(echo "$3" | sed "s#^s3://#$S3_ROOT/#")\ndst=$(echo "$4" | sed "s#^s3://#$S3_ROOT/#")\nmkdir -p "$(dirname "$dst")" && cp "$src" "$dst"\n',
      );
      chmodSync(join(bin, 'faasim'), 0o755);
      chmodSync(join(bin, 'aws'), 0o755);
      const d = workDir();
      single.json = await run([...sweepArgs(), '--format', 'json'], d);
      single.table = await run(sweepArgs(), d);
      expect(JSON.parse(single.json).points).toHaveLength(46);
    });

    test('every recipe runs the same sweep in 4 shards, and docs/scale.md shows it verbatim', () => {
      const doc = readFileSync(join(packageRoot(), 'docs/scale.md'), 'utf8');
      for (const name of [
        'xargs-one-machine.sh',
        'k8s-indexed-job.yaml',
        'slurm-array.sh',
        'aws-batch-array.sh',
      ]) {
        const text = example(name);
        expect(doc, name).toContain(text);
        expect(text.replace(/\s*\\\n\s*/g, ' ').replace(/\s+/g, ' '), name).toContain(
          SWEEP.replace('sweep trace.csv', '').trim(),
        );
      }
    });

    test("a shard's JSON does not depend on the worker count: 2 worker threads give the in-process shard's bytes", async () => {
      const d = workDir();
      const args = [
        ...sweepArgs().filter((a) => a !== '--workers' && a !== '1'),
        '--shard',
        '2/4',
        '--format',
        'json',
      ];
      const threads = spawnSync(process.execPath, [MAIN, ...args, '--workers', '2'], {
        cwd: d,
        encoding: 'utf8',
        // FAASIM_STATUS=1: the status line, piped, says the worker threads ran
        env: { ...process.env, NO_COLOR: '1', FAASIM_STATUS: '1' },
      });
      expect(threads.status, threads.stderr).toBe(0);
      expect(threads.stderr).toContain('2 worker threads');
      expect(threads.stdout).toBe(await run([...args, '--workers', '1'], d));
    });

    test('xargs -P 2 on one machine: the merged table equals the single run', () => {
      const d = workDir();
      expect(sh(example('xargs-one-machine.sh'), d)).toBe(single.table);
    });

    test('Kubernetes Indexed Job: JOB_COMPLETION_INDEX 0..3 → --shard 1/4..4/4, merged equal to the single run', async () => {
      const job = parse(example('k8s-indexed-job.yaml'));
      expect(job.apiVersion).toBe('batch/v1');
      expect(job.kind).toBe('Job');
      expect(job.spec.completionMode).toBe('Indexed');
      expect(job.spec.completions).toBe(N);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      const [container] = job.spec.template.spec.containers;
      expect(container.command).toEqual(['sh', '-c']);
      expect(container.args).toHaveLength(1);
      const script: string = container.args[0];
      expect(script).toContain(`--shard $((JOB_COMPLETION_INDEX + 1))/${N}`);
      // the pod's volume at /data: here a folder holding the trace
      const d = workDir();
      runIndexed(script.replaceAll('/data/', `${d}/`), d, 'JOB_COMPLETION_INDEX', 0);
      // the report names the trace as the shards read it: /data/trace.csv, here ${d}/trace.csv
      const m = await merged(join(d, 'shards'));
      expect(m).toBe(await run([...sweepArgs(`${d}/trace.csv`), '--format', 'json'], d));
      expect(m.replaceAll(`${d}/`, '')).toBe(single.json);
    });

    test('Slurm array --array=1-4: SLURM_ARRAY_TASK_ID is I, merged equal to the single run', async () => {
      const script = example('slurm-array.sh');
      expect(script).toContain(`#SBATCH --array=1-${N}\n`);
      const d = workDir();
      runIndexed(script, d, 'SLURM_ARRAY_TASK_ID', 1);
      expect(await merged(join(d, 'shards'))).toBe(single.json);
    });

    test('AWS Batch array size=4: AWS_BATCH_JOB_ARRAY_INDEX 0..3, shards through S3, merged equal to the single run', async () => {
      const script = example('aws-batch-array.sh');
      expect(script).toContain(`--array-properties size=${N}`);
      const s3 = tempDir('faasim-s3-');
      mkdirSync(join(s3, 'bucket'));
      writeBurstsCsv(join(s3, 'bucket/trace.csv'));
      const env = { S3_ROOT: s3, FAASIM_BUCKET: 'bucket' };
      // each child in a folder of its own, as each container has its own disk
      sh(
        `seq 0 ${N - 1} | xargs -P 2 -I{} sh -c 'mkdir -p child-{} && cd child-{} && AWS_BATCH_JOB_ARRAY_INDEX={} sh -c "$RECIPE"'`,
        tempDir('faasim-batch-'),
        { ...env, RECIPE: script },
      );
      expect(await merged(join(s3, 'bucket/shards'))).toBe(single.json);
    });
  },
);
