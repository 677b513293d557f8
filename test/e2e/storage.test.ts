import { launchChromium } from '../../src/cli/browser/chromium-driver';
import { BROWSERS, type BrowserKind, type Driver, type DriverPage } from '../../src/cli/browser/driver';
import { launchFirefox } from '../../src/cli/browser/firefox-driver';
import type { Report } from '../../src/core/report/report';
import { startStorageSite, STORED } from '../fixtures/storage-site';
import { eventually, runCli, settledIn } from './harness';
import { audited, openPopup } from './scenarios';

// Browser storage as evidence, in real Chromium and Firefox: what scripts, inline code, IndexedDB
// and a third party's frame store, found on a later visit, a hostile page, a burst of writes, the
// popup's section and the command line's report.

const launchers: Record<BrowserKind, () => Promise<Driver>> = { chromium: () => launchChromium({}), firefox: () => launchFirefox() };
const key = (r: Report, area: string, k: string): Report['storage']['items'][number] => {
  const i = r.storage.items.find((x) => x.area === area && x.key === k);
  if (!i) throw new Error(`${area}:${k} not in report: ${r.storage.items.map((x) => `${x.area}:${x.key}`).join(', ')}`);
  return i;
};

describe.each(BROWSERS)('in %s', (browser) => {
  let site: Awaited<ReturnType<typeof startStorageSite>>;
  let d: Driver;
  let home: { page: DriverPage; tabId: number; report: Report };
  beforeAll(async () => {
    site = await startStorageSite();
    d = await launchers[browser]();
    home = await settledIn(d, `${site.origin}/`);
  });
  afterAll(async () => {
    await d?.close();
    await site?.close();
  });

  it('records what scripts, inline code, IndexedDB and a third-party frame store, each with its script, frame and partition', async () => {
    // A property assignment bypasses setItem: the relay finds it by looking again after load.
    await eventually(async () => expect((await audited(d, home.tabId)).storage.items.some((i) => i.key === 'prop_assigned')).toBe(true), 5_000);
    const r = await audited(d, home.tabId);
    for (const [area, keys] of Object.entries(STORED)) for (const k of keys) expect(key(r, area, k).present).toBe(true);
    const tracker = `${site.origin}/js/tracker.js`;
    expect(key(r, 'localStorage', 'trk_uid')).toMatchObject({ party: 'first', status: 'undeclared', size: 10, value: null, valueRedacted: true, setBy: { kind: 'script', url: tracker }, beforeConsent: true });
    expect(key(r, 'sessionStorage', 'trk_session').setBy.url).toBe(tracker);
    expect(key(r, 'localStorage', 'trk_tmp')).toMatchObject({ present: false, events: [{ kind: 'set' }, { kind: 'remove' }] });
    expect(key(r, 'localStorage', 'theme').setBy).toMatchObject({ kind: 'script', url: `${site.origin}/` });
    expect(key(r, 'indexedDB', 'trk_db')).toMatchObject({ stores: ['events'], setBy: { url: tracker } });
    expect(key(r, 'localStorage', 'prop_assigned').setBy.kind).toBe('unknown');
    expect(key(r, 'localStorage', 'ajs_anonymous_id')).toMatchObject({ vendor: 'Segment', category: 'analytics' });
    expect(key(r, 'localStorage', 'big_value')).toMatchObject({ size: 100_000 });
    const frame = key(r, 'localStorage', 'tp_store');
    expect(frame).toMatchObject({ origin: site.third, party: 'third', partitionSite: '127.0.0.7', setBy: { frameUrl: `${site.third}/frame` } });
    expect(r.findings.map((f) => f.id)).toEqual(expect.arrayContaining([
      `set-before-consent:localStorage:ajs_anonymous_id@${site.origin}`, `undeclared:localStorage:trk_uid@${site.origin}`, `third-party:localStorage:tp_store@${site.third}`,
    ]));
    // Values only when asked, a 100,000-character value cut to its first characters.
    const shown = await audited(d, home.tabId, true);
    expect(key(shown, 'localStorage', 'trk_uid').value).toBe('visitor-42');
    expect(key(shown, 'localStorage', 'big_value')).toMatchObject({ valueTruncated: true, value: 'B'.repeat(120) });
  });

  it('finds on a later visit what an earlier one stored, and records nothing a page only claims', async () => {
    const forge = await settledIn(d, `${site.origin}/forge`);
    // The relay asks the browser for up to a second whether a database the page names exists.
    await eventually(async () => expect((await audited(d, forge.tabId)).storage.items.some((i) => i.key === 'real_key')).toBe(true), 5_000);
    const r = await audited(d, forge.tabId);
    expect(key(r, 'localStorage', 'trk_uid')).toMatchObject({ preexisting: true, beforeConsent: false, setBy: { kind: 'unknown' }, events: [{ kind: 'found' }] });
    expect(key(r, 'localStorage', 'real_key')).toMatchObject({ present: true, events: [{ kind: 'set' }] });
    const keys = r.storage.items.map((i) => i.key);
    for (const forged of ['forged_key', 'forged_db', 'claimed_by_frame']) expect(keys).not.toContain(forged);
    // A new tab has its own sessionStorage: the earlier tab's is not found.
    expect(keys).not.toContain('trk_session');
    expect(r.storage.summary.preexisting).toBeGreaterThanOrEqual(STORED.localStorage.length);
    await forge.page.close();
  });

  it('records a burst of 1,000 writes once each, and the page stays responsive', async () => {
    const burst = await settledIn(d, `${site.origin}/burst?n=1000`);
    await eventually(async () => expect((await audited(d, burst.tabId)).storage.items.filter((i) => i.key.startsWith('burst_')).length).toBe(1000), 10_000);
    const r = await audited(d, burst.tabId);
    const items = r.storage.items.filter((i) => i.key.startsWith('burst_'));
    expect(new Set(items.map((i) => i.key)).size).toBe(1000);
    expect(items.every((i) => i.eventCount === 1 && i.events.length === 1)).toBe(true);
    const t0 = Date.now();
    expect(await burst.page.evaluate(() => (window as unknown as { burstMs: number }).burstMs, null)).toBeLessThan(1_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    await burst.page.close();
  });

  it('shows storage in the popup under the cookies, filtered like them, with findings linking to the row', async () => {
    const popup = await openPopup(d, home.tabId);
    const rows = await popup.evaluate(() => [...document.querySelectorAll('section[data-group="storage"] li.storage')].map((li) => `${li.getAttribute('data-area')}:${li.getAttribute('data-storage-key')}`), null);
    expect(rows).toEqual(expect.arrayContaining(['localStorage:trk_uid', 'indexedDB:trk_db', 'localStorage:tp_store', 'localStorage:<img src=x onerror=alert(1)>']));
    // The verdict says so too: the page's cookies are all declared, its storage is not.
    expect(await popup.evaluate(() => document.querySelector('[data-count="storage-undeclared"]')?.textContent, null)).toMatch(/^✗ \d+ undeclared in browser storage$/);
    // The hostile key is text, never markup.
    expect(await popup.evaluate(() => document.querySelectorAll('#app img').length, null)).toBe(0);
    await popup.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('#filter') as HTMLInputElement;
      box.value = 'trk_';
      box.dispatchEvent(new Event('input'));
    }, null);
    await eventually(async () =>
      expect(await popup.evaluate(() => [...document.querySelectorAll('li.storage')].map((li) => li.getAttribute('data-storage-key')).sort(), null)).toEqual(['trk_db', 'trk_session', 'trk_tmp', 'trk_uid']));
    await popup.close();
  });

  if (browser === 'chromium') {
    it('prints storage in the command line\'s report and fails an undeclared one', async () => {
      // The JSON form is the report the tests above read through the same driver.
      const text = await runCli([`${site.origin}/`]);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/BROWSER STORAGE \(\d+ items/);
      expect(text.stdout).toMatch(/\[localStorage\] trk_uid {2}http:\/\/127\.0\.0\.7:\d+ {2}first-party/);
      expect(text.stdout).toMatch(/lifetime rules of cookies do not apply/);
    });
  }
});
