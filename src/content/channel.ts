// The DOM event through which the page-world hook hands cookie writes to the isolated relay.
// A page can dispatch it too: the background only believes a write that matches a real change.
export const WRITE_EVENT = 'cookie-auditor:write';

/** One write the hook saw; it sends them in batches, as a JSON array (objects do not cross worlds reliably). */
export interface HookWrite {
  api: 'document.cookie' | 'cookieStore.set' | 'cookieStore.delete';
  /** For document.cookie: the assigned string. For cookieStore: the name. */
  cookie: string;
  domain?: string;
  path?: string;
  /** cookieStore: expiry in ms since the epoch, or 0 for a deletion. */
  expires?: number;
  stack: string;
  /** When the page made the call (ms since the epoch). */
  at: number;
}

/** One call to browser storage the hook saw: only what was called, never the value (the relay reads it). */
export interface HookStorage {
  api: 'storage';
  area: 'localStorage' | 'sessionStorage' | 'indexedDB';
  /** set: setItem, or an IndexedDB open; remove: removeItem or deleteDatabase; clear; store: createObjectStore. */
  op: 'set' | 'remove' | 'clear' | 'store';
  /** The key, or the database's name. */
  key: string;
  store?: string;
  stack: string;
  at: number;
}
