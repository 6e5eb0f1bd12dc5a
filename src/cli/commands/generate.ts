/** `faasim generate`: a synthetic trace on stdout, written with backpressure. */
import type { Command } from 'commander';
import {
  DEFAULT_DURATION,
  DEFAULT_START_ISO,
  GENERATE_DEFAULTS,
  type GenerateFlags,
  generateOptionsOf,
  generateTrace,
} from '../../index.js';
import type { CliIo } from '../io.js';

export function registerGenerate(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description(
      'write a synthetic request trace (CSV) to stdout: poisson, diurnal, bursty (on-off) or spike traffic',
    )
    .option('--pattern <name>', 'poisson (default), diurnal, bursty or spike')
    .option(
      '--rate <r>',
      'mean request rate: 50, 50/s, 120/min, 3/h (diurnal: the weekday mean; spike: the base rate)',
    )
    .option('--span <duration>', 'period the trace covers, e.g. 1h, 7d')
    .option('--functions <n>', 'number of functions, sharing traffic by Zipf weights 1/i (default 1)')
    .option(
      '--duration <dist>',
      `run time of each request: 120ms, 80ms..200ms, lognormal:MEDIAN:P99, empirical:a,b,c (default ${DEFAULT_DURATION})`,
    )
    .option('--start <iso>', `time of the first instant (default ${DEFAULT_START_ISO}, a Monday)`)
    .option('--seed <n>', 'seed of every random draw (default 1)')
    .option(
      '--peak-hour <h>',
      `diurnal: UTC hour of the highest rate (default ${GENERATE_DEFAULTS.peakHour})`,
    )
    .option(
      '--amplitude <a>',
      `diurnal: relative swing of the rate, 0..1 (default ${GENERATE_DEFAULTS.amplitude})`,
    )
    .option(
      '--weekend-factor <w>',
      `diurnal: Saturday and Sunday rate over the weekday rate (default ${GENERATE_DEFAULTS.weekendFactor})`,
    )
    .option(
      '--burst-on <duration>',
      `bursty: mean length of an ON period (default ${GENERATE_DEFAULTS.burstOn})`,
    )
    .option(
      '--burst-off <duration>',
      `bursty: mean length of an OFF period (default ${GENERATE_DEFAULTS.burstOff})`,
    )
    .option(
      '--burst-off-rate <f>',
      `bursty: OFF rate as a fraction of the ON rate (default ${GENERATE_DEFAULTS.burstOffRate})`,
    )
    .option('--spike-at <duration>', 'spike: when the step starts, from the start (default: half the span)')
    .option('--spike-for <duration>', 'spike: how long it lasts (default: a tenth of the span)')
    .option(
      '--spike-factor <k>',
      `spike: rate during the spike over the base rate (default ${GENERATE_DEFAULTS.spikeFactor})`,
    )
    .action(async (flags: GenerateFlags) => {
      const options = generateOptionsOf(flags);
      const stream = io.outStream;
      if (!stream) {
        await generateTrace(options, (block) => io.out(block.toString('latin1')));
        return;
      }
      let broken: Error | null = null;
      const onError = (e: Error): void => {
        broken = e;
      };
      stream.on('error', onError);
      try {
        await generateTrace(options, (block) => {
          if (broken) throw broken;
          if (stream.write(block)) return;
          return new Promise<void>((resolve, reject) => {
            const done = (): void => {
              stream.off('drain', done);
              stream.off('error', fail);
              resolve();
            };
            const fail = (e: Error): void => {
              stream.off('drain', done);
              stream.off('error', fail);
              reject(e);
            };
            stream.on('drain', done);
            stream.on('error', fail);
          });
        });
      } catch (e) {
        // the reader went away (`faasim generate … | head`): stop quietly, as other CLI tools do
        if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
      } finally {
        stream.off('error', onError);
      }
    });
}
