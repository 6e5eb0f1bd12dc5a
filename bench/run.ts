/** `npm run bench`: every benchmark, as JSON lines. */
import { availableParallelism } from 'node:os';
import { runSweepBench } from './sweep.js';

await runSweepBench({ requests: 1_000_000, points: 50, workers: availableParallelism(), serial: true });
