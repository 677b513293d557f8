import type { Report } from '../../src/core/report/report';
import type { Fixtures } from '../fixtures/portal';
import { cookieNamed } from './scenarios';
import { badgeText, eventually, withBrowser, names, openAndSettle, popupGroups, reportOf, runCli, stopServiceWorker, workerStartedAt, type Launched } from './harness';

// The core loop in real Chromium: a portal sets cookies every way it can, the extension records
// them, and the popup and the CLI tell declared from undeclared.

let fx: Fixtures;
let l: Launched;
let basic: { tabId: number; report: Report };

withBrowser(async (f, b) => {
  fx = f;
  l = b;
  basic = await openAndSettle(l, `${fx.portal}/basic`);
});


describe('recording a portal', () => {
  it('records first-party header cookies with the request that set them', () => {
    const s = cookieNamed(basic.report, 'sessionid');
    expect(s).toMatchObject({ party: 'first', status: 'declared', httpOnly: true, sameSite: 'Lax', expires: null });
    expect(s.setBy).toMatchObject({ kind: 'header', url: `${fx.portal}/basic`, type: 'main_frame' });
    expect(cookieNamed(basic.report, 'csrftoken').expires).not.toBeNull();
  });

  it('records a cookie set on another path than the page', () => {
    expect(cookieNamed(basic.report, 'acct_pref')).toMatchObject({ path: '/account', status: 'undeclared', setBy: { kind: 'header' } });
  });

  it('records script cookies with the script that wrote them, external and inline', () => {
    expect(cookieNamed(basic.report, '_pk_id.1.abc').setBy).toMatchObject({ kind: 'script', url: `${fx.portal}/js/analytics.js` });
    expect(cookieNamed(basic.report, 'inline_pref').setBy).toMatchObject({ kind: 'script', url: `${fx.portal}/basic`, frameUrl: `${fx.portal}/basic` });
  });

  it('records third-party cookies from an image and from a script in a cross-site iframe', () => {
    expect(cookieNamed(basic.report, 'tp_uid')).toMatchObject({ party: 'third', secure: true, sameSite: 'None', setBy: { kind: 'header', type: 'image', url: `${fx.third}/pixel.gif` } });
    expect(cookieNamed(basic.report, 'frame_cookie')).toMatchObject({ party: 'third', setBy: { kind: 'script', frameUrl: `${fx.third}/frame` } });
  });

  it('records a partitioned (CHIPS) third-party cookie with its top-level site', async () => {
    const { page, report } = await openAndSettle(l, `${fx.portal}/embeds-chips`);
    expect(cookieNamed(report, 'chips_id')).toMatchObject({
      party: 'third', partitionSite: 'http://127.0.0.1', setBy: { kind: 'header', type: 'sub_frame', url: `${fx.third}/chips` },
    });
    await page.close();
  });

  it('attributes Cookie Store API writes and deletions to the script that made them', async () => {
    const { page, tabId } = await openAndSettle(l, `${fx.portal}/cookiestore`);
    await eventually(async () => expect(names(await reportOf(l, tabId))).toEqual(['cs_cookie', 'cs_temp', 'dc_check']));
    const r = await reportOf(l, tabId);
    expect(cookieNamed(r, 'cs_cookie')).toMatchObject({ present: true, setBy: { kind: 'script', url: `${fx.portal}/js/cookiestore.js` } });
    expect(cookieNamed(r, 'cs_cookie').requestedLifetime).toBeGreaterThan(86_000);
    expect(cookieNamed(r, 'cs_temp')).toMatchObject({ present: false, removedBy: 'delete' });
    expect(cookieNamed(r, 'cs_temp').events.map((e) => [e.kind, e.setBy.kind])).toEqual([['set', 'script'], ['delete', 'script']]);
    // The instrumentation changes nothing the page sees: its calls resolve and document.cookie reads back.
    expect(await page.title()).toBe('done:true:true:true');
    await page.close();
  });

  it('keeps a cookie that was set then deleted during the visit', () => {
    expect(cookieNamed(basic.report, 'temp_token')).toMatchObject({ present: false, removedBy: 'delete' });
  });

  it("in the popup, a finding leads to its cookie, whose timeline shows it set then deleted", async () => {
    const { page } = await popupGroups(l, basic.tabId);
    const finding = page.locator('li.finding[data-rule="undeclared"]', { hasText: 'temp_token' });
    // Keyboard only: focus the finding's link and press Enter.
    await finding.locator('a.to-cookie').focus();
    await page.keyboard.press('Enter');
    const row = page.locator('li.cookie[data-cookie-name="temp_token"]');
    await page.waitForFunction(() => document.querySelector('li.cookie[data-cookie-name="temp_token"] details')?.hasAttribute('open'));
    expect(await page.evaluate(() => document.activeElement?.closest('li.cookie')?.getAttribute('data-cookie-name'))).toBe('temp_token');
    const steps = await row.locator('details.timeline ol > li').allTextContents();
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} UTC \(\+\d+\.\d+ s\) set by /);
    expect(steps[1]).toMatch(/ deleted by /);
    expect(await row.locator('summary').textContent()).toBe('Timeline (2 changes)');
    await page.close();
  });

  it('sorts them into the three groups, with values redacted', () => {
    const r = basic.report;
    expect(names(r, 'declared')).toEqual(['csrftoken', 'sessionid']);
    expect(names(r, 'undeclared')).toEqual(['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid']);
    expect(r.missing.map((m) => m.name)).toEqual(['django_language', 'cookies_preferences']);
    expect(r.cookies.every((c) => c.value === null)).toBe(true);
    expect(r.environment.thirdPartyCookies).toBe('allowed');
  });

  it('shows the same three groups in the popup, values hidden until asked', async () => {
    const { page, groups } = await popupGroups(l, basic.tabId);
    expect(groups).toEqual({
      undeclared: ['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid'],
      declared: ['csrftoken', 'sessionid'],
      missing: ['cookies_preferences', 'django_language'],
    });
    expect(await page.textContent('body')).not.toContain('s3cr3t');
    await page.check('#show-values');
    await page.waitForFunction(() => document.body.textContent?.includes('s3cr3t'));
    const session = page.locator('li[data-cookie-name="sessionid"]');
    expect(await session.textContent()).toMatch(/HttpOnly/);
    expect(await session.textContent()).toMatch(/To remember the user from one page to another/);
    await page.close();
  });

  it('shows the number of undeclared cookies on the toolbar badge', async () => {
    await eventually(async () => expect(await badgeText(l, basic.tabId)).toBe('6'));
  });
});

