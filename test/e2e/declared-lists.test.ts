import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/core/report/report';
import { extensionCall } from '../../src/cli/browser/chromium-driver';
import type { Fixtures } from '../fixtures/portal';
import { withBrowser, names, openAndSettle, popupGroups, reportOf, runCli, type Launched } from './harness';

// Declared lists from the portal's own policy page or from a file, kept per site, in real Chromium.

let fx: Fixtures;
let l: Launched;
withBrowser((f, b) => {
  fx = f;
  l = b;
});

const POLICY_DECLARED = ['_pk_id.1.abc', 'csrftoken', 'sessionid', 'tp_uid'];
const POLICY_UNDECLARED = ['acct_pref', 'frame_cookie', 'inline_pref', 'temp_token'];

describe('the command line', () => {
  it.each([['auto'], ['url']])('--policy %s reads the portal policy and judges the audit by it', async (mode) => {
    const policy = mode === 'auto' ? 'auto' : `${fx.portal}/terms/cookies-policy/`;
    const run = await runCli([`${fx.portal}/basic`, '--format', 'json', '--policy', policy]);
    expect(run.code).toBe(1);
    const r = JSON.parse(run.stdout) as Report;
    expect(r.declaredList.source).toMatch(new RegExp(`^${fx.portal}/terms/cookies-policy/ \\(read \\d{4}-`));
    expect(r.declaredList.cookies.map((c) => c.name)).toEqual(['sessionid', 'csrftoken', 'cookies_preferences', '_pk_id.*', 'tp_uid']);
    expect(names(r, 'declared')).toEqual(POLICY_DECLARED);
    expect(names(r, 'undeclared')).toEqual(POLICY_UNDECLARED);
    expect(r.missing.map((m) => m.name)).toEqual(['cookies_preferences']);
    // A lifetime stated in words with no figure is kept as stated, not reported as not understood.
    expect(r.declaredList.cookies.find((c) => c.name === 'tp_uid')?.duration).toBe('selon le partenaire');
    expect(run.stderr).not.toMatch(/not understood/);
  });

  it('--declared FILE judges the audit by a JSON list', async () => {
    const file = path.join(os.tmpdir(), `declared-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ name: 'Our list', cookies: [{ name: 'sessionid', purpose: 'login' }, { name: 'inline_*' }] }));
    const r = JSON.parse((await runCli([`${fx.portal}/basic`, '--format', 'json', '--declared', file])).stdout) as Report;
    expect(r.declaredList).toMatchObject({ name: 'Our list', source: `file ${file}` });
    expect(names(r, 'declared')).toEqual(['inline_pref', 'sessionid']);
    fs.rmSync(file);
  });

  it('refuses a malformed list or a page with no policy table, exit 2 with what is wrong', async () => {
    const file = path.join(os.tmpdir(), `bad-${process.pid}.json`);
    fs.writeFileSync(file, '{"cookies": [{"name": "ok"}, {"name": "**"}]}');
    const bad = await runCli([`${fx.portal}/basic`, '--declared', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-\d+\.json: cookies\[1\]\.name: The pattern "\*\*" would match every cookie/);
    fs.rmSync(file);
    const none = await runCli([`${fx.portal}/basic`, '--policy', `${fx.portal}/no-policy-table`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Could not read the cookie policy: No table of cookies found/);
  });
});

describe('lists kept per site in the extension', () => {
  it('a saved list changes the open tab audit, and an invalid one leaves it in place', async () => {
    const { tabId, report } = await openAndSettle(l, `${fx.portal}/basic`);
    expect(report.declaredList.name).toMatch(/built-in/);
    const preview = await extensionCall(l, 'readPolicy', { tabId });
    expect(preview.url).toBe(`${fx.portal}/terms/cookies-policy/`);
    const list = { name: 'Policy of 127.0.0.1', source: preview.url, cookies: preview.cookies };
    await extensionCall(l, 'saveDeclaredList', { scope: { site: report.site }, list });

    const after = await reportOf(l, tabId);
    expect(names(after, 'declared')).toEqual(POLICY_DECLARED);
    const { page, groups } = await popupGroups(l, tabId);
    expect(groups.undeclared).toEqual(POLICY_UNDECLARED);
    expect(await page.textContent('footer')).toContain('Policy of 127.0.0.1');
    await page.close();

    const broken = { ...list, cookies: [...list.cookies, { name: '*', provider: '', function: '', purpose: '' }] };
    await expect(extensionCall(l, 'saveDeclaredList', { scope: { site: report.site }, list: broken })).rejects.toThrow(/would match every cookie/);
    expect((await reportOf(l, tabId)).declaredList.name).toBe('Policy of 127.0.0.1');

    await extensionCall(l, 'resetDeclaredList', { scope: { site: report.site } });
    expect((await reportOf(l, tabId)).declaredList.name).toMatch(/built-in/);
  });
});

describe('the popup', () => {
  it("reads this site's cookie policy, shows it for confirmation, and the groups change once accepted", async () => {
    const { tabId } = await openAndSettle(l, `${fx.portal}/basic`);
    const { page, groups } = await popupGroups(l, tabId);
    expect(groups.undeclared).toHaveLength(6);

    await page.click('#read-policy');
    await page.waitForSelector('[data-view="policy-preview"]');
    expect(await page.textContent('[data-field="source"]')).toBe(`${fx.portal}/terms/cookies-policy/`);
    expect(await page.locator('.declared-table tbody tr').count()).toBe(5);
    expect(await page.textContent('tr[data-cookie-name="csrftoken"]')).toContain("Jusqu'à 12 mois (up to 12 months)");
    // Where each entry was read from, so the auditor can check it against the page.
    expect(await page.textContent('tr[data-cookie-name="csrftoken"] [data-field="from"]')).toMatch(/^table \d+, row \d+, cell \d+$/);
    expect(await page.textContent('tr[data-cookie-name="tp_uid"]')).toContain('selon le partenaire (stated in words, no duration)');
    await page.screenshot({ path: path.join(os.tmpdir(), 'cookie-auditor-policy-preview.png'), fullPage: true });
    // Nothing is replaced before the user accepts.
    expect((await reportOf(l, tabId)).declaredList.name).toMatch(/built-in/);

    await page.keyboard.press('Enter'); // focus is on "Use this list"
    await page.waitForFunction(() => document.querySelector('section[data-group="undeclared"] h2')?.textContent === 'Undeclared (4)');
    const shown = await page.evaluate(() => [...document.querySelectorAll('section[data-group="undeclared"] li .name')].map((n) => n.textContent).sort());
    expect(shown).toEqual(POLICY_UNDECLARED);
    expect(await page.textContent('footer')).toContain(`${fx.portal}/terms/cookies-policy/`);
    await page.close();
    await extensionCall(l, 'resetDeclaredList', { scope: { site: '127.0.0.1' } });
  });

  it('says why a page without a policy table cannot be read, and keeps the list', async () => {
    const { tabId } = await openAndSettle(l, `${fx.portal}/basic`);
    const { page } = await popupGroups(l, tabId);
    await page.fill('#policy-url', `${fx.portal}/no-policy-table`);
    await page.press('#policy-url', 'Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toMatch(/No table of cookies found.*The declared list was not changed/);
    expect((await reportOf(l, tabId)).declaredList.name).toMatch(/built-in/);
    await page.close();
  });
});
