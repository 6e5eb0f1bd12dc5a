/** Provider ids in narrow table columns: broken after hyphens, never cut short. */
import { describe, expect, test } from 'vitest';
import { idLines, tableWidth } from '../../src/report/render/id-cell.js';

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
