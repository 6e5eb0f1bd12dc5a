/**
 * What AWS Lambda's side sheets share (SnapStart, the front door that Fargate's ALB also reads, response streaming: each read
 * only by the runs that use it): the head of the file, and how their lines reach the bill.
 */
import { z } from 'zod';
import type { Figure } from '../../pricing/figure.js';

export const SIDE_SHEET_HEAD = {
  provider: z.literal('aws-lambda'),
  name: z.string(),
  currency: z.literal('USD'),
  checked: z.string(),
  notes: z.array(z.string()),
};

/** Records a figure as used in the bill and returns its value. */
export type UsePrice = (name: string, f: Figure) => number;
/** Appends a cost line: its monthly quantity and cost. */
export type AddLine = (
  id: string,
  label: string,
  quantity: number,
  unit: string,
  monthlyUsd: number,
  note: string,
) => void;
