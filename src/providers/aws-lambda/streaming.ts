/**
 * Lambda response streaming (--response-streaming, pricing/aws-lambda-streaming.json): a streamed
 * response is billed per GB for its bytes beyond the free first 6 MB; a buffered one (the default)
 * costs nothing extra but may not exceed 6 MB, and a streamed one 200 MB. Sizes come from the
 * trace's response_bytes column, else --response-size. Only sync user requests return a response
 * to a client: async events and keep-warm pings stream nothing.
 */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { INV } from '../../model/observer.js';
import {
  FigureSchema,
  loadJsonFile,
  unconfirmedFigures,
  type UnconfirmedFigure,
} from '../../pricing/figure.js';
import { SIDE_SHEET_HEAD, type AddLine, type UsePrice } from '../shared/side-sheet.js';

export const StreamingSheetSchema = z
  .object({
    ...SIDE_SHEET_HEAD,
    perGb: FigureSchema,
    freeBytesPerResponse: FigureSchema,
    freeTierGb: FigureSchema,
    bufferedMaxBytes: FigureSchema,
    streamedMaxBytes: FigureSchema,
  })
  .strict();

export type StreamingSheet = z.infer<typeof StreamingSheetSchema>;

export const STREAMING_FILE = 'aws-lambda-streaming.json';

export function loadStreamingSheet(file: string): StreamingSheet {
  return loadJsonFile(file, StreamingSheetSchema, 'AWS Lambda response-streaming price sheet');
}

const BYTES_PER_GB = 1024 ** 3;

/** Refuses a --response-size the chosen mode cannot return: over 6 MB buffered, over 200 MB streamed. */
export function checkResponseSize(
  sheet: StreamingSheet,
  bytes: number | undefined,
  streaming: boolean,
): void {
  if (bytes === undefined) return;
  const max = streaming ? sheet.streamedMaxBytes : sheet.bufferedMaxBytes;
  if (bytes > max.value) {
    throw inputError(
      'RESPONSE_TOO_LARGE',
      streaming
        ? `--response-size ${bytes}: a streamed Lambda response is at most ${max.value.toLocaleString('en-US')} bytes (200 MB, ${max.source})`
        : `--response-size ${bytes}: a buffered Lambda response is at most ${max.value.toLocaleString('en-US')} bytes (6 MB, ${max.source}); add --response-streaming to stream it`,
    );
  }
}

/**
 * Counts what sync user responses returned in the span: responses with a size, their bytes, the bytes
 * beyond each one's free part, and those over the mode's limit (a buffered one over 6 MB fails).
 */
export class StreamingCounter {
  responses = 0;
  bytes = 0;
  billableBytes = 0;
  overLimit = 0;
  readonly #freeBytes: number;
  readonly #maxBytes: number;
  constructor(sheet: StreamingSheet, streaming: boolean) {
    this.#freeBytes = sheet.freeBytesPerResponse.value;
    this.#maxBytes = (streaming ? sheet.streamedMaxBytes : sheet.bufferedMaxBytes).value;
  }
  invocation(flags: number, bytes: number): void {
    // NaN (no size) fails the test too
    if ((flags & (INV.ping | INV.async)) !== 0 || !(bytes >= 0)) return;
    this.responses++;
    this.bytes += bytes;
    if (bytes > this.#freeBytes) this.billableBytes += bytes - this.#freeBytes;
    if (bytes > this.#maxBytes) this.overLimit++;
  }
}

/** The streaming line of a month whose quantities are the span's × `factor`; with the free tier its GB come off first. */
export function streamingLine(
  sheet: StreamingSheet,
  counter: StreamingCounter,
  factor: number,
  freeTier: boolean,
  price: UsePrice,
  add: AddLine,
): void {
  const gb = (counter.billableBytes / BYTES_PER_GB) * factor;
  const perGb = price('response streaming', sheet.perGb);
  const freeGb = freeTier ? price('free tier streaming GB', sheet.freeTierGb) : 0;
  const freeMb = sheet.freeBytesPerResponse.value / 1024 ** 2;
  const mean = counter.responses > 0 ? counter.bytes / counter.responses : 0;
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  add(
    'streaming',
    'Response streaming',
    gb,
    'GB',
    Math.max(0, gb - freeGb) * perGb,
    counter.responses === 0
      ? 'no response sizes'
      : `${fmt(counter.responses * factor)} streamed responses a month, mean ${fmt(mean)} bytes; the first ${freeMb} MB of each free${freeTier ? `, and ${freeGb} GB a month (free tier)` : ''}${counter.overLimit > 0 ? `; ${fmt(counter.overLimit * factor)} over the 200 MB a stream may return` : ''}`,
  );
}

export function streamingUnconfirmed(sheet: StreamingSheet, freeTier: boolean): UnconfirmedFigure[] {
  return unconfirmedFigures(sheet, 'streaming').filter((u) => freeTier || u.path !== 'streaming.freeTierGb');
}
