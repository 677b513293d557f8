import { parseDate } from 'tough-cookie';

// Expires read exactly as browsers read it: RFC 6265 §5.1.1's date algorithm, as tough-cookie
// implements it (time-zone words and offsets ignored, two-digit years, asctime order, trailing
// words). A date browsers ignore (`2027-06-09T10:18:14Z`, which Date.parse would accept) gives none.
// Kept apart from set-cookie.ts so that the content scripts, which only pass the text on, stay light.

export function rfc6265Date(text: string): number | undefined {
  const t = parseDate(text)?.getTime();
  return t === undefined || Number.isNaN(t) ? undefined : t;
}
