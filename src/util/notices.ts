/**
 * Notices: what a run could not do that did not stop it (a trace cache it could not finish writing),
 * for the caller to show once the run is over. The CLI collects them around a command and prints each
 * once on stderr (src/cli/run.ts); outside a collection they go nowhere (the report says the same).
 * Scoped with AsyncLocalStorage, so two runs in one process (tests, a library caller) keep their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Collected {
  /** what the run could not do (always shown) */
  notices: Set<string>;
  /** what the run did that its report does not say, as it changes no figure (--quiet hides them) */
  statuses: Set<string>;
}

const scope = new AsyncLocalStorage<Collected>();

/** Records `line` for the collection this call runs in, if any (the same line once). */
export function notice(line: string): void {
  scope.getStore()?.notices.add(line);
}

/**
 * Records a status line: how the run went about its work where that changes nothing in its report
 * (whether the trace came from its cache), so that the report's bytes do not depend on it.
 */
export function status(line: string): void {
  scope.getStore()?.statuses.add(line);
}

/** Runs `work`, collecting the notices and statuses raised in it (in the order first raised), whatever happens. */
export async function collectNotices<T>(
  work: () => Promise<T>,
  done: (notices: readonly string[], statuses: readonly string[]) => void,
): Promise<T> {
  const collected: Collected = { notices: new Set(), statuses: new Set() };
  try {
    return await scope.run(collected, work);
  } finally {
    done([...collected.notices], [...collected.statuses]);
  }
}
