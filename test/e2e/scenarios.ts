import type { Report } from '../../src/core/report/report';
import { reportOf, type BrowserKind, type Driver, type DriverPage } from '../../src/cli/browser/driver';
import type { Fixtures } from '../fixtures/portal';
import { eventually, names, readPopupGroups, runCli, settledIn } from './harness';
import { MAX_EVENTS_PER_TAB } from '../../src/core/evidence/summary';

// One list of scenarios that cross-browser.test.ts runs in every browser, each through the same
// Driver the CLI uses. A scenario added here runs in Chromium and in Firefox; one that cannot work
// in a browser says why in `notIn`, and the browser table of docs/browsers.md says the same.

export interface ScenarioContext {
  d: Driver;
  fx: Fixtures;
  browser: BrowserKind;
  /** A portal for crawls (see startCrawlPortal). */
  crawlSite: string;
  /** The audit of the fixture portal's /basic page, opened once per browser. */
  basic: { page: DriverPage; tabId: number; report: Report };
}

export interface Scenario {
  name: string;
  notIn?: Partial<Record<BrowserKind, string>>;
  run(ctx: ScenarioContext): Promise<void>;
}

export function cookieNamed(r: Report, name: string): Report['cookies'][number] {
  const c = r.cookies.find((x) => x.name === name);
  if (!c) throw new Error(`${name} not in report: ${names(r).join(', ')}`);
  return c;
}

export async function audited(d: Driver, tabId: number, showValues = false): Promise<Report> {
  const r = await reportOf(d, tabId, showValues);
  if (!r) throw new Error(`no audit for tab ${tabId}`);
  return r;
}

/** The popup of a tab, rendered: opened as a page of its own, as the tests of both browsers can. */
export async function openPopup(d: Driver, tabId: number): Promise<DriverPage> {
  const popup = await d.openExtensionPage(`popup.html?tabId=${tabId}`);
  await eventually(async () => expect(await popup.evaluate(() => document.querySelector('#app')?.getAttribute('data-ready'), null)).toBe('true'), 10_000);
  return popup;
}

/** The names the popup lists in each group, read from its DOM. */
export function popupGroups(popup: DriverPage): Promise<Record<string, string[]>> {
  return popup.evaluate(readPopupGroups, null);
}

