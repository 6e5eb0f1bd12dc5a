/**
 * JSON that gives back the very numbers it was given, for results one process writes and another
 * reads (sweep and simulate shards): JSON has no NaN, ±Infinity or −0, so they are written as
 * {"$num": "NaN"} etc.; a Float64Array or Int32Array is written as {"$f64": base64} / {"$i32": base64}
 * of its bytes (little-endian, as on every platform Node runs on), which is exact and about a third
 * of the size of its numbers in decimal.
 */

export function toExactJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    function (this: unknown, _k, v: unknown) {
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
        return { $num: Object.is(v, -0) ? '-0' : String(v) };
      if (v instanceof Float64Array) return { $f64: bytesOf(v) };
      if (v instanceof Int32Array) return { $i32: bytesOf(v) };
      return v;
    },
    indent,
  );
}

export function fromExactJson(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const o = v as Record<string, unknown>;
        if (keys[0] === '$num') return Number(o['$num']);
        if (keys[0] === '$f64' && typeof o['$f64'] === 'string')
          return new Float64Array(arrayOf(o['$f64'], 8));
        if (keys[0] === '$i32' && typeof o['$i32'] === 'string') return new Int32Array(arrayOf(o['$i32'], 4));
      }
    }
    return v;
  });
}

function bytesOf(a: Float64Array | Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** The bytes of a base64 text, copied into an aligned buffer of whole elements. */
function arrayOf(base64: string, bytesPerElement: number): ArrayBuffer {
  const b = Buffer.from(base64, 'base64');
  const out = new ArrayBuffer(b.length - (b.length % bytesPerElement));
  new Uint8Array(out).set(b.subarray(0, out.byteLength));
  return out;
}
