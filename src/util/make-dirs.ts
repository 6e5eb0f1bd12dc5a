/**
 * mkdir -p without mkdirSync's `recursive`: on Node 20 that loops forever where a parent exists but
 * refuses the new entry with ENOENT (mkdirSync('/proc/x', { recursive: true }) never returns). Here
 * the missing folders are found by stat from the folder up to the nearest one that exists, then made
 * one by one from the top; the first refusal is thrown as it comes (ENOENT, EACCES, ENOTDIR …).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirs(dir: string, mkdir: (path: string) => void = (p) => mkdirSync(p)): void {
  const missing: string[] = [];
  let p = resolve(dir);
  for (;;) {
    try {
      statSync(p);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdir(d);
    } catch (e) {
      // made meanwhile by another process: fine when it is a folder
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
    }
  }
  // the folder itself may exist as something else than a folder (a file): say so as mkdir would
  if (missing.length === 0 && !statSync(resolve(dir)).isDirectory()) mkdir(resolve(dir));
}
