import type { SetBy } from '../evidence/cookie';

// Who set a cookie or made a write, as every report form shows it: the request or the script, and when.

export interface ReportSetBy {
  kind: 'header' | 'script' | 'unknown';
  /** Request URL (header) or script URL (script); null when unknown. */
  url: string | null;
  /** Request type for a header: main_frame, sub_frame, script, image, xmlhttprequest... */
  type?: string;
  frameUrl?: string;
  at: string;
}

export function reportSetBy(s: SetBy): ReportSetBy {
  const out: ReportSetBy = { kind: s.kind, url: s.kind === 'unknown' ? null : (s.url ?? null), at: new Date(s.at).toISOString() };
  if (s.kind === 'header') out.type = s.type;
  if (s.kind !== 'unknown' && s.frameUrl !== undefined) out.frameUrl = s.frameUrl;
  return out;
}
