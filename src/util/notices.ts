/**
 * Notices: what a run could not do that did not stop it (a trace cache it could not finish writing),
 * for the caller to show once the run is over. The CLI collects them around a command and prints each
 * once on stderr (src/cli/run.ts); outside a collection they go nowhere (the report says the same).
 * Scoped with AsyncLocalStorage, so two runs in one process (tests, a library caller) keep their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Set<string>>();

/** Records `line` for the collection this call runs in, if any (the same line once). */
export function notice(line: string): void {
  scope.getStore()?.add(line);
}

/** Runs `work`, collecting the notices raised in it (in the order first raised), whatever happens. */
export async function collectNotices<T>(
  work: () => Promise<T>,
  done: (lines: readonly string[]) => void,
): Promise<T> {
  const lines = new Set<string>();
  try {
    return await scope.run(lines, work);
  } finally {
    done([...lines]);
  }
}
