import { launch } from '../src/cli/launch';
import { chromiumPage } from '../src/cli/chromium-driver';

// The floor of a CLI audit: the same browser, without the extension, opens the page and closes.
// With --settle it also waits, as an audit must, until the network has been quiet (250 ms) so that
// the page's late requests are done: the least any tool that reports a page's cookies must wait.
async function main(url: string, settle: boolean): Promise<void> {
  const l = await launch({ bare: true });
  try {
    const page = l.context.pages()[0] ?? (await l.context.newPage());
    const driven = chromiumPage(page);
    await driven.goto(url, 30_000);
    if (settle) await driven.networkIdle(15_000);
  } finally {
    await l.close();
  }
}

void main(process.argv[2] as string, process.argv.includes('--settle'));
