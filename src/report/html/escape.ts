/** Text into HTML, and JSON into a <script> element that no string in it can close. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML[c] as string);
}

/**
 * JSON text made safe inside <script type="application/json">: `<`, `>` and `&` can only occur
 * inside JSON strings, where \u003c etc. decode to the same characters, so JSON.parse of the
 * element's text gives back the very object ("</script>" or "<!--" in a function name cannot end or
 * confuse the element). U+2028/2029 are escaped too, for readers that treat them as line ends.
 */
export function scriptSafeJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A <script type="application/json"> element holding `json` (already serialised) under `id`. */
export function jsonScript(id: string, json: string): string {
  return `<script type="application/json" id="${esc(id)}">${scriptSafeJson(json.trimEnd())}</script>`;
}

/**
 * An address short enough for a table cell: host and the path's end ("docs.aws.amazon.com/…/limits.html").
 * The link keeps the whole address, and print CSS prints it.
 */
export function shortAddress(href: string): string {
  const m = /^https?:\/\/([^/?#]+)([^?#]*)/.exec(href);
  if (!m) return href;
  const parts = (m[2] as string).split('/').filter((x) => x !== '');
  const last = parts[parts.length - 1];
  return parts.length === 0 ? (m[1] as string) : parts.length === 1 ? `${m[1]}/${last}` : `${m[1]}/…/${last}`;
}

/** An http(s) address as a link, anything else as text (a price sheet's source is always http(s)). */
export function link(href: string, text = href): string {
  return /^https?:\/\//.test(href) ? `<a href="${esc(href)}" rel="noreferrer">${esc(text)}</a>` : esc(text);
}
