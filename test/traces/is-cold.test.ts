/** The is_cold column: which requests the log says were cold, for `faasim calibrate`. */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadTrace } from '../../src/traces/load.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(text: string): string {
  const dir = tempDir();
  dirs.push(dir);
  return writeTemp('t.csv', text, dir);
}

describe('is_cold column', () => {
  it('reads 1/0/true/false (any case), and names the column it came from', async () => {
    const t = await loadTrace(
      file('timestamp,duration_ms,is_cold\n0,10,1\n1000,10,0\n2000,10,TRUE\n3000,10,false\n'),
      { timeUnit: 'ms' },
    );
    expect(Array.from(t.data.isCold)).toEqual([1, 0, 1, 0]);
    expect(t.info.columns.is_cold).toBe('is_cold');
  });

  it('without it, a non-empty init_ms marks the cold requests', async () => {
    const t = await loadTrace(file('timestamp,duration_ms,init_ms\n0,10,230.5\n1000,10,\n'), {
      timeUnit: 'ms',
    });
    expect(Array.from(t.data.isCold)).toEqual([1, 0]);
    expect(t.info.columns.is_cold).toBeNull();
  });

  it('with both, a cold request may lack its INIT, but a warm one may not have one', async () => {
    const t = await loadTrace(file('timestamp,init_ms,is_cold\n0,,1\n1000,200,1\n'), { timeUnit: 'ms' });
    expect(Array.from(t.data.isCold)).toEqual([1, 1]);
    const e = await loadTrace(file('timestamp,init_ms,is_cold\n0,,1\n1000,200,0\n'), {
      timeUnit: 'ms',
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).issues[0]).toMatchObject({
      code: 'TRACE_BAD_IS_COLD',
      where: { line: 3, column: 'is_cold', columnNumber: 3 },
    });
    expect((e as InputError).message).toContain(
      ':3: column 3 (is_cold): says warm but init_ms gives an INIT of 200 ms',
    );
  });

  it('any other value is an error naming the line and the values expected', async () => {
    const e = await loadTrace(file('timestamp,is_cold\n0,1\n1000,yes\n'), { timeUnit: 'ms' }).catch(
      (x: unknown) => x,
    );
    expect((e as InputError).issues[0]).toMatchObject({
      code: 'TRACE_BAD_IS_COLD',
      where: { line: 3, column: 'is_cold' },
    });
    expect((e as InputError).message).toContain(':3: column 2 (is_cold): "yes" is not 1, 0, true or false');
  });

  it('--columns cold=NAME maps another header', async () => {
    const t = await loadTrace(file('timestamp,coldstart\n0,1\n1000,0\n'), {
      timeUnit: 'ms',
      columns: { is_cold: 'coldstart' },
    });
    expect(Array.from(t.data.isCold)).toEqual([1, 0]);
  });
});
