import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { LocalizedError } from '../../core/text/i18n';

// Launches the system Chromium with the built extension loaded, in a fresh profile.

export class UsageError extends LocalizedError {}


/** A browser's binary: the one named by `explicit` (the user's choice: a wrong one is an error, not a reason to guess), else the first of `usual` that exists. */
export function findBrowser(explicit: string | undefined, usual: string[], missing: 'cli_no_chromium' | 'cli_no_firefox'): string {
  const candidates = explicit ? [explicit] : usual;
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new UsageError(missing, candidates.join(', '));
  return found;
}

export function findChromium(): string {
  return findBrowser(process.env.CHROME_PATH, ['/usr/bin/chromium', '/usr/bin/chromium-browser'], 'cli_no_chromium');
}

/** The built extension for a browser: dist/<target>. */
export function builtExtensionDir(target: 'chrome' | 'firefox'): string {
  // dist/node/src/cli/browser -> dist/<target> when compiled; src/cli/browser -> dist/<target> under ts-jest.
  const fromHere = [path.resolve(__dirname, '../../../..', target), path.resolve(__dirname, '../../../dist', target)];
  const dir = fromHere.find((d) => fs.existsSync(path.join(d, 'manifest.json')));
  if (!dir) throw new UsageError('cli_not_built');
  return dir;
}

export function defaultExtensionDir(): string {
  return builtExtensionDir('chrome');
}

export interface LaunchOptions {
  extensionDir?: string;
  /** Chromium 156 blocks third-party cookies by default; an audit must see what the page tries. */
  allowThirdPartyCookies?: boolean;
  lang?: string;
  /** Load no extension: the bare browser, for comparisons. */
  bare?: boolean;
  /** More Chromium switches (a test's net log, for one). */
  extraArgs?: string[];
  /** Let the extension run in incognito windows, as a user allows it on chrome://extensions. */
  incognito?: boolean;
  /**
   * `full` (the default: an audit from the command line records every Set-Cookie header, in every
   * tab, from the first instant): a copy of the built extension whose manifest says so. `passive`:
   * the extension as a user installs it.
   */
  evidence?: 'full' | 'passive';
}

/** A copy of a built extension that records full evidence everywhere (background/evidence-mode reads the manifest key). */
export function fullEvidenceCopy(from: string, into: string): string {
  fs.cpSync(from, into, { recursive: true });
  const file = path.join(into, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  manifest.cookie_auditor_evidence = 'full';
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return into;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker | null;
  extensionId: string | null;
  profileDir: string;
  close: () => Promise<void>;
}

export async function launch(opts: LaunchOptions = {}): Promise<Launched> {
  const executablePath = findChromium();
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-'));
  // The extension as built, or, for full evidence, its copy beside the profile (removed with it).
  const extensionDir = opts.bare ? null : (opts.extensionDir ?? (opts.evidence === 'passive' ? defaultExtensionDir() : fullEvidenceCopy(defaultExtensionDir(), `${profileDir}-extension`)));
  if (opts.allowThirdPartyCookies !== false) {
    fs.mkdirSync(path.join(profileDir, 'Default'), { recursive: true });
    fs.writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    // Consent managers hide from automated browsers (CookieConsent's hideFromBots reads
    // navigator.webdriver): an audit must see the banner a visitor sees.
    '--disable-blink-features=AutomationControlled',
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  // The extension speaks the browser's language: set it, so the audit does not depend on the machine's.
  args.push(`--lang=${opts.lang ?? 'en'}`, ...(opts.extraArgs ?? []));
  const start = () =>
    chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args,
      ignoreDefaultArgs: ['--enable-automation'],
      // Ctrl-C is the command's to handle: a fleet writes its summary before the browsers close.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      ...(opts.lang ? { locale: opts.lang } : {}),
    });
  let context = await start();
  if (opts.incognito && extensionDir) {
    // The switch on chrome://extensions reloads the extension, which Chromium then disables as an
    // unsupported developer extension; the same setting written in the profile between two starts holds.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const id = new URL(worker.url()).host;
    await context.close();
    allowInIncognito(profileDir, id);
    context = await start();
  }
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.rmSync(`${profileDir}-extension`, { recursive: true, force: true });
  };
  if (!extensionDir) return { context, worker: null, extensionId: null, profileDir, close };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    // The event may come before the worker's top level ran: wait until its listeners are in place.
    const deadline = Date.now() + 10_000;
    while (!(await worker.evaluate(() => (globalThis as { __cookieAuditorReady?: boolean }).__cookieAuditorReady === true))) {
      if (Date.now() > deadline) throw new Error('The extension did not start (its service worker never became ready).');
      await new Promise((r) => setTimeout(r, 25));
    }
    return { context, worker, extensionId: new URL(worker.url()).host, profileDir, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function allowInIncognito(profileDir: string, extensionId: string): void {
  const file = path.join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(fs.readFileSync(file, 'utf8')) as { extensions?: { settings?: Record<string, { incognito?: boolean }> } };
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`Chromium keeps no settings for extension ${extensionId}.`);
  settings.incognito = true;
  fs.writeFileSync(file, JSON.stringify(prefs));
}
