/** CLI flags → validated settings → a resolved run (trace, read options, configuration, format). */
import { InputError } from '../errors.js';
import { zodIssues } from '../pricing/figure.js';
import { loadScenarioFile, resolveRun, type ResolvedRun, type Settings } from '../scenario/resolve.js';
import { ScenarioSchema } from '../scenario/schema.js';
import { flagNameOf, SIMULATION_FLAGS } from './options.js';

export function settingsFromFlags(trace: string | undefined, flags: Record<string, unknown>): ResolvedRun {
  const raw: Record<string, unknown> = {};
  for (const f of SIMULATION_FLAGS) {
    const attr = camel((f.flags.split(' ')[0] as string).slice(2));
    const v = flags[attr];
    if (v === undefined) continue;
    raw[f.key] = typeof v === 'string' && f.parse ? f.parse(v) : v;
  }
  if (trace !== undefined) raw['trace'] = trace;
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, '', 'flags').map((i) => {
      const key = (i.where.path ?? '').split('.')[0] as keyof Settings;
      return { ...i, message: `${flagNameOf(key)} ${JSON.stringify(raw[key])}: ${i.message}`, where: {} };
    });
    throw new InputError(issues);
  }
  const names: Partial<Record<keyof Settings, string>> = {};
  for (const f of SIMULATION_FLAGS) names[f.key] = f.flags.split(' ')[0] as string;
  const scenarioFile = flags['scenario'];
  const scenario = typeof scenarioFile === 'string' ? { file: scenarioFile, settings: loadScenarioFile(scenarioFile) } : null;
  const settings = parsed.data as Settings;
  return resolveRun(scenario, settings, names);
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
