/**
 * --front-door, taken by AWS Lambda (every kind) and AWS Fargate (alb only: its defaults refuse the
 * others), so declared once here (providers/option-spec.ts: one declaration per shared key).
 */
import { z } from 'zod';
import { defineOption } from '../option-spec.js';
import { FRONT_DOORS } from './front-door.js';

export const FRONT_DOOR = defineOption({
  key: 'frontDoor',
  flag: '--front-door <kind>',
  description:
    'HTTP front door billed per sync request: api-gateway-http, api-gateway-rest, function-url, alb or none (AWS Lambda; AWS Fargate: alb)',
  schema: () => z.enum([...FRONT_DOORS, 'none']),
  resolve: (kind) => (kind === 'none' ? undefined : kind),
});
