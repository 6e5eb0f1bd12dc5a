/**
 * A light check of the shape of JSON read back from a file (a shard): that the fields the code goes
 * on to read are there with the right kind of value, so a damaged or edited file is refused by name
 * instead of failing later with a TypeError. Not a schema validator: it checks what is listed only.
 */

/** 'number' etc.; a nested object's fields; [shape] a list of it. A field name ending in ? may be absent. */
export type Shape =
  | 'number'
  | 'string'
  | 'boolean'
  | 'list'
  | 'object'
  | { [field: string]: Shape }
  | [Shape];

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/**
 * The first problem of `value` against `shape`, as "has no cost" or "'s cost.lines is a number, not
 * a list" (to follow the name of what was checked), or null when it fits.
 */
export function shapeProblem(value: unknown, shape: Shape, path = ''): string | null {
  if (typeof shape === 'string') {
    const ok =
      shape === 'list'
        ? Array.isArray(value)
        : shape === 'object'
          ? value !== null && typeof value === 'object' && !Array.isArray(value)
          : typeof value === shape;
    if (ok) return null;
    if (value === undefined || value === null) return ` has no ${path}`;
    return `'s ${path} is ${kind(value)}, not a ${shape}`;
  }
  if (Array.isArray(shape)) {
    const bad = shapeProblem(value, 'list', path);
    if (bad !== null) return bad;
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      const p = shapeProblem(items[i], shape[0], `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  const bad = shapeProblem(value, 'object', path);
  if (bad !== null) return bad;
  const o = value as Record<string, unknown>;
  for (const [key, sub] of Object.entries(shape)) {
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    if (optional && o[name] === undefined) continue;
    const p = shapeProblem(o[name], sub, path === '' ? name : `${path}.${name}`);
    if (p !== null) return p;
  }
  return null;
}
