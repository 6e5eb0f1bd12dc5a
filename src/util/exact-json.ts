/**
 * JSON that gives back the very numbers it was given, for results one process writes and another
 * reads (sweep and simulate shards): JSON has no NaN, ±Infinity or −0, so they are written as
 * {"$num": "NaN"} etc.; a Float64Array or Int32Array is written as {"$f64": base64} / {"$i32": base64}
 * of its bytes (little-endian, as on every platform Node runs on), which is exact and about a third
 * of the size of its numbers in decimal; from 1 KB on, the bytes are deflated first ({"$f64z": …}):
 * a simulate shard's per-instant counts (sorted times, small changes) shrink 2.5-fold.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Typed arrays of at least this many bytes are deflated. */
const DEFLATE_FROM_BYTES = 1024;

export function toExactJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    function (this: unknown, _k, v: unknown) {
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
        return { $num: Object.is(v, -0) ? '-0' : String(v) };
      if (v instanceof Float64Array) return encoded('$f64', v);
      if (v instanceof Int32Array) return encoded('$i32', v);
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
        const key = keys[0] as string;
        const text = o[key];
        if (typeof text === 'string' && Object.hasOwn(TYPED, key)) {
          const { make, bytes, deflated } = TYPED[key] as (typeof TYPED)[string];
          return make(arrayOf(text, bytes, deflated));
        }
      }
    }
    return v;
  });
}

const TYPED: Record<string, { make: (b: ArrayBuffer) => unknown; bytes: number; deflated: boolean }> = {
  $f64: { make: (b) => new Float64Array(b), bytes: 8, deflated: false },
  $f64z: { make: (b) => new Float64Array(b), bytes: 8, deflated: true },
  $i32: { make: (b) => new Int32Array(b), bytes: 4, deflated: false },
  $i32z: { make: (b) => new Int32Array(b), bytes: 4, deflated: true },
};

function encoded(tag: '$f64' | '$i32', a: Float64Array | Int32Array): Record<string, string> {
  const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return a.byteLength >= DEFLATE_FROM_BYTES
    ? { [`${tag}z`]: deflateRawSync(bytes).toString('base64') }
    : { [tag]: bytes.toString('base64') };
}

/** The bytes of a base64 text (inflated if deflated), copied into an aligned buffer of whole elements. */
function arrayOf(base64: string, bytesPerElement: number, deflated: boolean): ArrayBuffer {
  const raw = Buffer.from(base64, 'base64');
  const b = deflated ? inflateRawSync(raw) : raw;
  const out = new ArrayBuffer(b.length - (b.length % bytesPerElement));
  new Uint8Array(out).set(b.subarray(0, out.byteLength));
  return out;
}
