/** The JSON record embedded in a page cannot break out of its <script> element, and parses back to the same object. */
import { describe, expect, test } from 'vitest';
import { jsonScript, scriptSafeJson, esc } from '../../src/report/html/escape.js';

describe('embedding JSON in a page', () => {
  const nasty = {
    name: '</script><script>alert(1)</script>',
    comment: '<!-- x -->',
    amp: 'a & b',
    ls: 'a\u2028b\u2029c',
    n: 1.5,
  };

  test('no "<" survives, and JSON.parse gives the same object', () => {
    const text = scriptSafeJson(JSON.stringify(nasty));
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(nasty);
  });

  test('the element closes only once', () => {
    const el = jsonScript('faasim-data', JSON.stringify(nasty, null, 2) + '\n');
    expect(el.match(/<\/script/gi)).toHaveLength(1);
    expect(el.startsWith('<script type="application/json" id="faasim-data">')).toBe(true);
  });

  test('text in HTML is escaped', () => {
    expect(esc(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
  });
});

describe('source addresses in tables', () => {
  test("host and the path's last part", async () => {
    const { shortAddress } = await import('../../src/report/html/escape.js');
    expect(shortAddress('https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html')).toBe(
      'docs.aws.amazon.com/…/gettingstarted-limits.html',
    );
    expect(shortAddress('https://mikhail.io/serverless/coldstarts/aws/intervals/')).toBe(
      'mikhail.io/…/intervals',
    );
    expect(shortAddress('https://aws.amazon.com/')).toBe('aws.amazon.com');
    expect(shortAddress('https://a.example/x?y=1')).toBe('a.example/x');
  });
});
