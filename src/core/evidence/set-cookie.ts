import type { CookieWrite } from './cookie';

// Parses one Set-Cookie header line, or one string assigned to the page's cookie property
// (the same grammar). Lenient like browsers: unknown attributes are ignored. `Expires` is read by
// the `readDate` given (the background passes RFC 6265's algorithm, cookie-dates.ts); without one,
// as in the content scripts, which must stay light, its text is kept for the background to read.

/** Milliseconds since the epoch of an Expires value, or undefined when browsers would ignore it. */
export type ReadDate = (text: string) => number | undefined;

export function parseSetCookie(line: string, now: number = Date.now(), readDate?: ReadDate): CookieWrite | null {
  const parts = line.split(';');
  const pair = parts.shift() ?? '';
  const eq = pair.indexOf('=');
  // A pair without '=' is a cookie with an empty name in RFC 6265bis; browsers treat it as the value.
  const name = (eq >= 0 ? pair.slice(0, eq) : '').trim();
  if (eq < 0 && pair.trim() === '') return null;
  const value = eq >= 0 ? pair.slice(eq + 1).trim() : pair.trim();
  const write: CookieWrite = { name, deletes: false, size: new TextEncoder().encode(name + value).length };
  let maxAge: number | undefined;
  let expires: string | undefined;
  for (const part of parts) {
    const i = part.indexOf('=');
    const key = (i >= 0 ? part.slice(0, i) : part).trim().toLowerCase();
    const val = i >= 0 ? part.slice(i + 1).trim() : '';
    if (key === 'domain' && val) write.domain = val.replace(/^\./, '').toLowerCase();
    else if (key === 'path' && val.startsWith('/')) write.path = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'expires') expires = val;
    else if (key === 'secure') write.secure = true;
    else if (key === 'partitioned') write.partitioned = true;
    else if (key === 'samesite' && /^(none|lax|strict)$/i.test(val)) write.sameSite = val.toLowerCase() as CookieWrite['sameSite'];
  }
  // Max-Age wins over Expires (RFC 6265 5.3 step 3).
  if (maxAge !== undefined) {
    if (maxAge <= 0) write.deletes = true;
    else write.requestedLifetime = maxAge;
  } else if (expires !== undefined) {
    if (readDate) applyExpires(write, readDate(expires), now);
    else write.expires = expires.slice(0, 200);
  }
  return write;
}

/** The lifetime an Expires date asks for, from `now`: a date in the past deletes the cookie. */
export function applyExpires(write: CookieWrite, expiresAt: number | undefined, now: number): void {
  if (expiresAt === undefined) return;
  const secs = Math.round((expiresAt - now) / 1000);
  if (secs <= 0) write.deletes = true;
  else write.requestedLifetime = secs;
}

/** Splits a header value that may hold several cookies joined by newlines (Firefox's form). */
export function parseSetCookieHeader(value: string, now?: number, readDate?: ReadDate): CookieWrite[] {
  return value
    .split('\n')
    .map((l) => parseSetCookie(l, now, readDate))
    .filter((w): w is CookieWrite => w !== null);
}
