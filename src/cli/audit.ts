import fs from 'node:fs';
import { startDemoPortal, type DemoPortal } from '../../demo/portal';
import { verdictCode, type Report } from '../core/report/report';
import { ArgError, parseArgs, requestedLang, type CliArgs } from './args';
import { UsageError } from './launch';
import { reportOf, settle, type BrowserKind, type Driver, type DriverPage } from './driver';
import { launchChromium } from './chromium-driver';
import { launchFirefox } from './firefox-driver';
import { listFromPolicy, type DeclaredList } from '../core/declared/declared';
import { DeclaredListError, parseDeclaredList } from '../core/declared/declared-json';
import { siteOfUrl } from '../core/evidence/party';
import { withConsentPhases } from '../core/report/phases';
import { serialise } from '../core/report/export';
import { safeText } from '../core/report/format-text';
import { catalogueTranslator, messageOf, type Lang, type Translate } from '../core/text/i18n';
import { diffReports, formatDiff, parseReport, ReportFileError } from '../core/report/diff';
import { crawl, crawledReport } from './crawl';

// `npm run audit`: a page (or, with --pages, a portal), audited by the extension itself and printed
// in the format asked; `--diff` compares two saved reports instead.

export interface AuditOptions extends Pick<CliArgs, 'timeoutMs' | 'showValues' | 'policy' | 'consent'> {
  /** The report's language, and the browser's; English by default. */
  lang?: Lang;
  /** Pages in all, the start page included (default 1). */
  pages?: number;
  onPage?: (index: number, url: string) => void;
  declaredList?: DeclaredList;
  /** Told of what a policy page held that could not be read, for the user to check. */
  onProblem?: (message: string) => void;
  /** Chromium unless asked. */
  browser?: BrowserKind;
}

function launchBrowser(browser: BrowserKind, lang?: Lang): Promise<Driver> {
  return browser === 'firefox' ? launchFirefox(lang ? { lang } : {}) : launchChromium(lang ? { lang } : {});
}

export async function audit(url: string, args: AuditOptions, launched?: Driver): Promise<Report> {
  const d = launched ?? (await launchBrowser(args.browser ?? 'chromium', args.lang));
  const t = catalogueTranslator(args.lang ?? 'en');
  const site = siteOfUrl(url) as string;
  try {
    if (args.declaredList) await d.call('saveDeclaredList', { scope: { site }, list: args.declaredList });
    const page = await d.firstPage();
    // Open the page the report is asked from while the portal loads.
    const ready = reportOf(d, -1).catch(() => null);
    try {
      await page.goto(url, args.timeoutMs);
      await ready;
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new UsageError('cli_load_failed', url, msg ?? '');
    }
    const tabId = await d.tabIdOf(page);
    await settle(d, page, tabId, Math.min(args.timeoutMs, 15_000));
    if (args.policy) {
      const preview = await d.call('readPolicy', { tabId, ...(args.policy === 'auto' ? {} : { url: args.policy }) }).catch((e: unknown) => {
        throw new UsageError('cli_policy_failed', e instanceof Error ? e.message : String(e));
      });
      preview.problems.forEach((p) => args.onProblem?.(p));
      await d.call('saveDeclaredList', { scope: { site }, list: listFromPolicy(site, preview) });
    }
    let boundary: number | undefined;
    if (args.consent) boundary = await clickConsent(d, page, tabId, args.consent, args.timeoutMs, t);
    let report = await reportOf(d, tabId, args.showValues);
    if (!report) throw new Error(`The extension has no audit for ${url}.`);
    if ((args.pages ?? 1) > 1) {
      const result = await crawl(d, page, tabId, report, { site, pages: args.pages ?? 1, timeoutMs: args.timeoutMs, t, ...(args.onPage ? { onPage: args.onPage } : {}) });
      report = (await crawledReport(d, tabId, args.showValues, result)) ?? report;
    }
    return boundary === undefined ? report : withConsentPhases(report, boundary, t('cli_clicking', args.consent ?? ''));
  } finally {
    if (!launched) await d.close();
  }
}

