/** `simulate --provider all --break-even`: the container break-even under the comparison. */
import {
  containerBreakEven,
  containerProviderIds,
  loadTrace,
  renderBreakEven,
  type ResolvedRun,
} from '../index.js';

const RANGE = { min: 1 / 64, max: 256 };

export async function breakEvenText(run: ResolvedRun, providers: readonly string[]): Promise<string> {
  const marked = new Set(containerProviderIds());
  const containers = providers.filter((p) => marked.has(p));
  const functions = providers.filter((p) => !marked.has(p));
  if (containers.length === 0 || functions.length === 0) {
    return `Break-even: needs a container platform (${[...marked].join(', ')}) and a function platform among the providers compared\n`;
  }
  const trace = await loadTrace(run.traceFile, { ...run.read, spreadSeed: run.config.seed });
  const rows = containerBreakEven(trace, run.config, {
    functions,
    containers,
    minScale: RANGE.min,
    maxScale: RANGE.max,
  });
  const spanS = (trace.info.lastMs - trace.info.firstMs) / 1000;
  return renderBreakEven(rows, trace.data.count / spanS, RANGE);
}
