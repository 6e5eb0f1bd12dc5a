/** Provider ids in narrow table columns: broken after hyphens, never cut short. */
import { describe, expect, test } from 'vitest';
import { idLines, tableWidth } from '../../src/report/render/id-cell.js';
import { cli } from '../helpers/cli.js';

describe('idLines', () => {
  test('an id that fits is unchanged', () => {
    expect(idLines('aws-fargate', 11)).toBe('aws-fargate');
    expect(idLines('gcp-functions-gen1', 20)).toBe('gcp-functions-gen1');
  });

  test('a longer id breaks after the last hyphen that keeps each line within the width', () => {
    // 'aws-lambda-managed-' is 19 characters, 'aws-lambda-managed-instances' 28
    expect(idLines('aws-lambda-managed-instances', 20)).toBe('aws-lambda-managed-\ninstances');
    expect(idLines('aws-lambda-managed-instances', 18)).toBe('aws-lambda-\nmanaged-instances');
    expect(idLines('(azure-container-apps)', 18)).toBe('(azure-container-\napps)');
  });

  test('a part longer than the width stays whole on its own line (the table decides what to do with it)', () => {
    expect(idLines('a-verylongpart-b', 5)).toBe('a-\nverylongpart-\nb');
  });

  test('tableWidth counts characters, not bytes', () => {
    expect(tableWidth('┌──┬─┐\n│ a│b│')).toBe(6);
  });
});

describe('--provider all in 100 columns: the long id breaks, the figures stay on one line', () => {
  test('aws-lambda-managed-instances over two lines; every other row one line, "0.41% (23)" whole', async () => {
    const r = await cli([
      'simulate',
      'scenarios/traces/azure-2fn-2h.csv',
      '--provider',
      'all',
      '--memory',
      '512',
    ]);
    const side = r.stdout.slice(r.stdout.indexOf('│ --provider'), r.stdout.indexOf('(--wide adds'));
    const lines = side.split('\n').filter((l) => l.startsWith('│'));
    // heading + 11 providers + the second line of the one long id
    expect(lines).toHaveLength(13);
    expect(lines.every((l) => [...l].length <= 100)).toBe(true);
    expect(side).toMatch(/│ aws-lambda-managed-\s+│[^\n]*\n│ instances\s+│/);
    expect(side).toMatch(/│ aws-lambda\s+│ \$16\.02\s+│ \$7\.90\s+│ 0\.41% \(23\)\s+│/);
  });
});
