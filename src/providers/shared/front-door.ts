/**
 * The HTTP front door of an AWS service (--front-door, pricing/aws-front-door.json): of a Lambda
 * function (AWS Lambda), or the load balancer of a Fargate service (AWS Fargate, alb only). API Gateway
 * HTTP or REST API requests through their monthly tiers, function URLs (no charge of their own), or
 * an Application Load Balancer (hours plus LCUs). Only sync user requests come through it: async
 * invocations are queued events and keep-warm pings come from a scheduler, not from HTTP clients.
 * Requests the function throttles (429) were still received by the front door, so they count.
 */
import { z } from 'zod';
import { INV } from '../../model/observer.js';
import { tieredCost } from '../../pricing/cost.js';
import {
  FigureSchema,
  loadJsonFile,
  unconfirmedFigures,
  type UnconfirmedFigure,
} from '../../pricing/figure.js';
import { SIDE_SHEET_HEAD, type AddLine, type UsePrice } from './side-sheet.js';

/** The HTTP front doors faasim prices (pricing/aws-front-door.json); 'none' is resolved to no front door. */
export const FRONT_DOORS = ['api-gateway-http', 'api-gateway-rest', 'function-url', 'alb'] as const;
export type FrontDoorKind = (typeof FRONT_DOORS)[number];

const RequestTiersSchema = z
  .array(z.object({ uptoRequests: z.number().positive().nullable(), price: FigureSchema }).strict())
  .min(1);

export const FrontDoorSheetSchema = z
  .object({
    ...SIDE_SHEET_HEAD,
    apiGatewayHttp: z.object({ tiers: RequestTiersSchema, meteredKb: FigureSchema }).strict(),
    apiGatewayRest: z.object({ tiers: RequestTiersSchema }).strict(),
    functionUrl: z.object({ perMillion: FigureSchema }).strict(),
    alb: z
      .object({
        hourly: FigureSchema,
        perLcuHour: FigureSchema,
        lcuNewConnectionsPerS: FigureSchema,
        lcuActiveConnectionsPerMin: FigureSchema,
        freeRules: FigureSchema,
      })
      .strict(),
  })
  .strict();

export type FrontDoorSheet = z.infer<typeof FrontDoorSheetSchema>;

export function loadFrontDoorSheet(file: string): FrontDoorSheet {
  return loadJsonFile(file, FrontDoorSheetSchema, 'AWS front-door price sheet');
}

/** Counts the requests that pass through the front door, in the span. */
export class FrontDoorCounter {
  requests = 0;
  /** a user request served: sync ones came in over HTTP */
  invocation(flags: number): void {
    if ((flags & (INV.ping | INV.async)) === 0) this.requests++;
  }
  /** a sync request rejected (429): the front door received it and returned the error */
  throttle(flags: number, willRetry: boolean): void {
    if ((flags & INV.async) === 0 && !willRetry) this.requests++;
  }
}

const HOURS_PER_MONTH = 720;

/**
 * The front door's lines for a month whose quantities are the span's × `factor`. `price` records a
 * figure as used; `add` appends a line (monthly quantity and cost).
 */
export function frontDoorLines(
  sheet: FrontDoorSheet,
  kind: FrontDoorKind,
  spanRequests: number,
  factor: number,
  price: UsePrice,
  add: AddLine,
): void {
  const monthly = spanRequests * factor;
  const requestLine = (label: string, tiers: z.infer<typeof RequestTiersSchema>, note: string): void => {
    // tiers apply to the month's requests; a tier's price is used only once the month reaches it
    const priced = tiers.map((t, i) => {
      const reached = i === 0 || monthly > (tiers[i - 1]?.uptoRequests ?? Infinity);
      return {
        upto: t.uptoRequests,
        price: (reached ? price(`${label} tier ${i + 1}`, t.price) : t.price.value) / 1e6,
      };
    });
    add('front-door', label, monthly, 'requests', tieredCost(monthly, priced), note);
  };
  switch (kind) {
    case 'api-gateway-http':
      requestLine(
        'API Gateway HTTP API',
        sheet.apiGatewayHttp.tiers,
        `sync requests only, each taken as one call (metered per ${sheet.apiGatewayHttp.meteredKb.value} KB; the trace has no sizes); no free tier`,
      );
      return;
    case 'api-gateway-rest':
      requestLine(
        'API Gateway REST API',
        sheet.apiGatewayRest.tiers,
        'sync requests only; no caching, no free tier',
      );
      return;
    case 'function-url':
      add(
        'front-door',
        'Lambda function URL',
        monthly,
        'requests',
        (monthly / 1e6) * price('function URL', sheet.functionUrl.perMillion),
        'function URLs cost nothing extra: their requests are billed as Lambda requests and duration',
      );
      return;
    case 'alb': {
      const a = sheet.alb;
      add(
        'front-door-hours',
        'ALB hours',
        HOURS_PER_MONTH,
        'hours',
        HOURS_PER_MONTH * price('ALB hour', a.hourly),
        'one load balancer running all month',
      );
      // One new connection per request (clients that do not reuse connections: the most LCUs the
      // trace can cause). Over an hour with N requests that is N/3,600 per second, N/25 × 1/3,600
      // LCU-hours; its active connections (N/60 per minute at most, each shorter than a minute)
      // need half as many LCUs, so new connections decide. Processed bytes (0.4 GB an hour per LCU
      // for Lambda targets) are not in the trace; rule evaluations are free up to 10 rules.
      const perLcu = price('ALB new connections per LCU', a.lcuNewConnectionsPerS) * 3600;
      const lcuHours = monthly / perLcu;
      add(
        'front-door-lcu',
        'ALB capacity units',
        lcuHours,
        'LCU-hours',
        lcuHours * price('ALB LCU-hour', a.perLcuHour),
        `${a.lcuNewConnectionsPerS.value} new connections a second per LCU, one per sync request (processed bytes not modelled, ≤ ${a.freeRules.value} rules free)`,
      );
      return;
    }
  }
}

/** The sheet's unconfirmed figures that bear on `kind`. */
export function frontDoorUnconfirmed(sheet: FrontDoorSheet, kind: FrontDoorKind): UnconfirmedFigure[] {
  const roots = {
    'api-gateway-http': 'apiGatewayHttp',
    'api-gateway-rest': 'apiGatewayRest',
    'function-url': 'functionUrl',
    alb: 'alb',
  } as const;
  const root = roots[kind];
  return unconfirmedFigures(sheet[root], `frontDoor.${root}`);
}
