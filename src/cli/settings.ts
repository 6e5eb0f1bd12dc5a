/** CLI flags → validated settings → a resolved run (trace, read options, configuration, format). */
import {
  InputError,
  loadScenarioFile,
  type ResolvedRun,
  resolveRun,
  scenarioSchema,
  type Settings,
  zodIssues,
} from '../index.js';
import { flagNameOf, simulationFlags } from './options.js';

export function settingsFromFlags(trace: string | undefined, flags: Record<string, unknown>): ResolvedRun {
  const raw: Record<string, unknown> = {};
  /** each flag's text as given, for error messages (the parsed value of "lots" is NaN) */
  const given: Record<string, unknown> = {};
  const flagSpecs = simulationFlags();
  for (const f of flagSpecs) {
    const attr = camel((f.flags.split(' ')[0] as string).slice(2));
    const v = flags[attr];
    if (v === undefined) continue;
    given[f.key] = v;
    raw[f.key] = typeof v === 'string' && f.parse ? f.parse(v) : v;
  }
  if (trace !== undefined) raw['trace'] = trace;
  const parsed = scenarioSchema().safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, '', 'flags').map((i) => {
      const key = (i.where.path ?? '').split('.')[0] as string;
      const plain = plainMessage(i.message);
      return {
        ...i,
        message: `${flagNameOf(key)} ${JSON.stringify(given[key])}${plain === i.message ? ':' : ''} ${plain}`,
        where: {},
      };
    });
    throw new InputError(issues);
  }
  const names: Partial<Record<string, string>> = {};
  for (const f of flagSpecs) names[f.key] = f.flags.split(' ')[0] as string;
  const scenarioFile = flags['scenario'];
  const scenario =
    typeof scenarioFile === 'string'
      ? { file: scenarioFile, settings: loadScenarioFile(scenarioFile) }
      : null;
  const settings = parsed.data as Settings;
  return resolveRun(scenario, settings, names);
}

/** A schema library's message about a number, in the words a user of a CLI expects. */
function plainMessage(message: string): string {
  if (/expected number, received NaN/.test(message)) return 'is not a number';
  if (/expected number, received -?Infinity/.test(message)) return 'is not a finite number';
  const choice = /^Invalid option: expected one of (.*)$/.exec(message);
  if (choice) return `must be one of ${(choice[1] as string).split('|').join(', ')}`;
  if (/expected int\b/.test(message)) return 'is not a whole number';
  const bound = /^Too (small|big): expected number to be ([<>]=?)(-?[\d.]+)/.exec(message);
  if (bound) {
    const words: Record<string, string> = {
      '>=': 'at least',
      '>': 'more than',
      '<=': 'at most',
      '<': 'less than',
    };
    return `must be ${words[bound[2] as string] ?? bound[2]} ${bound[3]}`;
  }
  return message;
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
