/** The settings only Azure Functions Consumption takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { decimalFlag, defineOption } from '../option-spec.js';

export const OBSERVED_MEMORY = defineOption({
  key: 'observedMemoryMb',
  flag: '--observed-memory <MB>',
  description:
    'Azure Consumption: memory an execution uses when the trace has no memory_used_mb (default: --memory)',
  schema: () => z.number().positive(),
  parseFlag: decimalFlag,
});
