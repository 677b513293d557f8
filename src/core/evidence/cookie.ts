// The evidence model: what the browser told us, kept as raw facts.
// Everything else (which tab, which cookie jar, which verdict) is derived from these.

export type SameSite = 'no_restriction' | 'lax' | 'strict' | 'unspecified';

/** A cookie as the browser's cookie jar holds it (the shape of `cookies.Cookie`, trimmed). */
export interface CookieState {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  session: boolean;
  /** Seconds since the epoch, as the browser applied it (capped at 400 days by Chromium). */
  expirationDate?: number;
  storeId: string;
  /** Top-level site of a partitioned (CHIPS / Total Cookie Protection) cookie. */
  partitionSite?: string;
}

/** Why the jar changed, as `cookies.onChanged` reports it. */
export type ChangeCause = 'explicit' | 'overwrite' | 'expired' | 'evicted' | 'expired_overwrite';

/** A response the background saw around a cookie change (passive mode): a header record without its headers. */
export type ResponseSeen = Omit<HeaderRecord, 'id' | 'writes'>;

/** One `cookies.onChanged` event, stamped when the background received it. */
export interface CookieChange {
  id: string;
  at: number;
  removed: boolean;
  cause: ChangeCause;
  cookie: CookieState;
  /** Recorded while the browser's headers were not all seen (passive mode). */
  passive?: true;
  /** Passive mode: the responses that could have set it (from its Inference, core/evidence/attribute). */
  responses?: ResponseSeen[];
  responsesMatched?: number;
  /** Not seen as it happened: a restarted worker found the cookie in the jar, absent at this moment (core/evidence/missed). */
  missedSince?: number;
}

/**
 * Passive mode: the responses, closest first (at most INFER_CANDIDATES), that arrived around a
 * cookie change (INFER_BEFORE_MS before it to INFER_AFTER_MS after: without 'extraHeaders' Chromium
 * may report the response after the change it caused) from a host allowed to set its cookie.
 * Stored apart from the change, once the moment after it has passed; `matched` counts them all.
 */
export interface Inference {
  /** The change's id. */
  id: string;
  at: number;
  responses: ResponseSeen[];
  matched: number;
}

/** A cookie named in a `Set-Cookie` header or a write to the page's cookie property. */
export interface CookieWrite {
  name: string;
  /** The Domain attribute, if any (without leading dot). */
  domain?: string;
  path?: string;
  /** True when the write removes the cookie (Max-Age <= 0 or Expires in the past). */
  deletes: boolean;
  /** Lifetime the site asked for, in seconds; absent for a session cookie. */
  requestedLifetime?: number;
  /** The attributes that decide whether a browser stores the write (never the value itself). */
  secure?: boolean;
  sameSite?: 'none' | 'lax' | 'strict';
  partitioned?: boolean;
  /** Bytes of name and value together: browsers refuse more than 4,096. */
  size?: number;
  /** A script write's Expires text, on its way from the page to the background, which reads it. */
  expires?: string;
}

/** Set-Cookie headers seen on one response, attributed by the browser to a tab and frame. */
export interface HeaderRecord {
  id: string;
  at: number;
  tabId: number;
  frameId: number;
  url: string;
  /** Resource type: main_frame, sub_frame, script, image, xmlhttprequest... */
  type: string;
  frameUrl?: string;
  writes: CookieWrite[];
}

/** Writes to the page's cookie property or Cookie Store, reported by the page hook, attributed by the sender. */
export interface ScriptRecord {
  id: string;
  at: number;
  tabId: number;
  frameId: number;
  /** The frame's URL as the browser reported the sender, never as the page claims. */
  frameUrl: string;
  writes: Array<CookieWrite & { scriptUrl?: string; at: number }>;
}

/** A write no stored change followed and whose cookie is not in the jar: the browser refused it. */
export interface RefusalRecord {
  /** `recordId#index` of the write refused, so that it is recorded once. */
  id: string;
  /** When the write was made. */
  at: number;
  /** When the background received it: what places it in a tab's audit (a page's own clock may lag). */
  recordedAt: number;
  tabId: number;
  setBy: SetBy;
  write: CookieWrite;
}

export type SetBy =
  | {
      kind: 'header';
      url: string;
      type: string;
      frameUrl?: string;
      at: number;
      /** Passive mode: the Set-Cookie header was not seen; this response is the likeliest, one of `of` that could have set it. */
      inferred?: { of: number };
    }
  | { kind: 'script'; url?: string; frameUrl: string; at: number }
  | {
      kind: 'unknown';
      at: number;
      /** Found in the jar by a restarted worker: set while no worker ran, after this moment (core/evidence/missed). */
      missedSince?: number;
    };

export type EventKind = 'set' | 'overwrite' | 'delete' | 'expire' | 'evict';

/** One change of one cookie, assigned to a tab's audit. */
export interface AuditEvent {
  kind: EventKind;
  at: number;
  cookie: CookieState;
  setBy: SetBy;
  requestedLifetime?: number;
  /** The stored change it comes from, so that a summary can remove it. */
  changeId?: string;
}

/** Identity of a cookie in the jar: the same name on another path or domain is another cookie. */
export function cookieKey(c: Pick<CookieState, 'storeId' | 'partitionSite' | 'domain' | 'path' | 'name'>): string {
  return [c.storeId, c.partitionSite ?? '', c.domain, c.path, c.name].join('\u0000');
}
