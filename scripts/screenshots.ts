import fs from 'node:fs';
import path from 'node:path';
import { startDemoPortal } from '../demo/portal';
import { LANGS } from '../src/core/text/i18n';
import { launch } from '../src/cli/browser/launch';
import { settle, tabIdOf } from '../src/cli/browser/chromium-driver';

// `npm run screenshots [DIR]`: the popup of the real extension on the demo portal, in each language
// and colour scheme, and the options page, for the README. Taken from a browser started in that
// language, so they stay true as the UI changes.
async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
  fs.mkdirSync(outDir, { recursive: true });
  const demo = await startDemoPortal();
  const wrote = (file: string): void => void process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  try {
    for (const lang of LANGS) {
      const l = await launch({ lang });
      try {
        const page = await l.context.newPage();
        await page.goto(demo.url);
        const tabId = await tabIdOf(l, page);
        await settle(l, page, tabId, 10_000);
        for (const scheme of ['light', 'dark'] as const) {
          const popup = await l.context.newPage();
          await popup.emulateMedia({ colorScheme: scheme });
          await popup.setViewportSize({ width: 520, height: 600 });
          await popup.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=${tabId}`);
          await popup.waitForSelector('#app[data-ready="true"]');
          // One timeline open, as an auditor would look at it.
          await popup.click('li.cookie[data-cookie-name="_tracker_uid"] summary');
          // Rows out of sight are not laid out (content-visibility: auto), and a full-page shot does
          // not scroll: lay them all out so the picture shows every row, as scrolling would.
          await popup.addStyleTag({ content: 'ul.cookies > li { content-visibility: visible !important; }' });
          const file = path.join(outDir, `popup-${lang}-${scheme}.png`);
          await popup.screenshot({ path: file, fullPage: true });
          wrote(file);
          await popup.close();
        }
        const options = await l.context.newPage();
        await options.setViewportSize({ width: 1000, height: 700 });
        await options.goto(`chrome-extension://${l.extensionId}/options.html`);
        await options.waitForSelector('#app[data-ready="true"]');
        await options.fill('#new-site', 'opendata.example.fr');
        await options.press('#new-site', 'Enter');
        await options.waitForSelector('section.list');
        const file = path.join(outDir, `options-${lang}.png`);
        await options.screenshot({ path: file, fullPage: true });
        wrote(file);
      } finally {
        await l.close();
      }
    }
  } finally {
    await demo.close();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`screenshots: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