/** Clicks the consent element, dates consent at the click, waits until settled; returns the moment. */
async function clickConsent(d: Driver, page: DriverPage, tabId: number, selector: string, timeoutMs: number, t: Translate): Promise<number> {
  const found = await page.waitForVisible(selector, Math.min(timeoutMs, 10_000));
  if (found !== 'visible') throw new UsageError(found === 'invalid' ? 'cli_consent_invalid' : 'cli_consent_missing', selector, await page.url());
  const at = Date.now();
  await d.call('markConsent', { tabId, how: t('cli_clicked', selector) });
  await page.click(selector, Math.min(timeoutMs, 10_000));
  await settle(d, page, tabId, Math.min(timeoutMs, 15_000));
  return at;
}

/** `--diff OLD NEW`: what appeared or disappeared between two saved reports; 1 when something appeared. */
function diffCommand([older, newer]: [string, string], format: CliArgs['format'], t: Translate): number {
  try {
    const read = (f: string) => {
      try {
        return parseReport(fs.readFileSync(f, 'utf8'), f);
      } catch (e) {
        if (e instanceof ReportFileError) throw e;
        throw new ReportFileError('err_read_file', f, (e as NodeJS.ErrnoException).code ?? String(e));
      }
    };
    const d = diffReports(read(older), read(newer));
    process.stdout.write(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDiff(d, t));
    return d.cookies.appeared.length + d.findings.appeared.length > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ReportFileError)) throw e;
    process.stderr.write(`cookie-auditor: ${messageOf(e, t)}\n`);
    return 2;
  }
}

function readDeclaredFile(file: string): DeclaredList {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('err_read_file', file, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  try {
    return parseDeclaredList(text, `file ${file}`);
  } catch (e) {
    if (e instanceof DeclaredListError) throw new UsageError('cli_file_problem', file, e);
    throw e;
  }
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv, process.env);
  } catch (e) {
    if (e instanceof ArgError) {
      process.stderr.write(`cookie-auditor: ${messageOf(e, catalogueTranslator(requestedLang(argv, process.env)))}\n`);
      return 2;
    }
    throw e;
  }
  const t = catalogueTranslator(args.lang);
  if (args.help) {
    process.stdout.write(t('cli_usage') + '\n');
    return 0;
  }
  if (args.diff) return diffCommand(args.diff, args.format, t);
  let demo: DemoPortal | undefined;
  try {
    if (args.demo) demo = await startDemoPortal();
    const url = demo?.url ?? (args.url as string);
    let declaredList: DeclaredList | undefined;
    if (args.declared) declaredList = readDeclaredFile(args.declared);
    const tty = process.stderr.isTTY === true;
    const report = await audit(url, {
      ...args,
      ...(declaredList ? { declaredList } : {}),
      onProblem: (p) => process.stderr.write(`cookie-auditor: ${t('cli_policy_problem', p)}\n`),
      // A progress line per page for a person watching; scripts and CI get quiet stderr.
      ...(tty ? { onPage: (i: number, u: string) => process.stderr.write(`cookie-auditor: ${t('cli_page', i, args.pages, safeText(u))}\n`) } : {}),
    });
    // The findings are worded by the browser, in its own language: say so when it is not the one asked.
    if (report.language !== args.lang) process.stderr.write(`cookie-auditor: ${t('cli_browser_language', args.browser, report.language, args.lang)}\n`);
    const text = serialise(report, args.format, t);
    if (args.out) {
      try {
        fs.writeFileSync(args.out, text);
      } catch (e) {
        process.stdout.write(text);
        throw new UsageError('cli_write_failed', args.out, (e as NodeJS.ErrnoException).code ?? String(e));
      }
    } else {
      process.stdout.write(text);
    }
    const failed = (report.pages ?? []).filter((p) => p.status === 'failed');
    for (const p of failed) process.stderr.write(`cookie-auditor: ${t('cli_could_not_audit', safeText(p.url), safeText(p.error ?? '?'))}\n`);
    return failed.length > 0 ? 2 : verdictCode(report, args.failOn);
  } catch (e) {
    process.stderr.write(`cookie-auditor: ${messageOf(e, t).split('\n')[0]}\n`);
    return 2;
  } finally {
    await demo?.close();
  }
}

if (require.main === module) {
  // Set the status and let Node end once the browser and the demo servers are closed.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