describe('consent', () => {
  it("knows when consent was given from the portal's consent record, and marks what came before", async () => {
    const { page, tabId } = await openAndSettle(l, `${fx.portal}/consent`);
    expect((await reportOf(l, tabId)).consent.choice).toBe('none');
    await page.click('#accept');
    await eventually(async () => expect(names(await reportOf(l, tabId))).toContain('_pk_id.after'));
    const r = await reportOf(l, tabId);
    expect(r.consent).toMatchObject({ choice: 'accepted', by: 'record', source: expect.stringMatching(/cookies_preferences/) });
    expect(cookieNamed(r, '_pk_id.before').beforeConsent).toBe(true);
    expect(cookieNamed(r, '_pk_id.after').beforeConsent).toBe(false);
    const beforeConsent = r.findings.filter((f) => f.rule === 'set-before-consent').map((f) => f.cookies[0]);
    expect(beforeConsent).toEqual(['_pk_id.before@127.0.0.1/']);
    const { page: popup } = await popupGroups(l, tabId);
    expect(await popup.textContent('section[data-group="findings"]')).toMatch(/Consent: accepted, .* cookies_preferences/);
    expect(await popup.locator('li.finding[data-rule="set-before-consent"]').count()).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe('consent marked by hand', () => {
  it('"I accepted now" in the popup sets the consent moment', async () => {
    const { page, tabId } = await openAndSettle(l, `${fx.portal}/consent`);
    const { page: popup } = await popupGroups(l, tabId);
    const before = Date.now();
    await popup.click('#mark-consent');
    await popup.waitForSelector('section[data-group="findings"] .consent p:text("marked by hand")');
    const r = await reportOf(l, tabId);
    expect(r.consent).toMatchObject({ choice: 'accepted', by: 'hand', source: 'marked by hand by the auditor' });
    expect(Date.parse(r.consent.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(cookieNamed(r, '_pk_id.before').beforeConsent).toBe(true);
    await popup.close();
    await page.close();
  });
});

describe('the visit goes on', () => {
  it('keeps everything across a stopped and restarted service worker, and adds what comes after', async () => {
    const { page, tabId } = await openAndSettle(l, `${fx.portal}/basic`);
    const before = await reportOf(l, tabId);
    const firstInstance = await workerStartedAt(l);
    await stopServiceWorker(l);
    await page.goto(`${fx.portal}/page2`);
    const secondInstance = await workerStartedAt(l);
    expect(secondInstance).toBeGreaterThan(firstInstance);
    await stopServiceWorker(l);
    await page.goto(`${fx.portal}/late?i=1`);
    await eventually(async () => {
      expect(names(await reportOf(l, tabId))).toEqual([...names(before), 'late_1', 'second_page'].sort());
    }, 10_000);
    const after = await reportOf(l, tabId);
    expect(await workerStartedAt(l)).toBeGreaterThan(secondInstance);
    // Nothing recorded twice: one event per cookie for this visit's first-party header cookies.
    expect(after.cookies.filter((c) => c.name === 'second_page')).toHaveLength(1);
    expect(after.startedAt).toBe(before.startedAt);
    expect(cookieNamed(after, 'second_page').setBy).toMatchObject({ kind: 'header', url: `${fx.portal}/page2` });
    await page.close();
  });

  it('starts a new audit when the tab goes to another site, and keeps it on reload', async () => {
    const { page, tabId } = await openAndSettle(l, `${fx.portal}/basic`);
    await page.goto(`${fx.other}/`);
    await eventually(async () => {
      const r = await reportOf(l, tabId);
      expect(r.site).toBe('127.0.0.3');
      expect(names(r)).toEqual(['other_session']);
    });
    await page.reload();
    await page.waitForTimeout(500);
    expect(names(await reportOf(l, tabId))).toEqual(['other_session']);
    await page.close();
  });

  it('keeps two tabs on two portals apart', async () => {
    const a = await openAndSettle(l, `${fx.portal}/page2`);
    const b = await openAndSettle(l, `${fx.other}/`);
    const ra = await reportOf(l, a.tabId);
    const rb = await reportOf(l, b.tabId);
    expect(names(ra)).not.toContain('other_session');
    expect(names(rb)).toEqual(['other_session']);
    await a.page.close();
    await b.page.close();
  });
});

describe('the command line', () => {
  it('prints the extension report as JSON, exit 1 for undeclared cookies', async () => {
    const run = await runCli([`${fx.portal}/basic`, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const r = JSON.parse(run.stdout) as Report;
    expect(r.url).toBe(`${fx.portal}/basic`);
    expect(r.declaredList.cookies.map((c) => c.name)).toEqual(['sessionid', 'django_language', 'csrftoken', 'cookies_preferences']);
    expect(names(r, 'declared')).toEqual(['csrftoken', 'sessionid']);
    expect(names(r, 'undeclared')).toEqual(['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid']);
    expect(r.summary).toMatchObject({ declaredPresent: 2, undeclared: 6, missing: 2 });
    expect(cookieNamed(r, 'tp_uid').setBy.url).toBe(`${fx.third}/pixel.gif`);
    expect(r.cookies.every((c) => c.value === null)).toBe(true);
    // Evidence: the lifetime asked by the script and by the header, the timeline, the verdicts.
    expect(cookieNamed(r, '_pk_id.1.abc')).toMatchObject({ requestedLifetime: 34128000, category: 'analytics', vendor: 'Matomo', beforeConsent: true });
    expect(cookieNamed(r, 'csrftoken').requestedLifetime).toBe(31449600);
    expect(cookieNamed(r, 'temp_token').events.map((e) => e.kind)).toEqual(['set', 'delete']);
    expect(r.consent.choice).toBe('none');
    const ids = r.findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([
      'undeclared:_pk_id.1.abc@127.0.0.1/', 'set-before-consent:_pk_id.1.abc@127.0.0.1/',
      'third-party:tp_uid@127.0.0.2/',
    ]));
    expect(r.findings[0]?.severity).toBe('high');
    // 395 days asked is within 13 months: no lifetime finding.
    expect(ids).not.toContain('lifetime-over-13-months:_pk_id.1.abc@127.0.0.1/');
    expect(ids).not.toContain('auth-cookie-readable-by-scripts:sessionid@127.0.0.1/'); // sessionid is HttpOnly here
  });

  it('--consent SELECTOR clicks the banner and reports the cookies of each phase, the page loaded again with the choice in force last', async () => {
    const run = await runCli([`${fx.portal}/consent`, '--consent', '#accept', '--format', 'json']);
    expect(run.stderr).toBe('');
    const r = JSON.parse(run.stdout) as Report;
    expect(r.phases?.map((p) => [p.name, p.cookies.map((c) => c.split('@')[0]).sort()])).toEqual([
      ['before-consent', ['_pk_id.before']],
      ['after-consent', ['_pk_id.after', 'cookies_preferences']],
      ['after-reload', []],
    ]);
    expect(r.consent).toMatchObject({ choice: 'accepted', by: 'selector', source: 'the command line clicked "#accept"', action: { kind: 'selector', outcome: 'done', effect: ['record-changed'] } });
    expect(Date.parse(r.phases?.[1]?.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(cookieNamed(r, 'cookies_preferences').firstSeen));
    expect(r.findings.filter((f) => f.rule === 'set-before-consent').map((f) => f.cookies[0])).toEqual(['_pk_id.before@127.0.0.1/']);
    const text = await runCli([`${fx.portal}/consent`, '--consent', '#accept']);
    expect(text.stdout).toMatch(/Before consent: 1 cookie first seen: _pk_id\.before\n\s+After clicking "#accept": 2 cookies first seen/);
  });

  it('--consent with a selector that matches nothing exits 2 and says so', async () => {
    const run = await runCli([`${fx.portal}/consent`, '--consent', '#no-such-button', '--timeout', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--consent "#no-such-button" matches no visible element on .*\/consent; nothing was clicked\./);
  });

  it('text output leads with the findings', async () => {
    const run = await runCli([`${fx.portal}/basic`]);
    expect(run.code).toBe(1);
    expect(run.stdout.indexOf('FINDINGS')).toBeGreaterThan(0);
    expect(run.stdout.indexOf('FINDINGS')).toBeLessThan(run.stdout.indexOf('UNDECLARED ('));
    expect(run.stdout).toMatch(/\[HIGH\] The Matomo analytics cookie _pk_id\.1\.abc is set but the cookie policy does not declare it/);
  });

  it('includes values only with --show-values, and exits 0 when everything is declared', async () => {
    const shown = JSON.parse((await runCli([`${fx.portal}/basic`, '--format', 'json', '--show-values'])).stdout) as Report;
    expect(cookieNamed(shown, 'sessionid').value).toBe('s3cr3t');
    const clean = await runCli([`${fx.portal}/nothing-here`]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/0 declared and present, 0 undeclared, 4 declared but not seen/);
  });

  it('audits the demo portal with --demo', async () => {
    const run = await runCli(['--demo', '--format', 'json']);
    expect(run.code).toBe(1);
    const r = JSON.parse(run.stdout) as Report;
    expect(names(r, 'declared')).toEqual(['csrftoken', 'django_language', 'sessionid']);
    expect(r.cookies.some((c) => c.party === 'third' && c.status === 'undeclared')).toBe(true);
    expect(r.cookies.some((c) => c.setBy.kind === 'script' && c.status === 'undeclared')).toBe(true);
    // The tracker asks for 2 years; Chromium applies 400 days; the finding judges what was asked.
    const tracker = r.cookies.find((c) => c.name === '_tracker_uid');
    expect(tracker?.requestedLifetime).toBe(2 * 365 * 86_400);
    expect(tracker?.appliedLifetime).toBeLessThanOrEqual(400 * 86_400);
    expect(r.findings.find((f) => f.id.startsWith('lifetime-over-13-months:_tracker_uid'))?.explanation).toMatch(/24 months/);
  });
});
