/** The settings only AWS Fargate takes (see providers/option-spec.ts); it shares --front-door with AWS Lambda. */
import { z } from 'zod';
import { decimalFlag, defineOption } from '../option-spec.js';
import { FRONT_DOOR } from '../shared/front-door-option.js';

export const SPOT = defineOption({
  key: 'spot',
  flag: '--spot',
  description:
    'AWS Fargate: tasks on Fargate Spot capacity, at the Spot discount (interruptions not modelled)',
  schema: () => z.boolean(),
  // false is the same as not asking: it is no option a provider could refuse
  resolve: (on) => (on === true ? true : undefined),
});

export const SCALE_TO_ZERO = defineOption({
  key: 'scaleToZero',
  flag: '--scale-to-zero',
  description: 'AWS Fargate: no minimum task; a request finding none waits for a task start',
  schema: () => z.boolean(),
  resolve: (on) => (on === true ? true : undefined),
});

export const VCPU = defineOption({
  key: 'vcpu',
  flag: '--vcpu <n>',
  // the sizes Fargate offers are in its price sheet; its defaults refuse a vCPU no size has
  description: 'AWS Fargate: task vCPU, 0.25 to 16 (default: the fewest Fargate pairs with --memory)',
  schema: () => z.number().positive(),
  parseFlag: decimalFlag,
});

export const AWS_FARGATE_OPTIONS = [FRONT_DOOR, SPOT, SCALE_TO_ZERO, VCPU];
