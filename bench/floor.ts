import { launch } from '../src/cli/launch';

// The floor of a CLI audit: the same browser, without the extension, opens the page and closes.
async function main(url: string): Promise<void> {
  const l = await launch({ bare: true });
  try {
    const page = l.context.pages()[0] ?? (await l.context.newPage());
    await page.goto(url, { waitUntil: 'load' });
  } finally {
    await l.close();
  }
}

void main(process.argv[2] as string);
