import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Fixtures } from '../fixtures/portal';
import { eventually, withBrowser, names, openAndSettle, popupGroups, reportOf, type Launched } from './harness';

// The options page in real Chromium: add a site's list, edit it with the keyboard, and see the
// popup of an open tab follow; bad edits and bad imports are refused and change nothing.

let fx: Fixtures;
let l: Launched;
let options: Page;
let tabId: number;
withBrowser(async (f, b) => {
  fx = f;
  l = b;
  ({ tabId } = await openAndSettle(l, `${fx.portal}/basic`));
  options = await l.context.newPage();
  await options.goto(`chrome-extension://${l.extensionId}/options.html`);
  await options.waitForSelector('#app[data-ready="true"]');
});

const section = '[data-scope="127.0.0.1"]';

it('adds a list for a site, edits it with the keyboard alone, and the popup of an open tab follows', async () => {
  await options.focus('#new-site');
  await options.keyboard.type('127.0.0.1');
  await options.keyboard.press('Enter');
  await options.waitForSelector(`${section} tbody tr`);
  expect(await options.locator(`${section} tbody tr`).count()).toBe(4);

  await options.focus(`${section} button:text("Add entry")`);
  await options.keyboard.press('Enter'); // focus moves to the new row's name
  await options.keyboard.type('inline_*');
  await options.keyboard.press('Tab');
  await options.keyboard.type('Portal');
  await options.focus(`${section} button[data-action="save"]`);
  await options.keyboard.press('Enter');
  await options.waitForSelector(`${section} [role="status"]:text("Saved 5 entries")`);

  await eventually(async () => expect(names(await reportOf(l, tabId), 'declared')).toEqual(['csrftoken', 'inline_pref', 'sessionid']));
  const { page, groups } = await popupGroups(l, tabId);
  expect(groups.declared).toEqual(['csrftoken', 'inline_pref', 'sessionid']);
  await page.close();
});

it('refuses a pattern that matches everything and keeps the stored list', async () => {
  await options.fill(`${section} tbody tr:last-child input[data-field="name"]`, '**');
  await options.click(`${section} button[data-action="save"]`);
  await options.waitForSelector(`${section} [role="alert"]`);
  expect(await options.textContent(`${section} [role="alert"]`)).toMatch(/The pattern "\*\*" would match every cookie.*unchanged/);
  expect((await reportOf(l, tabId)).declaredList.cookies).toHaveLength(5);
});

it('refuses a malformed import and keeps the stored list; exports a list that imports back', async () => {
  await options.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"cookies": [{"purpose": "no name"}]}') });
  await options.fill('#import-site', '127.0.0.1');
  await options.click('form.import button[type="submit"]');
  await options.waitForSelector('[role="alert"]:text("broken.json was not imported")');
  expect(await options.textContent('[role="alert"]')).toMatch(/cookies\[0\]\.name must be a string/);
  expect((await reportOf(l, tabId)).declaredList.cookies).toHaveLength(5);

  await options.reload();
  await options.waitForSelector('#app[data-ready="true"]');
  const [download] = await Promise.all([options.waitForEvent('download'), options.click(`${section} button:text("Export JSON")`)]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { schema: string; cookies: Array<{ name: string }> };
  expect(exported.schema).toBe('cookie-auditor/declared-list@1');
  expect(exported.cookies.map((c) => c.name)).toContain('inline_*');
  expect(download.suggestedFilename()).toBe('declared-127.0.0.1.json');

  // The exported file imports back, for the same site after a reset.
  await options.click(`${section} button[data-action="reset"]`);
  await options.waitForSelector(section, { state: 'detached' });
  await options.setInputFiles('#import-file', await download.path());
  await options.fill('#import-site', '127.0.0.1');
  await options.click('form.import button[type="submit"]');
  await options.waitForSelector(`${section} tbody tr`);
  expect(await options.locator(`${section} tbody tr`).count()).toBe(5);
  expect(names(await reportOf(l, tabId), 'declared')).toEqual(['csrftoken', 'inline_pref', 'sessionid']);
  await options.screenshot({ path: path.join(os.tmpdir(), 'cookie-auditor-options.png'), fullPage: true });
});

it('resets a site to the built-in list', async () => {
  await options.click(`${section} button[data-action="reset"]`);
  await options.waitForSelector(section, { state: 'detached' });
  expect((await reportOf(l, tabId)).declaredList.name).toMatch(/built-in/);
});

it('shows hostile names and purposes from an imported list as text: nothing runs, nothing breaks', async () => {
  const hostile = [
    { name: '<img src=x onerror="document.title=`pwned`">', provider: '<script>document.title="pwned"</script>', purpose: '"><b>bold</b>' },
    { name: '__proto__', provider: 'constructor', purpose: 'ünïcødé 🍪 ' + 'A'.repeat(1900) },
    { name: 'constructor', provider: 'P', purpose: '\u202eevil\u202c' },
  ];
  await options.setInputFiles('#import-file', { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ cookies: hostile })) });
  await options.fill('#import-site', '127.0.0.9');
  await options.click('form.import button[type="submit"]');
  const s = '[data-scope="127.0.0.9"]';
  await options.waitForSelector(`${s} tbody tr`);
  const values = await options.locator(`${s} tbody input[data-field="name"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(values).toEqual(hostile.map((h) => h.name));
  expect(await options.locator(`${s} tbody input[data-field="provider"]`).first().inputValue()).toBe(hostile[0]?.provider);
  expect(await options.locator('img, b, script:not([src])').count()).toBe(0);
  expect(await options.title()).not.toBe('pwned');
  // And it saves back unchanged.
  await options.click(`${s} button[data-action="save"]`);
  await options.waitForSelector(`${s} [role="status"]:text("Saved 3 entries")`);
  await options.click(`${s} button[data-action="reset"]`);
  await options.waitForSelector(s, { state: 'detached' });
});
