/**
 * Per-function scaling by trigger (PlatformDefaults.scaleGroupOf, Azure Flex Consumption): a
 * function's trigger (its scenario `trigger`, else the trace's trigger column) names its scale group;
 * the functions of one app in one group share instances (FunctionSpec.group = app + group), and every
 * other function scales alone. Always-ready counts by group or `function:<NAME>`
 * (PlatformDefaults.alwaysReadyByGroup) replace the run's provisioned level there.
 *
 * The trigger is read when a function's spec is built, once per function, from what the trace's
 * reader has seen by then (a function's trigger is that of the row where it first appears, which
 * the reader records with its name): no work per request.
 */
import { overridesOf, type SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import type { FunctionSpec } from '../model/spec.js';
import type { PlatformDefaults } from '../providers/types.js';
import type { TraceInfo } from '../traces/trace.js';

export class ScaleGroups {
  readonly #config: SimulationConfig;
  readonly #groupOf: (trigger: string) => string | null;
  readonly #alwaysReady: ReadonlyMap<string, number> | undefined;
  /** function name → trigger, from the trace's trigger column (TraceInfo.functionTriggers), as names arrive */
  readonly #traceTriggers = new Map<string, string>();
  #traceHasTriggers = false;
  /** the --always-ready keys some function took */
  readonly #used = new Set<string>();

  constructor(config: SimulationConfig, groupOf: (trigger: string) => string | null, d: PlatformDefaults) {
    this.#config = config;
    this.#groupOf = groupOf;
    this.#alwaysReady = d.alwaysReadyByGroup;
  }

  /** The triggers of the trace's functions from index `from` on, where the trace has a trigger column. */
  learn(info: TraceInfo, from: number): void {
    const triggers = info.functionTriggers;
    if (triggers === undefined) return;
    this.#traceHasTriggers = true;
    const names = info.functionNames;
    for (let i = from; i < names.length && i < triggers.length; i++) {
      const t = triggers[i];
      if (t !== undefined && t !== '') this.#traceTriggers.set(names[i] as string, t);
    }
  }

  /** A function's trigger: its scenario `trigger`, else the trace's, else undefined. */
  triggerOf(name: string): string | undefined {
    return overridesOf(this.#config.functions, name).trigger ?? this.#traceTriggers.get(name);
  }

  /** Whether any trigger was given (a trigger column, or a scenario function's `trigger`). */
  get given(): boolean {
    return (
      this.#traceHasTriggers || Object.values(this.#config.functions).some((f) => f.trigger !== undefined)
    );
  }

  /** The group name of a function (`http`, …), or its own `function:<NAME>`. */
  keyOf(name: string): string {
    const trigger = this.triggerOf(name);
    const group = trigger === undefined ? null : this.#groupOf(trigger);
    return group ?? `function:${name}`;
  }

  /** The scale group a function of `app` joins (FunctionSpec.group), or undefined when it scales alone. */
  groupOf(name: string, app: string | undefined): string | undefined {
    if (app === undefined) return undefined;
    const key = this.keyOf(name);
    return key.startsWith('function:') ? undefined : `${app}\u0000${key}`;
  }

  /**
   * Puts `spec` in its app's scale group (without an app, a function is an app of its own: its group
   * holds it alone) and gives it its group's always-ready count, unless it has a provisioned
   * setting of its own.
   */
  apply(spec: FunctionSpec, app: string | undefined, label: string): void {
    // a function of its own app with no always-ready counts given: nothing to do (most functions of a huge trace)
    if (app === undefined && this.#alwaysReady === undefined) return;
    const name = spec.name;
    const key = this.keyOf(name);
    const group = this.groupOf(name, app);
    if (group !== undefined) spec.group = group;
    const ready = this.#alwaysReady?.get(key);
    if (ready === undefined) return;
    this.#used.add(key);
    const own = overridesOf(this.#config.functions, name);
    if (own.provisioned !== undefined || own.provisionedControl !== undefined) return;
    if (spec.reservedConcurrency !== null && ready > spec.reservedConcurrency) {
      throw inputError(
        'PROVISIONED_OVER_CAP',
        `--always-ready ${key}=${ready}: more always-ready instances than function ${name}'s ${spec.reservedConcurrency} maximum instances on ${label}`,
      );
    }
    spec.provisioned = ready;
    spec.provisionedControl = null;
  }

  /**
   * One line: how the functions were grouped, and how many had no trigger. `specs` and `poolOf` read
   * the run's functions (poolOf: the function keeping a function's instances).
   */
  note(fnCount: number, spec: (fn: number) => FunctionSpec, poolOf: (fn: number) => number): string {
    const pools = new Set<number>();
    let noTrigger = 0;
    let grouped = 0;
    for (let i = 0; i < fnCount; i++) {
      pools.add(poolOf(i));
      const s = spec(i);
      if (this.triggerOf(s.name) === undefined) noTrigger++;
      if (s.group !== undefined) grouped++;
    }
    const n = (k: number, what: string): string =>
      `${k.toLocaleString('en-US')} ${what}${k === 1 ? '' : 's'}`;
    return `per-function scaling: ${n(fnCount, 'function')} in ${n(pools.size, 'set')} of instances (the HTTP, Blob and Durable functions of an app scale together, each other function alone; ${grouped.toLocaleString('en-US')} in a shared group); ${n(noTrigger, 'function')} had no trigger (trigger column or scenario trigger) and scale${noTrigger === 1 ? 's' : ''} alone`;
  }

  /** A line for each --always-ready key no function took, else none. */
  unusedNotes(): string[] {
    if (this.#alwaysReady === undefined) return [];
    return [...this.#alwaysReady.keys()]
      .filter((k) => !this.#used.has(k))
      .map((k) => `--always-ready ${k}: no function scales in that group or by that name; not used`);
  }
}