/** The extension's toolbar badge for a tab: its text and its title. */
export function badge(popup: DriverPage, tabId: number): Promise<{ text: string; title: string }> {
  return popup.evaluate(async (id) => {
    const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
    return { text: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
  }, tabId);
}

/** Clicks one of the popup's export buttons and returns the file it saved: its name and its text. */
async function exportFrom(popup: DriverPage, format: string): Promise<{ name: string; text: string }> {
  // Keep the blob and the file name the popup hands to the browser; the download itself is the browser's business.
  await popup.evaluate(() => {
    const w = window as unknown as { __saved?: Array<{ name: string; blob: Blob }> };
    if (w.__saved) return;
    w.__saved = [];
    const blobs = new Map<string, Blob>();
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (b: Blob | MediaSource) => {
      const url = create(b);
      blobs.set(url, b as Blob);
      return url;
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (blob) w.__saved?.push({ name: this.download, blob });
    };
  }, null);
  await popup.click(`button[data-export="${format}"]`, 5_000);
  let saved: { name: string; text: string } | null = null;
  await eventually(async () => {
    saved = await popup.evaluate(async () => {
      const w = window as unknown as { __saved?: Array<{ name: string; blob: Blob }> };
      const last = w.__saved?.pop();
      return last ? { name: last.name, text: await last.blob.text() } : null;
    }, null);
    expect(saved).not.toBeNull();
  });
  return saved as unknown as { name: string; text: string };
}

const BASIC_UNDECLARED = ['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid'];

export const SCENARIOS: Scenario[] = [
  {
    name: 'records first-party header cookies with the request that set them',
    async run({ basic, fx }) {
      const s = cookieNamed(basic.report, 'sessionid');
      expect(s).toMatchObject({ party: 'first', status: 'declared', httpOnly: true, sameSite: 'Lax', expires: null });
      expect(s.setBy).toMatchObject({ kind: 'header', url: `${fx.portal}/basic`, type: 'main_frame' });
      expect(cookieNamed(basic.report, 'acct_pref')).toMatchObject({ path: '/account', status: 'undeclared', setBy: { kind: 'header' } });
      expect(cookieNamed(basic.report, 'csrftoken').requestedLifetime).toBe(31449600);
    },
  },
  {
    name: 'attributes script cookies to the script that wrote them, external and inline',
    async run({ basic, fx }) {
      expect(cookieNamed(basic.report, '_pk_id.1.abc').setBy).toMatchObject({ kind: 'script', url: `${fx.portal}/js/analytics.js` });
      expect(cookieNamed(basic.report, 'inline_pref').setBy).toMatchObject({ kind: 'script', url: `${fx.portal}/basic`, frameUrl: `${fx.portal}/basic` });
      expect(cookieNamed(basic.report, '_pk_id.1.abc')).toMatchObject({ requestedLifetime: 34128000, category: 'analytics', vendor: 'Matomo' });
    },
  },
  {
    name: 'records third-party cookies from an image and from a script in a cross-site iframe',
    async run({ basic, fx, browser }) {
      const tp = cookieNamed(basic.report, 'tp_uid');
      expect(tp).toMatchObject({ party: 'third', secure: true, sameSite: 'None', setBy: { kind: 'header', type: 'image', url: `${fx.third}/pixel.gif` } });
      const frame = cookieNamed(basic.report, 'frame_cookie');
      expect(frame).toMatchObject({ party: 'third', setBy: { kind: 'script', frameUrl: `${fx.third}/frame` } });
      // Firefox's Total Cookie Protection keeps every third-party cookie in the top-level site's
      // partition, asked for or not; Chromium only partitions CHIPS cookies.
      const partition = browser === 'firefox' ? 'http://127.0.0.1' : null;
      expect([tp.partitionSite ?? null, frame.partitionSite ?? null]).toEqual([partition, partition]);
    },
  },
  {
    name: 'records a partitioned (CHIPS) third-party cookie with its top-level site',
    async run({ d, fx }) {
      const { page, report } = await settledIn(d, `${fx.portal}/embeds-chips`);
      expect(cookieNamed(report, 'chips_id')).toMatchObject({
        party: 'third', partitionSite: 'http://127.0.0.1', setBy: { kind: 'header', type: 'sub_frame', url: `${fx.third}/chips` },
      });
      await page.close();
    },
  },
  {
    name: 'keeps a cookie set then deleted during the visit, with both changes on its timeline',
    async run({ basic }) {
      const temp = cookieNamed(basic.report, 'temp_token');
      expect(temp).toMatchObject({ present: false, removedBy: 'delete' });
      expect(temp.events.map((e) => [e.kind, e.setBy.kind])).toEqual([['set', 'script'], ['delete', 'script']]);
    },
  },
  {
    name: 'attributes Cookie Store API writes and deletions, and changes nothing the page sees',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/cookiestore`);
      await eventually(async () => expect(names(await audited(d, tabId))).toEqual(['cs_cookie', 'cs_temp', 'dc_check']));
      const r = await audited(d, tabId);
      expect(cookieNamed(r, 'cs_cookie')).toMatchObject({ present: true, setBy: { kind: 'script', url: `${fx.portal}/js/cookiestore.js` } });
      expect(cookieNamed(r, 'cs_temp')).toMatchObject({ present: false, removedBy: 'delete' });
      expect(await page.evaluate(() => document.title, null)).toBe('done:true:true:true');
      await page.close();
    },
  },
  {
    name: 'sorts the cookies into declared, undeclared and missing, values redacted unless asked',
    async run({ d, basic }) {
      const r = basic.report;
      expect(names(r, 'declared')).toEqual(['csrftoken', 'sessionid']);
      expect(names(r, 'undeclared')).toEqual(BASIC_UNDECLARED);
      expect(r.missing.map((m) => m.name)).toEqual(['django_language', 'cookies_preferences']);
      expect(r.cookies.every((c) => c.value === null)).toBe(true);
      expect(cookieNamed(await audited(d, basic.tabId, true), 'sessionid').value).toBe('s3cr3t');
      expect(r.environment.thirdPartyCookies).toBe('allowed');
    },
  },
  {
    name: 'the popup shows the three groups, and values only once asked',
    async run({ d, basic }) {
      const popup = await openPopup(d, basic.tabId);
      expect(await popupGroups(popup)).toEqual({
        undeclared: BASIC_UNDECLARED,
        declared: ['csrftoken', 'sessionid'],
        missing: ['cookies_preferences', 'django_language'],
      });
      expect(await popup.evaluate(() => document.body.textContent, null)).not.toContain('s3cr3t');
      await popup.click('#show-values', 5_000);
      await eventually(async () => expect(await popup.evaluate(() => document.body.textContent, null)).toContain('s3cr3t'));
      await popup.close();
    },
  },
  {
    name: 'the toolbar badge counts the undeclared cookies, and its title says so in words',
    async run({ d, basic }) {
      const popup = await openPopup(d, basic.tabId);
      await eventually(async () => expect(await badge(popup, basic.tabId)).toEqual({ text: '6', title: expect.stringMatching(/6 undeclared cookies/) }));
      await popup.close();
    },
  },
  {
    name: "dates consent from the portal's consent record and marks what came before",
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/consent`);
      expect((await audited(d, tabId)).consent.choice).toBe('none');
      await page.click('#accept', 5_000);
      await eventually(async () => expect(names(await audited(d, tabId))).toContain('_pk_id.after'));
      const r = await audited(d, tabId);
      expect(r.consent).toMatchObject({ choice: 'accepted', by: 'record', source: expect.stringMatching(/cookies_preferences/) });
      expect([cookieNamed(r, '_pk_id.before').beforeConsent, cookieNamed(r, '_pk_id.after').beforeConsent]).toEqual([true, false]);
      expect(r.findings.filter((f) => f.rule === 'set-before-consent').map((f) => f.cookies[0])).toEqual(['_pk_id.before@127.0.0.1/']);
      await page.close();
    },
  },
  {
    name: '"I accepted now" in the popup dates consent at the click',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/consent`);
      const popup = await openPopup(d, tabId);
      const before = Date.now();
      await popup.click('#mark-consent', 5_000);
      await eventually(async () => expect((await audited(d, tabId)).consent.source).toBe('marked by hand by the auditor'));
      const r = await audited(d, tabId);
      expect(Date.parse(r.consent.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(cookieNamed(r, '_pk_id.before').beforeConsent).toBe(true);
      await popup.close();
      await page.close();
    },
  },
  {
    name: 'exports the audit from the popup as JSON, CSV, HTML and Markdown',
    async run({ d, basic }) {
      const popup = await openPopup(d, basic.tabId);
      const json = await exportFrom(popup, 'json');
      expect(json.name).toMatch(/^cookie-audit_127\.0\.0\.1_\d{4}-\d\d-\d\d.*\.json$/);
      const r = JSON.parse(json.text) as Report;
      expect(names(r, 'undeclared')).toEqual(BASIC_UNDECLARED);
      expect(r.cookies.every((c) => c.value === null)).toBe(true);
      const csv = await exportFrom(popup, 'csv');
      expect(csv.text.split('\r\n')[0]).toMatch(/^\uFEFF?name,/);
      expect(csv.text).toContain('tp_uid');
      const html = await exportFrom(popup, 'html');
      expect(html.text).toMatch(/^<!doctype html>/i);
      expect(html.text).toContain('_pk_id.1.abc');
      const md = await exportFrom(popup, 'md');
      expect(md.text).toMatch(/^# /);
      expect(md.text).toContain('frame\\_cookie');
      await popup.close();
    },
  },
  {
    name: 'keeps two tabs on two portals apart, and a cookie set in a background tab goes to that tab',
    async run({ d, fx }) {
      const a = await settledIn(d, `${fx.portal}/page2`);
      const b = await settledIn(d, `${fx.other}/`);
      // Tab b is in front now; tab a loads a page in the background.
      await a.page.goto(`${fx.portal}/late?i=7`, 15_000);
      await eventually(async () => expect(names(await audited(d, a.tabId))).toContain('late_7'));
      expect(names(await audited(d, a.tabId))).not.toContain('other_session');
      expect(names(await audited(d, b.tabId))).toEqual(['other_session']);
      await a.page.close();
      await b.page.close();
    },
  },
  {
    name: 'audits a tab in another cookie store (a private window, a container) apart from the normal store',
    async run({ d, fx, browser }) {
      const normal = await settledIn(d, `${fx.portal}/late?i=9`);
      const other = await d.openInOtherStore(`${fx.portal}/late?i=9&store=other`);
      await eventually(async () => expect(names(await audited(d, other))).toEqual(['late_9']), 10_000);
      // The same cookie, set once in each store: each audit holds its own store's, once.
      const [a, b] = [await audited(d, normal.tabId), await audited(d, other)];
      expect(a.cookies.filter((c) => c.name === 'late_9').map((c) => c.eventCount)).toEqual([1]);
      expect(b.cookies.map((c) => c.eventCount)).toEqual([1]);
      expect([cookieNamed(a, 'late_9').storeId, b.cookies[0]?.storeId]).toEqual(
        browser === 'firefox' ? ['firefox-default', expect.stringMatching(/^firefox-container-\d+$/)] : ['0', '1'],
      );
      await normal.page.close();
    },
  },
  {
    name: 'loses and doubles nothing when the background is stopped between pages',
    notIn: { firefox: "WebDriver BiDi cannot suspend Firefox's background page on demand (Firefox suspends it by itself after 30 s idle)" },
    async run({ d, fx }) {
      const { page, tabId, report: before } = await settledIn(d, `${fx.portal}/page2`);
      await d.stopBackground();
      await page.goto(`${fx.portal}/late?i=3`, 15_000);
      await d.stopBackground();
      await page.goto(`${fx.portal}/late?i=4`, 15_000);
      await eventually(async () => expect(names(await audited(d, tabId))).toEqual(['late_3', 'late_4', 'second_page']), 10_000);
      const after = await audited(d, tabId);
      expect(after.startedAt).toBe(before.startedAt);
      expect(after.cookies.map((c) => c.eventCount)).toEqual([1, 1, 1]);
      await page.close();
    },
  },
  {
    name: 'finds a cookie set while no worker listened, and says when and that its origin is unknown',
    notIn: { firefox: "WebDriver BiDi cannot suspend Firefox's background page on demand (Firefox suspends it by itself after 30 s idle)" },
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/page2`);
      // A worker that has run for a few seconds has taken its snapshot of the jar.
      await d.stopBackground();
      await page.goto(`${fx.portal}/page2?again=1`, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const before = Date.now();
      await page.goto(`${fx.portal}/late?i=5`, 15_000);
      await eventually(async () => expect(names(await audited(d, tabId))).toContain('late_5'));
      // What Chromium does to the events of a worker it stops as it starts: no record of late_5 reaches storage.
      const popup = await openPopup(d, tabId);
      const removed = await popup.evaluate(async () => {
        const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
        const all = await api.storage.session.get(null);
        const keys = Object.entries(all)
          .filter(([k, v]) => (k.startsWith('chg:') && (JSON.parse(v as string) as { cookie: { name: string } }).cookie.name === 'late_5') || (k.startsWith('hdr:') && String(v).includes('late_5')))
          .map(([k]) => k);
        await api.storage.session.remove(keys);
        return keys.map((k) => k.slice(0, 4)).sort();
      }, null);
      expect(removed).toEqual(['chg:', 'hdr:']);
      await popup.close();
      await d.stopBackground();
      await page.goto(`${fx.portal}/late?i=6`, 15_000);
      await eventually(async () => expect(names(await audited(d, tabId))).toEqual(['late_5', 'late_6', 'second_page']), 10_000);
      const late5 = cookieNamed(await audited(d, tabId), 'late_5');
      expect(late5.eventCount).toBe(1);
      expect(late5.setBy.kind).toBe('unknown');
      // Absent from the jar when the worker's snapshot was taken, before the page that set it.
      expect(Date.parse(late5.setBy.missedSince ?? '')).toBeLessThan(before);
      expect(Date.parse(late5.setBy.at)).toBeGreaterThan(before);
      // The auditor reads it in the Markdown export, on late_5's row.
      const shown = await openPopup(d, tabId);
      const md = await exportFrom(shown, 'md');
      expect(md.text.split('\n').find((line) => line.startsWith('|') && line.includes('late\\_5'))).toContain('background had stopped');
      await shown.close();
      await page.close();
    },
  },
  {
    name: 'keeps a busy tab within its storage cap: the oldest changes summarised, every change still counted',
    async run({ d, fx }) {
      const writes = MAX_EVENTS_PER_TAB + 600;
      const { page, tabId } = await settledIn(d, `${fx.portal}/busy?n=${writes}`);
      let tick: Report['cookies'][number] | undefined;
      await eventually(async () => {
        tick = (await audited(d, tabId)).cookies.find((c) => c.name === 'tick');
        expect(tick?.summarisedEvents).toBeGreaterThan(0);
      }, 20_000);
      expect(tick?.eventCount).toBe(writes);
      expect(tick?.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TAB);
      expect((tick?.summarisedEvents ?? 0) + (tick?.events.length ?? 0)).toBe(writes);
      // What storage keeps of this cookie: its changes kept in full (and their removal halves), no more.
      const popup = await openPopup(d, tabId);
      const stored = await popup.evaluate(async () => {
        const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
        const all = await api.storage.session.get(null);
        // Facts are stored as JSON text.
        return Object.entries(all).filter(([k, v]) => k.startsWith('chg:') && (JSON.parse(v as string) as { cookie: { name: string } }).cookie.name === 'tick').length;
      }, null);
      expect(stored).toBeLessThanOrEqual(2 * (tick?.events.length ?? 0) + 2);
      // Without the cap, every write would stay: a removal half and a set each, 5,200 in all.
      expect(stored).toBeLessThan(2 * writes - 1_000);
      await popup.evaluate(() => document.querySelector<HTMLElement>('li[data-cookie-name="tick"] summary')?.click(), null);
      expect(await popup.evaluate(() => document.querySelector('li[data-cookie-name="tick"] .summarised')?.textContent, null)).toMatch(
        /^\d[\d,]* earlier changes summarised: a tab's audit keeps its last 2,000 changes in full$/,
      );
      await popup.close();
      await page.close();
    },
  },
  {
    name: 'shows hostile cookie names and values as text: nothing runs, nothing breaks',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/hostile`);
      await eventually(async () => expect(names(await audited(d, tabId))).toContain('unicode_é_🍪'));
      const popup = await openPopup(d, tabId);
      await popup.evaluate(() => {
        (window as unknown as { __alerts: number }).__alerts = 0;
        window.alert = () => {
          (window as unknown as { __alerts: number }).__alerts++;
        };
      }, null);
      await popup.click('#show-values', 5_000);
      await eventually(async () => expect(await popup.evaluate(() => document.body.textContent, null)).toContain('<img src=x onerror=alert(2)>'));
      const shown = await popup.evaluate(() => ({
        names: [...document.querySelectorAll('li .name')].map((n) => n.textContent),
        injected: document.querySelectorAll('li img, li script, li b, li i').length,
        alerts: (window as unknown as { __alerts: number }).__alerts,
      }), null);
      expect(shown.names).toEqual(expect.arrayContaining(['<script>alert(1)</script>', '__proto__', 'constructor', '<b>bold</b>', 'unicode_é_🍪', 'big']));
      expect([shown.injected, shown.alerts]).toEqual([0, 0]);
      await popup.close();
      await page.close();
    },
  },
  {
    name: 'does not accept evidence a page forges through the page hook',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/forge`);
      await eventually(async () => expect(await page.evaluate(() => document.title, null)).toBe('forged'));
      const r = await audited(d, tabId);
      expect(names(r)).toEqual(['real_one']);
      expect(cookieNamed(r, 'real_one').setBy).toMatchObject({ kind: 'script', url: `${fx.portal}/forge` });
      await page.close();
    },
  },
  {
    name: 'the command line audits the demo portal in this browser: exit 1, undeclared third-party and script cookies',
    async run({ browser }) {
      const run = await runCli(['--demo', '--browser', browser, '--format', 'json']);
      expect([run.code, run.stderr]).toEqual([1, '']);
      const r = JSON.parse(run.stdout) as Report;
      expect(r.environment.browser).toMatch(browser === 'firefox' ? /^Firefox \d+/ : /^Chromium \d+/);
      expect(names(r, 'declared')).toEqual(['csrftoken', 'django_language', 'sessionid']);
      expect(names(r, 'undeclared')).toEqual(['_pk_id.1.d3f0', '_pk_ses.1.d3f0', '_tracker_uid']);
      expect(cookieNamed(r, '_tracker_uid')).toMatchObject({ party: 'third', requestedLifetime: 2 * 365 * 86_400 });
      expect(cookieNamed(r, '_pk_id.1.d3f0').setBy.kind).toBe('script');
    },
  },
  {
    name: '"I refused now" in the popup: a tracker written after it is set-after-refusal, and the popup says so',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/consent`);
      const popup = await openPopup(d, tabId);
      const before = Date.now();
      await popup.click('#mark-refusal', 5_000);
      await eventually(async () => expect((await audited(d, tabId)).consent).toMatchObject({ choice: 'refused', by: 'hand' }));
      await page.click('#track', 5_000);
      await eventually(async () => expect(names(await audited(d, tabId))).toContain('_pk_ses.later'));
      const r = await audited(d, tabId);
      expect(Date.parse(r.consent.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(cookieNamed(r, '_pk_ses.later').afterRefusal?.refusedAt).toBe(r.consent.at);
      expect(cookieNamed(r, '_pk_id.before').afterRefusal).toBeNull();
      expect(r.findings.filter((f) => f.rule === 'set-after-refusal').map((f) => f.cookies[0])).toEqual(['_pk_ses.later@127.0.0.1/']);
      // The popup shows the choice, offers the other one, and lists the finding.
      await eventually(async () => expect(await popup.evaluate(() => document.querySelector('.consent')?.getAttribute('data-choice'), null)).toBe('refused'));
      expect(await popup.evaluate(() => [!!document.getElementById('mark-consent'), !!document.getElementById('mark-refusal')], null)).toEqual([true, false]);
      await eventually(async () => expect(await popup.evaluate(() => document.querySelector('li.finding[data-rule="set-after-refusal"]')?.textContent ?? '', null)).toMatch(/after the visitor refused/));
      await popup.close();
      await page.close();
    },
  },
  {
    name: 'the command line clicks a consent banner (--consent) and reports both phases, then the page loaded again',
    async run({ fx, browser }) {
      const run = await runCli([`${fx.portal}/consent`, '--browser', browser, '--consent', '#accept', '--format', 'json']);
      expect(run.stderr).toBe('');
      const r = JSON.parse(run.stdout) as Report;
      expect(r.phases?.map((p) => [p.name, p.cookies.map((c) => c.split('@')[0]).sort()])).toEqual([
        ['before-consent', ['_pk_id.before']],
        ['after-consent', ['_pk_id.after', 'cookies_preferences']],
        ['after-reload', []],
      ]);
      const missing = await runCli([`${fx.portal}/consent`, '--browser', browser, '--consent', '#no-such-button', '--timeout', '3']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--consent "#no-such-button" matches no visible element/);
    },
  },
  {
    name: 'the command line crawls a portal (--pages) and reports the pages it could not audit',
    async run({ crawlSite, browser }) {
      const run = await runCli([`${crawlSite}/`, '--browser', browser, '--pages', '10', '--format', 'json', '--timeout', '3']);
      const r = JSON.parse(run.stdout) as Report;
      expect((r.pages ?? []).map((p) => [new URL(p.url).pathname, p.status])).toEqual([
        ['/', 'audited'], ['/a', 'audited'], ['/b', 'audited'], ['/broken', 'failed'], ['/loop', 'failed'], ['/data', 'skipped'], ['/slow', 'failed'], ['/deep', 'audited'],
      ]);
      expect(r.cookies.find((c) => c.name === 'deep_cookie')?.firstSeenOn).toBe(`${crawlSite}/deep`);
      // Consent links (a banner's markup, "Tout accepter") and logout are listed, never followed.
      expect(r.skippedLinks?.map((l) => [new URL(l.url).pathname + new URL(l.url).search, l.reason])).toEqual([
        ['/logout', 'changes-state'], ['/b?tarteaucitron=ok', 'consent'], ['/a?choice=1', 'consent'],
      ]);
      expect(r.cookies.some((c) => c.name === 'logged_out')).toBe(false);
      expect(run.stderr).toMatch(/could not audit .*\/slow/);
      expect(run.code).toBe(2);
    },
  },
  {
    name: 'the command line words its report in French with --lang fr, findings included',
    async run({ browser }) {
      const run = await runCli(['--demo', '--browser', browser, '--lang', 'fr', '--format', 'json']);
      expect([run.code, run.stderr]).toEqual([1, '']);
      const r = JSON.parse(run.stdout) as Report;
      expect(r.language).toBe('fr');
      expect(r.findings.find((f) => f.id === 'undeclared:_pk_id.1.d3f0@127.0.0.1/')?.explanation).toBe(
        'Le cookie de mesure d’audience Matomo _pk_id.1.d3f0 est déposé mais la politique de cookies ne le déclare pas.',
      );
    },
  },
];
