/**
 * `faasim merge SHARD.json…`: the shards written by `faasim sweep … --shard I/N`, checked to make one
 * whole sweep, put back in point order and analysed and rendered by the very code the single run
 * uses (analyzeSweep, SWEEP_RENDERERS), so the report is byte-identical to `faasim sweep …`'s.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  analyzeSweep,
  defaultPricingDir,
  isSimulateShard,
  mergeSimulateShards,
  RENDERERS,
  fromShardJson,
  inputError,
  mergeShards,
  renderSweepHtml,
  SWEEP_RENDERERS,
} from '../../index.js';
import { HTML_FLAG, htmlTarget, writeHtml } from '../html.js';
import type { CliIo } from '../io.js';
import { rendered, WIDE_FLAG } from '../view.js';

export function registerMerge(program: Command, io: CliIo): void {
  program
    .command('merge')
    .description(
      'merge the JSON shards of `faasim sweep … --shard I/N` or `faasim simulate … --shard I/N` into the report the whole run prints',
    )
    .argument('<shards...>', 'shard files, one per I of N, in any order')
    .option('--format <format>', 'table, json, csv or markdown', 'table')
    .option(
      HTML_FLAG.flags,
      `${HTML_FLAG.description} (sweep shards only: shards of a simulate do not keep its charts over time)`,
    )
    .option(WIDE_FLAG.flags, WIDE_FLAG.description)
    .action((files: string[], flags: Record<string, unknown>) => {
      const format = flags['format'] as string;
      if (!Object.hasOwn(SWEEP_RENDERERS, format))
        throw inputError('BAD_FLAG', `--format "${format}" must be table, json, csv or markdown`);
      const html = htmlTarget(flags);
      const shards = files.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw inputError(
            'BAD_SHARD',
            `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
          );
        }
        try {
          return { file, shard: fromShardJson(text) };
        } catch {
          throw inputError('BAD_SHARD', `${file}: not JSON (an unfinished or failed shard?)`);
        }
      });
      // shards of a simulate (faasim.simulate-shard/v1): the report simulate prints
      if (shards.length > 0 && isSimulateShard(shards[0]?.shard)) {
        if (!Object.hasOwn(RENDERERS, format))
          throw inputError('BAD_FLAG', `--format "${format}" must be table, json, csv or markdown`);
        if (html !== null)
          throw inputError(
            'BAD_FLAG',
            "--html: the page's charts over time are sampled during one run, which shards of a simulate do not keep; run simulate --html whole",
          );
        const result = mergeSimulateShards(shards, defaultPricingDir());
        io.out(rendered(io, flags, () => RENDERERS[format as keyof typeof RENDERERS](result), format));
        return;
      }
      const m = mergeShards(shards);
      const report = analyzeSweep({
        points: m.points,
        results: m.results,
        criteria: m.criteria,
        dimensions: m.dimensions,
        notes: m.notes,
      });
      if (html !== null) writeHtml(html, renderSweepHtml(report));
      io.out(
        rendered(io, flags, () => SWEEP_RENDERERS[format as keyof typeof SWEEP_RENDERERS](report), format),
      );
    });
}
