import { launch } from '../src/cli/browser/launch';
import { chromiumPage } from '../src/cli/browser/chromium-driver';

// The floor of a CLI audit: the same browser, without the extension, opens the page and closes.
// With --settle it also waits, as an audit must, until the network has been quiet (250 ms) so that
// the page's late requests are done: the least any tool that reports a page's cookies must wait.
// With --extension DIR it loads that extension first and waits for its worker, as the CLI does:
// what loading any extension adds to a run.
async function main(url: string, settle: boolean, extensionDir: string | undefined): Promise<void> {
  const l = await launch(extensionDir ? { extensionDir } : { bare: true });
  try {
    const page = l.context.pages()[0] ?? (await l.context.newPage());
    const driven = chromiumPage(page);
    await driven.goto(url, 30_000);
    if (settle) await driven.networkIdle(15_000);
  } finally {
    await l.close();
  }
}

const at = process.argv.indexOf('--extension');
void main(process.argv[2] as string, process.argv.includes('--settle'), at > 0 ? process.argv[at + 1] : undefined);
