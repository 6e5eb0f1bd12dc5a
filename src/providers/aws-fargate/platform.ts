/**
 * AWS Fargate (an ECS service of tasks behind a load balancer, or queue workers): the platform
 * model's defaults, each from the price sheet. A task is an instance serving up to the target's
 * requests at once; the service keeps its minimum task count (one unless --scale-to-zero) as the
 * model's provisioned instances; target tracking adds a task when the running ones are at their
 * target and removes one some time after its last request (a fixed keep-alive); a new task's start
 * (image pull to serving) is its INIT.
 */
import { inputError } from '../../errors.js';
import { makeSampler } from '../../model/distribution.js';
import { settingOf } from '../option-spec.js';
import { cite } from '../shared/cite.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import { ASYNC_RETRY_FIGURES, asyncRetryOf } from '../shared/platform-figures.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import type { InitModel, PlatformDefaults, ProviderSettings } from '../types.js';
import { SCALE_TO_ZERO, SPOT, VCPU } from './options.js';
import { taskMemoriesMb, vcpuOfTask, type FargateSheet } from './sheet.js';

export function fargateDefaults(sheet: FargateSheet, settings: ProviderSettings): PlatformDefaults {
  if (settings.frontDoor !== undefined && settings.frontDoor !== 'alb') {
    throw inputError(
      'BAD_FRONT_DOOR',
      `--front-door ${settings.frontDoor}: an AWS Fargate service is reached through an Application Load Balancer (--front-door alb), or takes its work from a queue (no --front-door)`,
    );
  }
  const p = sheet.platform;
  const vcpu = settingOf<number>(settings, VCPU);
  const scaleToZero = settingOf<boolean>(settings, SCALE_TO_ZERO) === true;
  let sizes = taskMemoriesMb(sheet);
  if (vcpu !== undefined) {
    const size = sheet.sizes.find((s) => s.vcpu.value === vcpu);
    if (!size)
      throw inputError(
        'BAD_VCPU',
        `--vcpu ${vcpu}: a Fargate task has ${sheet.sizes.map((s) => s.vcpu.value).join(', ')} vCPU`,
      );
    sizes = [...size.memoryMb];
  }
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } =>
    sizeFor(sizes, mb, (m) => `${fmtMb(m)} with ${vcpuOfTask(sheet, m, vcpu)} vCPU`);
  const minTasks = scaleToZero ? 0 : p.minTasksDefault.value;
  const arch = settings.arch === 'arm64' ? 'Linux/ARM' : 'Linux/x86';
  return {
    perInstanceConcurrency: p.defaultTargetConcurrency.value,
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxTasksDefault.value,
    scaling: null,
    syncQueue: { minMs: p.lbIdleTimeoutMs.value, initMultiple: 0 },
    keepAlive: { kind: 'fixed', ms: p.scaleInAfterMs.value },
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    ...(minTasks > 0 ? { minProvisioned: minTasks } : {}),
    provisionedName: 'minimum tasks',
    memoryBasis: `vCPU (${vcpu === undefined ? 'the fewest Fargate pairs with the memory' : `${vcpu} per task`}) and memory of each task (${arch}${settingOf<boolean>(settings, SPOT) === true ? ', Fargate Spot' : ''}) from its image pull until it stops, per second with a ${sheet.billing.minimumMs.value / 1000} s minimum; no request charge`,
    initBilling: 'task start (image pull onwards) billed as task time',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `a task takes up to ${p.defaultTargetConcurrency.value} requests at once before target tracking starts another (faasim's default target)`,
          p.defaultTargetConcurrency,
        ),
      ),
      scaleToZero
        ? 'no minimum task (--scale-to-zero): a request finding no task waits for one to start'
        : dependent(
            'default:min-provisioned',
            cite(
              `the service keeps ${p.minTasksDefault.value} task running at least (--scale-to-zero to drop it)`,
              p.minTasksDefault,
            ),
          ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxTasksDefault.value} tasks per service`, p.maxTasksDefault),
      ),
      dependent(
        'default:keep-alive',
        cite(
          `a task above the minimum stops ${p.scaleInAfterMs.value / 60000} min after its last request (target tracking's low alarm and scale-in cool-down)`,
          p.scaleInAfterMs,
        ),
      ),
      cite(`a new task takes ${p.taskStartMs.value / 1000} s from image pull to serving`, p.taskStartMs),
      cite(
        `over the maximum, requests wait at the load balancer up to ${p.lbIdleTimeoutMs.value / 1000} s, then fail`,
        p.lbIdleTimeoutMs,
      ),
      'each function in the trace is modelled as its own ECS service: tasks are not shared between functions',
      dependent(
        'async',
        cite(
          `queue workers: a message not taken comes back after ${p.asyncFirstRetryMs.value / 1000} s, for up to ${p.asyncMaxEventAgeMs.value / 86_400_000} days`,
          p.asyncMaxEventAgeMs,
        ),
      ),
    ],
    figureDependencies: {
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:keep-alive', ['platform.scaleInAfterMs']),
      ...figuresDependingOn('default:max-instances', ['platform.maxTasksDefault']),
      ...figuresDependingOn('default:per-instance-concurrency', ['platform.defaultTargetConcurrency']),
      ...figuresDependingOn('default:min-provisioned', ['platform.minTasksDefault']),
    },
    archSelectable: true,
  };
}

export function fargateInitModel(sheet: FargateSheet): InitModel {
  const f = sheet.platform.taskStartMs;
  return {
    sampler: makeSampler({ kind: 'constant', ms: f.value }),
    description: `${f.value / 1000} s per new task, image pull to serving (${f.source}, ${f.effective})`,
  };
}
