import fs from 'node:fs';
import { startDemoPortal, type DemoPortal } from '../../demo/portal';
import { verdictCode, type Report } from '../core/report';
import { ArgError, parseArgs, requestedLang, type CliArgs } from './args';
import { extensionCall, extensionReport, launch, settle, tabIdOf, UsageError, type Launched } from './launch';
import { listFromPolicy, type DeclaredList } from '../core/declared';
import { DeclaredListError, parseDeclaredList } from '../core/declared-json';
import { siteOfUrl } from '../core/party';
import { withConsentPhases } from '../core/phases';
import { serialise } from '../core/export';
import { safeText } from '../core/format-text';
import { catalogueTranslator, messageOf, type Lang, type Translate } from '../core/i18n';
import { diffReports, formatDiff, parseReport, ReportFileError } from '../core/diff';
import { crawl, crawledReport } from './crawl';
import type { Page } from 'playwright-core';

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
}

export async function audit(url: string, args: AuditOptions, launched?: Launched): Promise<Report> {
  const l = launched ?? (await launch(args.lang ? { lang: args.lang } : {}));
  const t = catalogueTranslator(args.lang ?? 'en');
  const site = siteOfUrl(url) as string;
  try {
    if (args.declaredList) await extensionCall(l, 'saveDeclaredList', { scope: { site }, list: args.declaredList });
    // The persistent context opens with one blank tab: use it rather than open another.
    const page = l.context.pages().find((p) => p.url() === 'about:blank') ?? (await l.context.newPage());
    // Open the page the report is asked from while the portal loads.
    const ready = extensionReport(l, -1).catch(() => null);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: args.timeoutMs });
      await ready;
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new UsageError('cli_load_failed', url, msg ?? '');
    }
    const tabId = await tabIdOf(l, page);
    await settle(l, page, tabId, Math.min(args.timeoutMs, 15_000));
    if (args.policy) {
      const preview = await extensionCall(l, 'readPolicy', { tabId, ...(args.policy === 'auto' ? {} : { url: args.policy }) }).catch((e: unknown) => {
        throw new UsageError('cli_policy_failed', e instanceof Error ? e.message : String(e));
      });
      preview.problems.forEach((p) => args.onProblem?.(p));
      await extensionCall(l, 'saveDeclaredList', { scope: { site }, list: listFromPolicy(site, preview) });
    }
    let boundary: number | undefined;
    if (args.consent) boundary = await clickConsent(l, page, tabId, args.consent, args.timeoutMs, t);
    let report = await extensionReport(l, tabId, args.showValues);
    if (!report) throw new Error(`The extension has no audit for ${url}.`);
    if ((args.pages ?? 1) > 1) {
      const result = await crawl(l, page, tabId, report, { site, pages: args.pages ?? 1, timeoutMs: args.timeoutMs, t, ...(args.onPage ? { onPage: args.onPage } : {}) });
      report = (await crawledReport(l, tabId, args.showValues, result)) ?? report;
    }
    return boundary === undefined ? report : withConsentPhases(report, boundary, t('cli_clicking', args.consent ?? ''));
  } finally {
    if (!launched) await l.close();
  }
}

/** Clicks the consent element, dates consent at the click, waits until settled; returns the moment. */
async function clickConsent(l: Launched, page: Page, tabId: number, selector: string, timeoutMs: number, t: Translate): Promise<number> {
  const target = page.locator(selector).first();
  try {
    await target.waitFor({ state: 'visible', timeout: Math.min(timeoutMs, 10_000) });
  } catch (e) {
    const invalid = e instanceof Error && /selector|parse/i.test(e.message) && !/Timeout/.test(e.message);
    throw new UsageError(invalid ? 'cli_consent_invalid' : 'cli_consent_missing', selector, page.url());
  }
  const at = Date.now();
  await extensionCall(l, 'markConsent', { tabId, how: t('cli_clicked', selector) });
  await target.click({ timeout: Math.min(timeoutMs, 10_000) });
  await settle(l, page, tabId, Math.min(timeoutMs, 15_000));
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
