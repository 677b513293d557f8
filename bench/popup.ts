import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultExtensionDir, launch, type Launched } from '../src/cli/browser/launch';
import { tabIdOf } from '../src/cli/browser/chromium-driver';
import { median, ms, type Row } from './measure';

// The popup of a tab with 5,000 recorded cookies, timed from its page's start to its first frame on
// screen, side by side with an empty page of the same extension: what any extension page costs to
// open on this machine before a line of the popup's code runs.

/** The built extension with an empty page beside the popup (a copy: dist/ stays as built). */
function withEmptyPage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-popup-'));
  fs.cpSync(defaultExtensionDir(), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'empty.html'), '<!doctype html><meta charset="utf-8"><title>empty</title><p>empty</p><script src="empty.js"></script>');
  fs.writeFileSync(path.join(dir, 'empty.js'), "requestAnimationFrame(() => setTimeout(() => performance.mark('cookie-auditor:first-render')));");
  return dir;
}

/** Writes 5,000 cookie changes into the extension's storage, as its recorder would. */
async function seed(ext: Launched, n: number): Promise<number> {
  const worker = ext.worker as NonNullable<Launched['worker']>;
  return worker.evaluate(async (count: number) => {
    const now = Date.now();
    const facts: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const id = `${now.toString(36)}-seed-${String(i).padStart(5, '0')}`;
      facts[`chg:${id}`] = {
        id, at: now + i, removed: false, cause: 'explicit',
        cookie: { name: `seeded_${i}`, value: 'v', domain: '127.0.0.1', path: '/', hostOnly: true, secure: false, httpOnly: false, sameSite: 'lax', session: i % 2 === 0, expirationDate: now / 1000 + 86_400 * (i % 500), storeId: '0' },
      };
    }
    await chrome.storage.session.set(facts);
    return chrome.storage.session.getBytesInUse(null);
  }, n);
}

/** Opens a page of the extension and returns when its first frame was on screen, and when its script started. */
async function open(ext: Launched, page: string): Promise<{ shown: number; started: number }> {
  const tab = await ext.context.newPage();
  await tab.goto(`chrome-extension://${ext.extensionId}/${page}`);
  await tab.waitForFunction(() => window.performance.getEntriesByName('cookie-auditor:first-render').length > 0, undefined, { timeout: 60_000 });
  const t = await tab.evaluate(() => ({
    shown: window.performance.getEntriesByName('cookie-auditor:first-render')[0]?.startTime ?? NaN,
    started: (window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
  }));
  if (page.startsWith('popup')) {
    const heading = await tab.textContent('section[data-group="undeclared"] h2');
    if (!heading?.includes('5,000') && !heading?.includes('5000')) throw new Error(`the popup's group says "${heading}", not 5,000 cookies`);
  }
  await tab.close();
  return t;
}

const spread = (xs: number[]): string => `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;

export async function popupAtScale(origin: string, runs: number, log: (s: string) => void): Promise<Row[]> {
  const dir = withEmptyPage();
  const ext = await launch({ extensionDir: dir });
  try {
    const page = await ext.context.newPage();
    await page.goto(`${origin}/none`);
    const tabId = await tabIdOf(ext, page);
    const bytes = await seed(ext, 5000);
    // As after browsing: the page loads again and the badge catches up with the 5,000 cookies.
    await page.reload();
    const worker = ext.worker as NonNullable<Launched['worker']>;
    const deadline = Date.now() + 30_000;
    while ((await worker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId)) !== '999+') {
      if (Date.now() > deadline) throw new Error('the badge never showed the 5,000 seeded cookies');
      await new Promise((r) => setTimeout(r, 100));
    }
    const popup: number[] = [];
    const own: number[] = [];
    const empty: number[] = [];
    for (let i = 0; i < Math.max(5, Math.round(runs / 2)); i++) {
      const p = await open(ext, `popup.html?tabId=${tabId}`);
      popup.push(p.shown);
      own.push(p.shown - p.started);
      empty.push((await open(ext, 'empty.html')).shown);
    }
    await page.close();
    log(`popup at 5,000 cookies: ${spread(popup)}; an empty page of the extension ${spread(empty)}; storage ${Math.round(bytes / 1024)} KiB`);
    return [
      { case: 'Popup of a tab with 5,000 recorded cookies: opened to its first frame on screen, in every run', figure: `${spread(popup)} over ${popup.length} runs`, target: '≤ 150 ms in every run', met: Math.max(...popup) <= 150 },
      { case: 'The same, an empty page of the extension (one line of script), opened alternately: the floor of any extension page here', figure: spread(empty), target: '(floor)', met: null },
      { case: 'The popup\'s own part: from its script done loading to its first frame (the report asked, received and built)', figure: spread(own), target: '(detail)', met: null },
      { case: 'Storage the extension keeps for those 5,000 cookie changes', figure: `${Math.round(bytes / 1024)} KiB (${Math.round(bytes / 5000)} bytes per change)`, target: '(measured)', met: null },
    ];
  } finally {
    await ext.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
