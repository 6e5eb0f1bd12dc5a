/** What AWS Lambda declares beyond its sheet's figures: the keep-warm table's lines, and its CPU allocation read from the sheet. */
import type { CpuAllocation } from '../types.js';
import type { AwsLambdaSheet } from './sheet.js';

/**
 * Lambda's cost lines in the keep-warm comparison table: shorter labels, in this order. Other
 * providers reuse some of these ids for lines of their own (Cloud Run's memory is its 'duration'),
 * so the table uses these only for Lambda.
 */
export const KEEP_WARM_LINES: readonly (readonly [string, string])[] = [
  ['requests', 'requests'],
  ['duration', 'on-demand duration'],
  ['init', 'INIT duration'],
  ['ping-requests', 'ping requests'],
  ['ping-duration', 'ping duration (incl. INIT)'],
  ['provisioned-capacity', 'provisioned idle capacity'],
  ['provisioned-used', 'provisioned used capacity'],
  ['provisioned-duration', 'provisioned duration'],
  ['provisioned-init', 'provisioned INIT'],
  ['snapstart-cache', 'SnapStart cache'],
  ['snapstart-restore', 'SnapStart restores'],
  ['storage', 'ephemeral storage'],
  ['free-tier', 'free tier credit'],
];

/**
 * CPU in proportion to memory (pricing/aws-lambda.json, platform.cpuMbPerVcpu and cpuMaxVcpus, with
 * their sources), documented over Lambda's memory range.
 */
export function cpuAllocationOf(sheet: AwsLambdaSheet): CpuAllocation {
  const p = sheet.platform;
  const mbPerVcpu = p.cpuMbPerVcpu.value;
  const maxVcpus = p.cpuMaxVcpus.value;
  const maxMb = p.memoryMaxMb.value;
  return {
    mbPerVcpu,
    maxVcpus,
    minMb: p.memoryMinMb.value,
    maxMb,
    source: `AWS Lambda docs: one vCPU at ${mbPerVcpu.toLocaleString('en-US')} MB, in proportion to memory, up to ${maxVcpus} vCPUs at ${maxMb.toLocaleString('en-US')} MB`,
  };
}
