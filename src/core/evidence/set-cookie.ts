import { parseDate } from 'tough-cookie';
import type { CookieWrite } from './cookie';

// Parses one Set-Cookie header line, or one string assigned to the page's cookie property
// (the same grammar). Lenient like browsers: unknown attributes are ignored. `Expires` is read with
// RFC 6265 §5.1.1's date algorithm, as browsers read it (tough-cookie's parseDate): time-zone words
// and offsets ignored, two-digit years, asctime order, trailing words; a date browsers ignore
// (`2027-06-09T10:18:14Z`, which Date.parse would accept) gives no lifetime.
export function parseSetCookie(line: string, now: number = Date.now()): CookieWrite | null {
  const parts = line.split(';');
  const pair = parts.shift() ?? '';
  const eq = pair.indexOf('=');
  // A pair without '=' is a cookie with an empty name in RFC 6265bis; browsers treat it as the value.
  const name = (eq >= 0 ? pair.slice(0, eq) : '').trim();
  if (eq < 0 && pair.trim() === '') return null;
  const write: CookieWrite = { name, deletes: false };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const part of parts) {
    const i = part.indexOf('=');
    const key = (i >= 0 ? part.slice(0, i) : part).trim().toLowerCase();
    const val = i >= 0 ? part.slice(i + 1).trim() : '';
    if (key === 'domain' && val) write.domain = val.replace(/^\./, '').toLowerCase();
    else if (key === 'path' && val.startsWith('/')) write.path = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'expires') {
      const t = parseDate(val)?.getTime();
      if (t !== undefined && !Number.isNaN(t)) expires = t;
    }
  }
  // Max-Age wins over Expires (RFC 6265 5.3 step 3).
  if (maxAge !== undefined) {
    if (maxAge <= 0) write.deletes = true;
    else write.requestedLifetime = maxAge;
  } else if (expires !== undefined) {
    const secs = Math.round((expires - now) / 1000);
    if (secs <= 0) write.deletes = true;
    else write.requestedLifetime = secs;
  }
  return write;
}

/** Splits a header value that may hold several cookies joined by newlines (Firefox's form). */
export function parseSetCookieHeader(value: string, now?: number): CookieWrite[] {
  return value
    .split('\n')
    .map((l) => parseSetCookie(l, now))
    .filter((w): w is CookieWrite => w !== null);
}
