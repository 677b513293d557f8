import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Fixtures } from '../fixtures/portal';
import { badgeTitle, eventually, openAndSettle, popupGroups, runCli, withBrowser, type Launched } from './harness';

// The popup and options page as auditors use them, in real Chromium: English and French, keyboard
// only, filter, sort, fold, copy, and an automated accessibility check with axe-core.

let fx: Fixtures;
let l: Launched;
let tabId: number;
withBrowser(async (f, b) => {
  fx = f;
  l = b;
  ({ tabId } = await openAndSettle(l, `${fx.portal}/basic`));
});

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the popup, light and dark, with a timeline open, has no violation', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await popupGroups(l, tabId);
      await page.emulateMedia({ colorScheme: scheme });
      await page.click('li.cookie[data-cookie-name="tp_uid"] summary');
      expect([scheme, await axeViolations(page)]).toEqual([scheme, []]);
      await page.close();
    }
  });
  it('the options page has no violation', async () => {
    const page = await l.context.newPage();
    await page.goto(`chrome-extension://${l.extensionId}/options.html`);
    await page.waitForSelector('#app[data-ready="true"]');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
  it('the HTML report has no violation', async () => {
    const out = path.join(os.tmpdir(), `cookie-auditor-axe-${process.pid}.html`);
    await runCli([`${fx.portal}/basic`, '--format', 'html', '--out', out]);
    const page = await l.context.newPage();
    await page.goto(`file://${out}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    fs.rmSync(out, { force: true });
  });
});

describe('keyboard only', () => {
  it('reaches every action with Tab, each with a visible focus ring, and works them with Enter and Space', async () => {
    const { page } = await popupGroups(l, tabId);
    const reached: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { id: el.id || el.dataset.export || el.className || el.tagName.toLowerCase(), ring: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (!info) continue;
      expect([info.id, info.ring]).toEqual([info.id, true]);
      reached.push(info.id);
    }
    for (const id of ['read-policy', 'policy-url', 'filter', 'sort', 'show-values', 'json', 'csv', 'html', 'md', 'mark-consent', 'to-cookie', 'fold', 'copy', 'edit-lists']) {
      expect(reached).toContain(id);
    }
    // Space folds a group from the keyboard; the heading says so to a screen reader.
    await page.focus('section[data-group="undeclared"] button.fold');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('section[data-group="undeclared"] button.fold')?.getAttribute('aria-expanded') === 'false');
    expect(await page.isHidden('#list-undeclared')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fold'))).toBe(true);
    await page.close();
  });
});

describe('at a glance', () => {
  it('filters by name and sorts by party or expiry', async () => {
    const { page } = await popupGroups(l, tabId);
    await page.fill('#filter', 'PK_');
    await page.waitForFunction(() => document.querySelector('section[data-group="undeclared"] h2')?.textContent === 'Undeclared (1 of 6)');
    expect(await page.locator('li.cookie .name').allTextContents()).toEqual(['_pk_id.1.abc']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter');
    await page.fill('#filter', '');
    await page.selectOption('#sort', 'expiry');
    await page.waitForSelector('section[data-group="all"]');
    const byExpiry = await page.locator('section[data-group="all"] li.cookie .name').allTextContents();
    expect(byExpiry.slice(0, 3)).toEqual(['_pk_id.1.abc', 'tp_uid', 'csrftoken']);
    await page.selectOption('#sort', 'party');
    await page.waitForFunction(() => document.querySelector('section[data-group="all"] h2')?.textContent?.startsWith('All cookies, third parties first'));
    const parties = await page.locator('section[data-group="all"] li.cookie').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.party));
    expect(parties).toEqual(['third', 'third', 'first', 'first', 'first', 'first', 'first', 'first']);
    await page.close();
  });

  it("a finding leads to its cookie even when the filter hides that cookie's row", async () => {
    const { page } = await popupGroups(l, tabId);
    await page.fill('#filter', 'PK_');
    await page.waitForFunction(() => document.querySelector('section[data-group="undeclared"] h2')?.textContent === 'Undeclared (1 of 6)');
    await page.locator('li.finding[data-rule="third-party"] a.to-cookie', { hasText: 'tp_uid' }).click();
    // The popup shows that cookie by its name, with its timeline open and focused.
    await page.waitForFunction(() => document.querySelector('li.cookie[data-cookie-name="tp_uid"] details')?.hasAttribute('open'));
    expect(await page.inputValue('#filter')).toBe('tp_uid');
    expect(await page.locator('li.cookie .name').allTextContents()).toEqual(['tp_uid']);
    expect(await page.evaluate(() => document.activeElement?.closest('li.cookie')?.getAttribute('data-cookie-name'))).toBe('tp_uid');
    await page.close();
  });

  it("copies one cookie's evidence: what it is, who set it, its timeline and its findings", async () => {
    await l.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page } = await popupGroups(l, tabId);
    await page.click('li.cookie[data-cookie-name="tp_uid"] button.copy');
    await page.waitForSelector('.status:text("Copied the evidence of tp_uid")');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^Cookie tp_uid on http:\/\/127\.0\.0\.1:\d+\/basic/);
    expect(text).toMatch(/Set-Cookie header of http:\/\/127\.0\.0\.2:\d+\/pixel\.gif/);
    expect(text).toMatch(/Timeline \(UTC\):\n\s+\d{4}-\d\d-\d\dT[\d:.]+Z set/);
    expect(text).toMatch(/\[LOW\] tp_uid is a third-party cookie of 127\.0\.0\.2/);
    expect(text).not.toMatch(/^\s+value:/m); // the value stays redacted
    await page.close();
  });
});

describe('screenshots', () => {
  it('npm run screenshots writes the popup in both languages and schemes, and the options page', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-shots-'));
    const run = await new Promise<number>((resolve) => {
      execFile(process.execPath, [path.join(__dirname, '../../dist/node/scripts/screenshots.js'), out], { timeout: 120_000 }, (err) => resolve(err ? (typeof err.code === 'number' ? err.code : 99) : 0));
    });
    expect(run).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['options-en.png', 'options-fr.png', 'popup-en-dark.png', 'popup-en-light.png', 'popup-fr-dark.png', 'popup-fr-light.png']);
    for (const f of fs.readdirSync(out)) expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(20_000);
    fs.rmSync(out, { recursive: true, force: true });
  }, 150_000);
});

describe('badge', () => {
  it('says in its title how many cookies are undeclared', async () => {
    await eventually(async () => expect(await badgeTitle(l, tabId)).toBe(`cookie-auditor: 6 undeclared cookies on 127.0.0.1`));
  });
});
