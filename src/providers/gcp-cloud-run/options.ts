/** The settings only Google Cloud Run takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { defineOption } from '../option-spec.js';

export const BILLING_MODE = defineOption({
  key: 'billingMode',
  flag: '--billing <mode>',
  description: 'Cloud Run: request (default) or instance billing',
  schema: () => z.enum(['request', 'instance']),
});
