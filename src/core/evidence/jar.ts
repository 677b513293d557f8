import { cookieKey, type AuditEvent, type CookieState, type SetBy } from './cookie';

/** One cookie as the audit saw it over the visit: its last state and every change. */
export interface ObservedCookie {
  key: string;
  /** The last state set (for a deleted cookie, the state it had before deletion). */
  cookie: CookieState;
  /** Whether it is still in the jar at the end of the events. */
  present: boolean;
  /** How it left the jar, if it did. */
  removedBy?: 'delete' | 'expire' | 'evict';
  /** What first set it during the visit. */
  setBy: SetBy;
  firstSeen: number;
  /** Lifetime the site asked for, in seconds, from the write that set the last state. */
  requestedLifetime?: number;
  events: AuditEvent[];
  /** Earlier changes folded into this state when the tab's audit grew past its cap (core/summary). */
  summarised?: number;
}

/**
 * Derives the cookies of an audit from its event log, in the order they first appeared. `from`
 * is what earlier events, since summarised, left: the log goes on from there.
 */
export function observedCookies(events: readonly AuditEvent[], from: readonly ObservedCookie[] = []): ObservedCookie[] {
  const byKey = new Map<string, ObservedCookie>(from.map((o) => [o.key, { ...o, events: [] }]));
  for (const ev of events) {
    const key = cookieKey(ev.cookie);
    let obs = byKey.get(key);
    if (!obs) {
      obs = { key, cookie: ev.cookie, present: false, setBy: ev.setBy, firstSeen: ev.at, events: [] };
      byKey.set(key, obs);
    }
    obs.events.push(ev);
    if (ev.kind === 'set' || ev.kind === 'overwrite') {
      obs.cookie = ev.cookie;
      obs.present = true;
      delete obs.removedBy;
      if (ev.requestedLifetime !== undefined) obs.requestedLifetime = ev.requestedLifetime;
      else delete obs.requestedLifetime;
      // A cookie first seen through an unattributed removal gets its origin from its first set.
      if (obs.setBy.kind === 'unknown' && ev.setBy.kind !== 'unknown') obs.setBy = ev.setBy;
    } else {
      obs.present = false;
      obs.removedBy = ev.kind;
    }
  }
  return [...byKey.values()];
}
