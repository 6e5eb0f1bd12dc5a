/**
 * A sweep worker thread: receives the shared trace once (workerData), then simulates the points it is
 * sent, one message each, and posts back each SimulationResult. Loaded from dist/ (compiled JS).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SimulationConfig } from '../config.js';
import { InputError } from '../errors.js';
import type { FigurePatch } from '../pricing/figure.js';
import { ProviderCache } from './provider-cache.js';
import { simulateReplay } from '../simulate.js';
import { fromSpool, inMemory } from '../traces/replay.js';
import type { Trace, TraceInfo } from '../traces/trace.js';

/** The trace on shared memory, or the spool file each worker streams (traces/replay.ts). */
export type WorkerInit = ({ trace: Trace } | { spool: { path: string; info: TraceInfo } }) & {
  pricingDir: string;
};
export interface WorkerTask {
  index: number;
  config: SimulationConfig;
  /** figure values replaced in the price sheets (sensitivity reruns) */
  patches?: readonly FigurePatch[];
}
export type WorkerReply =
  | { index: number; result: ReturnType<typeof simulateReplay> }
  | {
      index: number;
      error: { input: true; issues: InputError['issues'] } | { input: false; message: string };
    };

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const trace = 'spool' in init ? fromSpool(init.spool.path, init.spool.info) : inMemory(init.trace);
  const providers = new ProviderCache(init.pricingDir);
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      reply = {
        index: task.index,
        result: simulateReplay(trace, task.config, providers.get(task.config.provider, task.patches)),
      };
    } catch (e) {
      reply = {
        index: task.index,
        error:
          e instanceof InputError
            ? { input: true, issues: e.issues }
            : { input: false, message: (e as Error).stack ?? String(e) },
      };
    }
    port.postMessage(reply);
  });
}
