import fs from 'node:fs';
import path from 'node:path';
import { startDemoPortal } from '../demo/portal';
import { launch, settle, tabIdOf } from '../src/cli/launch';

// `npm run screenshots`: the popup of the real extension on the demo portal, for the README.
async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
  fs.mkdirSync(outDir, { recursive: true });
  const demo = await startDemoPortal();
  const l = await launch();
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
      const file = path.join(outDir, `popup-${scheme}.png`);
      await popup.screenshot({ path: file, fullPage: true });
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
      await popup.close();
    }
  } finally {
    await l.close();
    await demo.close();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`screenshots: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
