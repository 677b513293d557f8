import type { Driver } from '../browser/driver';

// The browsers of a fleet: one per worker, kept from one site to the next with what the sites left
// cleared (Driver.clearSiteData), since starting Chromium costs more than auditing a page. A
// browser is replaced after MAX_SITES sites, after any site that failed (it may be the browser's
// fault), and where the driver cannot clear (Firefox): there each site gets a fresh browser.

const MAX_SITES = 20;

export interface BrowserPool {
  /** Runs one site's audit in the worker's browser; aborting the signal closes that browser. */
  run<T>(worker: number, signal: AbortSignal, audit: (d: Driver) => Promise<T>): Promise<T>;
  closeAll(): Promise<void>;
}

export function browserPool(launch: () => Promise<Driver>): BrowserPool {
  const held = new Map<number, { d: Driver; sites: number }>();
  const drop = async (worker: number): Promise<void> => {
    const h = held.get(worker);
    held.delete(worker);
    await h?.d.close().catch(() => undefined);
  };
  return {
    async run(worker, signal, audit) {
      let h = held.get(worker);
      if (h && h.sites >= MAX_SITES) await drop(worker);
      if (h && held.has(worker)) {
        try {
          await h.d.clearSiteData();
        } catch {
          await drop(worker);
        }
      }
      h = held.get(worker);
      if (!h) {
        h = { d: await launch(), sites: 0 };
        held.set(worker, h);
      }
      const onAbort = (): void => void drop(worker);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        h.sites++;
        return await audit(h.d);
      } catch (e) {
        await drop(worker);
        throw e;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    async closeAll() {
      await Promise.all([...held.keys()].map(drop));
    },
  };
}
