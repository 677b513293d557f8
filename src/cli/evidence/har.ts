// The visit's network log as a HAR 1.2 file, from what each driver saw of its pages' requests.
// Cookie values are evidence of their own: the `Cookie` and `Set-Cookie` headers and the cookie
// lists are redacted as reports redact them, unless the auditor asked for values. Bodies are not
// kept (a HAR is for who asked what and what came back), and a log past MAX_HAR_BYTES is cut, the
// cut marked in the log's comment.

import type { Exchange } from '../browser/network-log';

export const MAX_HAR_BYTES = 50 * 1024 * 1024;
export const REDACTED = '(redacted)';

interface HarHeader {
  name: string;
  value: string;
}

/** `a=1; b=2` → `a=(redacted); b=(redacted)`: the names stay, as the reports keep them. */
function redactCookieHeader(value: string): string {
  return value
    .split(/;\s*/)
    .map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=${REDACTED}` : pair))
    .join('; ');
}

/** `name=value; Path=/; …` (several joined by newlines in Firefox) → the value redacted, the attributes kept. */
function redactSetCookie(value: string): string {
  return value
    .split('\n')
    .map((line) => line.replace(/^([^=;]*)=([^;]*)/, (_, name: string) => `${name}=${REDACTED}`))
    .join('\n');
}

function headers(list: Array<[string, string]>, showValues: boolean): HarHeader[] {
  return list.map(([name, value]) => {
    const n = name.toLowerCase();
    if (showValues) return { name, value };
    if (n === 'cookie') return { name, value: redactCookieHeader(value) };
    if (n === 'set-cookie') return { name, value: redactSetCookie(value) };
    return { name, value };
  });
}

function cookiesOf(list: Array<[string, string]>, header: 'cookie' | 'set-cookie', showValues: boolean): Array<{ name: string; value: string }> {
  const values = list.filter(([n]) => n.toLowerCase() === header).map(([, v]) => v);
  const pairs = header === 'cookie' ? values.flatMap((v) => v.split(/;\s*/)) : values.flatMap((v) => v.split('\n')).map((l) => l.split(';')[0] ?? '');
  return pairs
    .filter((p) => p.includes('='))
    .map((p) => ({ name: p.slice(0, p.indexOf('=')).trim(), value: showValues ? p.slice(p.indexOf('=') + 1) : REDACTED }));
}

function queryOf(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

export interface HarOptions {
  creator: { name: string; version: string };
  browser: { name: string; version: string };
  pages: Array<{ id: string; title: string; startedAt: number }>;
  showValues: boolean;
  maxBytes?: number;
}

/** The HAR text, and whether it was cut to fit. */
export function harOf(exchanges: readonly Exchange[], o: HarOptions): { text: string; cut: number } {
  const entries = [...exchanges]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((x) => {
      const contentType = x.response?.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
      return {
        pageref: x.pageref,
        startedDateTime: new Date(x.startedAt).toISOString(),
        time: x.response ? Math.max(0, x.response.at - x.startedAt) : -1,
        request: {
          method: x.method,
          url: x.url,
          httpVersion: 'HTTP/1.1',
          cookies: cookiesOf(x.requestHeaders, 'cookie', o.showValues),
          headers: headers(x.requestHeaders, o.showValues),
          queryString: queryOf(x.url),
          headersSize: -1,
          bodySize: -1,
        },
        response: {
          status: x.response?.status ?? 0,
          statusText: x.response?.statusText ?? (x.failure ? `failed: ${x.failure}` : ''),
          httpVersion: 'HTTP/1.1',
          cookies: cookiesOf(x.response?.headers ?? [], 'set-cookie', o.showValues),
          headers: headers(x.response?.headers ?? [], o.showValues),
          content: { size: -1, mimeType: contentType, comment: 'bodies are not kept' },
          redirectURL: x.response?.headers.find(([n]) => n.toLowerCase() === 'location')?.[1] ?? '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: x.response ? Math.max(0, x.response.at - x.startedAt) : -1, receive: 0 },
        _resourceType: x.resourceType,
      };
    });
  const log = {
    log: {
      version: '1.2',
      creator: o.creator,
      browser: o.browser,
      comment: o.showValues ? 'cookie values shown (--show-values)' : 'cookie values redacted',
      pages: o.pages.map((p) => ({ id: p.id, title: p.title, startedDateTime: new Date(p.startedAt).toISOString(), pageTimings: {} })),
      entries,
    },
  };
  const max = o.maxBytes ?? MAX_HAR_BYTES;
  const total = entries.length;
  let text = JSON.stringify(log, null, 1);
  let cut = 0;
  // Past the cap, the latest entries go first: what the page did at load is the usual question.
  while (Buffer.byteLength(text) > max && log.log.entries.length > 0) {
    const drop = Math.max(1, Math.ceil(log.log.entries.length * (1 - max / Buffer.byteLength(text))) + 1);
    log.log.entries.splice(log.log.entries.length - drop, drop);
    cut += drop;
    log.log.comment = `${o.showValues ? 'cookie values shown' : 'cookie values redacted'}; cut: the last ${cut} of ${total} entries left out to stay under ${max} bytes`;
    text = JSON.stringify(log, null, 1);
  }
  return { text, cut };
}
