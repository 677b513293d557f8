import { ref } from '../judgement/findings';
import type { Report } from './report';

// An audit in two phases, as `--consent SELECTOR` runs it: what the page set on its own, then what
// it added once the consent button was clicked. Each cookie belongs to the phase it first appeared in.

export interface AuditPhase {
  name: 'before-consent' | 'after-consent';
  /** What ended the phase before it, or null for the first. */
  action: string | null;
  startedAt: string;
  /** Cookies first seen in this phase, as name@domain/path. */
  cookies: string[];
}

export function withConsentPhases(r: Report, boundary: number, action: string): Report {
  const before = r.cookies.filter((c) => Date.parse(c.firstSeen) < boundary);
  const after = r.cookies.filter((c) => Date.parse(c.firstSeen) >= boundary);
  return {
    ...r,
    phases: [
      { name: 'before-consent', action: null, startedAt: r.startedAt, cookies: before.map(ref) },
      { name: 'after-consent', action, startedAt: new Date(boundary).toISOString(), cookies: after.map(ref) },
    ],
  };
}
