/**
 * A sweep worker thread: receives the shared trace once (workerData), then simulates the points it is
 * sent, one message each, and posts back each SimulationResult. Loaded from dist/ (compiled JS).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SimulationConfig } from '../config.js';
import { InputError } from '../errors.js';
import type { FigurePatch } from '../pricing/figure.js';
import { ProviderCache } from './provider-cache.js';
import { simulateLoaded } from '../simulate.js';
import type { Trace } from '../traces/trace.js';

export interface WorkerInit {
  trace: Trace;
  pricingDir: string;
}
export interface WorkerTask {
  index: number;
  config: SimulationConfig;
  /** figure values replaced in the price sheets (sensitivity reruns) */
  patches?: readonly FigurePatch[];
}
export type WorkerReply =
  | { index: number; result: ReturnType<typeof simulateLoaded> }
  | { index: number; error: { input: true; issues: InputError['issues'] } | { input: false; message: string } };

const port = parentPort;
if (port) {
  const { trace, pricingDir } = workerData as WorkerInit;
  const providers = new ProviderCache(pricingDir);
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      reply = { index: task.index, result: simulateLoaded(trace, task.config, providers.get(task.config.provider, task.patches)) };
    } catch (e) {
      reply = {
        index: task.index,
        error: e instanceof InputError ? { input: true, issues: e.issues } : { input: false, message: (e as Error).stack ?? String(e) },
      };
    }
    port.postMessage(reply);
  });
}
