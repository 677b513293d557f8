import { WRITE_EVENT, type HookStorage, type HookWrite } from './channel';

// Runs in the page's main world at document_start, in every frame, before the page's scripts.
// It wraps the cookie setter, the Cookie Store API, Storage and IndexedDB to learn which script
// wrote what; the page still gets exactly what it asked for. No extension API is reachable from here.
//
// Cost matters: a page may write a thousand cookies in a loop. Each write only captures its caller's
// frames and queues them; the queue is formatted and crosses to the relay once per microtask, and all
// parsing happens there, later, off the page's path.
(() => {
  // Taken before any page script runs, so a page cannot slow or break the hook by replacing them.
  const stringify = JSON.stringify;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const microtask = queueMicrotask.bind(window);
  const now = Date.now;
  const v8Stacks = 'stackTraceLimit' in Error;

  // A call's stack, lazily where the engine allows: V8 captures the frames when the Error is made and
  // formats them only when its stack is read, in flush, off the write's path. A few frames are
  // enough (the caller is the first with a web URL) and much cheaper than the default ten. Measured
  // on this machine, lazier than Error.captureStackTrace into a plain object, which cost more.
  type Trace = { stack?: string };
  const trace = (): Trace => {
    if (!v8Stacks) return { stack: new Error().stack ?? '' };
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 4;
    try {
      return new Error();
    } finally {
      Error.stackTraceLimit = limit;
    }
  };

  let queue: Array<{ w: HookWrite | HookStorage; t: Trace }> = [];
  const flush = (): void => {
    const q = queue;
    queue = [];
    try {
      dispatch.call(window, new CustomEvent(WRITE_EVENT, { detail: stringify(q.map(({ w, t }) => ((w.stack = String(t.stack ?? '')), w))) }));
    } catch {
      // Never let the audit break the page.
    }
  };
  const record = (w: HookWrite | HookStorage, t: Trace): void => {
    if (queue.push({ w, t }) === 1) microtask(flush);
  };

  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (desc?.set && desc.get) {
    const originalSet = desc.set;
    Object.defineProperty(Document.prototype, 'cookie', {
      ...desc,
      set: function set(this: Document, value: string) {
        originalSet.call(this, value);
        try {
          record({ api: 'document.cookie', cookie: String(value), stack: '', at: now() }, trace());
        } catch {
          // Never let the audit break the page.
        }
      },
    });
  }

  type CookieInit = { name?: string; value?: string; domain?: string | null; path?: string; expires?: number | null };
  // The prototype, from the interface: reading window.cookieStore would create the frame's cookie
  // store and its connection to the browser, the largest part of this hook's start (profiled).
  type StoreMethods = { set: (...a: unknown[]) => Promise<void>; delete: (...a: unknown[]) => Promise<void> };
  const storeInterface = (window as { CookieStore?: { prototype: StoreMethods } }).CookieStore;
  if (storeInterface) {
    const proto = storeInterface.prototype;
    const describe = (a: unknown[], api: HookWrite['api']): HookWrite => {
      const init: CookieInit = typeof a[0] === 'object' && a[0] !== null ? (a[0] as CookieInit) : { name: String(a[0]) };
      const w: HookWrite = { api, cookie: String(init.name ?? ''), stack: '', at: now() };
      if (init.domain) w.domain = String(init.domain);
      if (init.path) w.path = String(init.path);
      if (api === 'cookieStore.delete') w.expires = 0;
      else if (typeof init.expires === 'number') w.expires = init.expires;
      return w;
    };
    // Wraps one Cookie Store method: call it, then report what it was asked to do.
    const wrap = (method: 'set' | 'delete', api: HookWrite['api']): void => {
      const original = proto[method];
      proto[method] = function wrapped(this: unknown, ...a: unknown[]) {
        const p = original.apply(this, a);
        try {
          record(describe(a, api), trace());
        } catch {
          /* never break the page */
        }
        return p;
      };
    };
    wrap('set', 'cookieStore.set');
    wrap('delete', 'cookieStore.delete');
  }

  // Browser storage: only the call is reported (area, key, stack); the relay reads the value and
  // checks the fact against the storage itself, so a page cannot invent one.
  const storageArea = (s: unknown): HookStorage['area'] | null => {
    try {
      if (s === window.localStorage) return 'localStorage';
    } catch {
      /* storage denied to this frame */
    }
    try {
      if (s === window.sessionStorage) return 'sessionStorage';
    } catch {
      /* storage denied to this frame */
    }
    return null;
  };
  const hook = <T extends object>(proto: T, method: keyof T & string, describe: (self: unknown, a: unknown[]) => Omit<HookStorage, 'api' | 'stack' | 'at'> | null): void => {
    const original = proto[method] as unknown as (...a: unknown[]) => unknown;
    if (typeof original !== 'function') return;
    (proto as Record<string, unknown>)[method] = function wrapped(this: unknown, ...a: unknown[]) {
      const result = original.apply(this, a);
      try {
        const d = describe(this, a);
        if (d) record({ api: 'storage', ...d, stack: '', at: now() }, trace());
      } catch {
        // Never let the audit break the page.
      }
      return result;
    };
  };
  const keyed = (op: 'set' | 'remove') => (self: unknown, a: unknown[]) => {
    const area = storageArea(self);
    return area ? { area, op, key: String(a[0]) } : null;
  };
  hook(Storage.prototype, 'setItem', keyed('set'));
  hook(Storage.prototype, 'removeItem', keyed('remove'));
  hook(Storage.prototype, 'clear', (self) => {
    const area = storageArea(self);
    return area ? { area, op: 'clear', key: '' } : null;
  });
  if (typeof IDBFactory !== 'undefined') {
    hook(IDBFactory.prototype, 'open', (_, a) => ({ area: 'indexedDB', op: 'set', key: String(a[0]) }));
    hook(IDBFactory.prototype, 'deleteDatabase', (_, a) => ({ area: 'indexedDB', op: 'remove', key: String(a[0]) }));
    hook(IDBDatabase.prototype, 'createObjectStore', (self, a) => ({ area: 'indexedDB', op: 'store', key: String((self as IDBDatabase).name), store: String(a[0]) }));
  }
})();
