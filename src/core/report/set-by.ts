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
  /** Passive mode: a response's header attribution inferred, not seen; `of` responses could have set it. */
  inferred?: { of: number };
  /** Unknown origin: set while no worker of the extension ran; not in the jar at this moment (ISO), found at `at`. */
  missedSince?: string;
}

export function reportSetBy(s: SetBy): ReportSetBy {
  const out: ReportSetBy = { kind: s.kind, url: s.kind === 'unknown' ? null : (s.url ?? null), at: new Date(s.at).toISOString() };
  if (s.kind === 'header') out.type = s.type;
  if (s.kind === 'header' && s.inferred) out.inferred = { of: s.inferred.of };
  if (s.kind !== 'unknown' && s.frameUrl !== undefined) out.frameUrl = s.frameUrl;
  if (s.kind === 'unknown' && s.missedSince !== undefined) out.missedSince = new Date(s.missedSince).toISOString();
  return out;
}
