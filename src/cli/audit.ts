#!/usr/bin/env node
import fs from 'node:fs';
import { startDemoPortal, type DemoPortal } from '../../demo/portal';
import { verdictCode, type Report } from '../core/report/report';
import { ArgError, choiceWay, parseArgs, requestedLang, type CliArgs } from './args';
import { makeChoice, type ChoiceWay } from './consent/choice';
import { withChoices, type ChoiceName, type ChoiceRun } from '../core/report/choices';
import { UsageError } from './browser/launch';
import { reportOf, settle, type BrowserKind, type Driver, type DriverPage } from './browser/driver';
import { launchChromium } from './browser/chromium-driver';
import { launchFirefox } from './browser/firefox-driver';
import { listFromPolicy, type DeclaredList } from '../core/declared/declared';
import { DeclaredListError, parseDeclaredList } from '../core/declared/declared-json';
import { siteOfUrl } from '../core/evidence/party';
import { withConsentPhases } from '../core/report/phases';
import { serialise } from '../core/report/export';
import { safeText } from '../core/report/format-text';
import { catalogueTranslator, messageOf, type Lang, type Translate } from '../core/text/i18n';
import { diffReports, formatDiff, parseReport, ReportFileError } from '../core/report/diff';
import { crawl, DEFAULT_TABS } from './crawl';
import { fleetCommand, mergeCommand } from './fleet/fleet-command';
import { browserPool } from './fleet/fleet-browsers';
import { EvidenceBundle, toolVersion } from './evidence/bundle';
import { fingerprint, keygenCommand, verifyCommand } from './evidence/commands';
import { filesUnder, readKey, seal } from './evidence/seal';
import { siteFileName } from './fleet/url-list';
import type crypto from 'node:crypto';
import path from 'node:path';

// `cookie-auditor` (`npm run audit --` from a clone): a page (or, with --pages, a portal), audited by the extension itself and printed
// in the format asked; `--diff` compares two saved reports instead.

export interface AuditOptions extends Pick<CliArgs, 'timeoutMs' | 'showValues' | 'policy' | 'stayOnPage'> {
  /** The choice to make once the page is settled (--consent, --reject, --cmp). */
  choice?: ChoiceWay;
  /** Told of what the auditor should know: a choice that could not be made. */
  onWarning?: (message: string) => void;
  /** Aborting it closes the browsers this audit started (a fleet's Ctrl-C, or a site past its time). */
  signal?: AbortSignal;
  /** In a browser that audits one site after another: a tab of its own, closed at the end. */
  ownTab?: boolean;
  /** The report's language, and the browser's; English by default. */
  lang?: Lang;
  /** Pages in all, the start page included (default 1). */
  pages?: number;
  /** Tabs a crawl visits pages in at once (default 4). */
  tabs?: number;
  onPage?: (index: number, url: string) => void;
  declaredList?: DeclaredList;
  /** Told of what a policy page held that could not be read, for the user to check. */
  onProblem?: (message: string) => void;
  /** Chromium unless asked. */
  browser?: BrowserKind;
  /** `--evidence DIR`: the bundle this audit fills and seals (screenshots at each phase, HAR, policy, reports). */
  evidence?: EvidenceBundle;
}

function launchBrowser(browser: BrowserKind, lang?: Lang): Promise<Driver> {
  return browser === 'firefox' ? launchFirefox(lang ? { lang } : {}) : launchChromium(lang ? { lang } : {});
}

export async function audit(url: string, args: AuditOptions, launched?: Driver): Promise<Report> {
  const d = launched ?? (await launchBrowser(args.browser ?? 'chromium', args.lang));
  if (!launched && args.signal) {
    if (args.signal.aborted) await d.close();
    else args.signal.addEventListener('abort', () => void d.close(), { once: true });
  }
  const t = catalogueTranslator(args.lang ?? 'en');
  const site = siteOfUrl(url) as string;
  let page: DriverPage | undefined;
  try {
    if (args.declaredList) await d.call('saveDeclaredList', { scope: { site }, list: args.declaredList });
    page = args.ownTab ? await d.newPage() : await d.firstPage();
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
    await args.evidence?.snap(page, 'load');
    if (args.policy) {
      // "auto" reads the page as the browser rendered it: a consent manager injects its declaration and loads its configuration by script.
      const html = args.policy === 'auto' ? await page.evaluate(() => document.documentElement.outerHTML, null).catch(() => undefined) : undefined;
      const preview = await d.call('readPolicy', { tabId, ...(args.policy === 'auto' ? (html ? { html } : {}) : { url: args.policy }) }).catch((e: unknown) => {
        throw new UsageError('cli_policy_failed', e instanceof Error ? e.message : String(e));
      });
      preview.problems.forEach((p) => args.onProblem?.(p));
      await d.call('saveDeclaredList', { scope: { site }, list: listFromPolicy(site, preview) });
    }
    // The banner as shown, just before the click.
    if (args.choice) await args.evidence?.snap(page, 'banner');
    const made = args.choice ? await makeChoice(d, page, tabId, args.choice, args.timeoutMs, t) : undefined;
    if (made?.warning) args.onWarning?.(made.warning);
    if (made) await args.evidence?.snap(page, 'after-choice');
    // Look again: what a site sets with the choice in force shows on the next page view (a consent
    // manager often deletes trackers at the click, and a leaky page sets them again).
    const reloaded = made?.at !== undefined && !args.stayOnPage ? await lookAgain(d, page, tabId, args.timeoutMs) : undefined;
    if (reloaded !== undefined) await args.evidence?.snap(page, 'after-reload');
    let report = await reportOf(d, tabId, args.showValues);
    if (!report) throw new Error(`The extension has no audit for ${url}.`);
    if ((args.pages ?? 1) > 1) {
      report = (await crawl(d, page, tabId, report, { site, pages: args.pages ?? 1, tabs: args.tabs ?? DEFAULT_TABS, timeoutMs: args.timeoutMs, showValues: args.showValues, t, ...(args.onPage ? { onPage: args.onPage } : {}) })) ?? report;
    }
    if (made) {
      report = { ...report, consent: { ...report.consent, action: made.action } };
      const action = made.action.kind === 'selector' ? t('cli_clicking', made.action.selector ?? '') : (made.action.cmp ?? '');
      if (made.at !== undefined) report = withConsentPhases(report, made.at, action, made.action.choice, reloaded);
    }
    if (!args.evidence) return report;
    // Sealed while the browser is still open (its version, its network log); the report printed carries the seal.
    const manifestSha256 = await args.evidence.finish(d, report, t);
    return { ...report, evidence: { dir: args.evidence.dir, manifestSha256 } };
  } finally {
    if (!launched) await d.close();
    else if (args.ownTab) await page?.close().catch(() => undefined);
  }
}

/** Loads the page again with the choice in force and waits for its evidence; the URL loaded. */
async function lookAgain(d: Driver, page: DriverPage, tabId: number, timeoutMs: number): Promise<string> {
  const url = await page.url();
  try {
    await page.goto(url, timeoutMs);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new UsageError('cli_load_failed', url, msg ?? '');
  }
  await settle(d, page, tabId, Math.min(timeoutMs, 15_000));
  return url;
}

/** `--choices`: each choice audited in a fresh browser (no choice leaks into another), in one report. */
export async function auditChoices(url: string, args: AuditOptions & Pick<CliArgs, 'consent' | 'reject'>, choices: readonly ChoiceName[]): Promise<Report> {
  const runs: ChoiceRun[] = [];
  for (const choice of choices) {
    try {
      const way = choiceWay(args, choice);
      // Each run makes its own choice, or none: never the single choice of the options.
      const options: AuditOptions = { ...args };
      delete options.choice;
      runs.push({ choice, report: await audit(url, { ...options, ...(way ? { choice: way } : {}) }) });
    } catch (e) {
      runs.push({ choice, report: null, error: messageOf(e, catalogueTranslator(args.lang ?? 'en')).split('\n')[0] ?? '?' });
    }
  }
  const report = withChoices(runs);
  if (!report) throw new Error(runs.map((r) => `${r.choice}: ${r.error ?? '?'}`).join('; '));
  return report;
}

/** Whether the choice asked for could not be made: `--fail-on …,no-choice` then exits 2. */
function choiceMissed(r: Report): boolean {
  const actions = r.choices ? r.choices.runs.map((x) => x.report?.consent.action) : [r.consent.action];
  return actions.some((a) => a !== undefined && a.outcome !== 'done') || (r.choices?.runs.some((x) => !x.report) ?? false);
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
  if (args.keygen) return keygenCommand(args.out as string, t);
  if (args.verify !== undefined) return verifyCommand(args.verify, args.key, t);
  if (args.merge) return mergeCommand(args.merge, args.outDir, t);
  let demo: DemoPortal | undefined;
  try {
    if (args.demo) demo = await startDemoPortal();
    const url = demo?.url ?? (args.url as string);
    let declaredList: DeclaredList | undefined;
    if (args.declared) declaredList = readDeclaredFile(args.declared);
    const tty = process.stderr.isTTY === true;
    const way = args.choices ? undefined : choiceWay(args);
    let signKey: crypto.KeyObject | undefined;
    if (args.sign !== undefined) {
      try {
        signKey = readKey(args.sign, 'private');
      } catch (e) {
        throw new UsageError('verify_key_problem', args.sign, e instanceof Error ? e.message : String(e));
      }
    }
    const bundle = (dir: string): EvidenceBundle => {
      try {
        return new EvidenceBundle(path.resolve(dir), { showValues: args.showValues, screenshots: args.screenshots, argv, ...(signKey ? { signKey } : {}) });
      } catch (e) {
        throw new UsageError('evidence_failed', dir, e instanceof Error ? e.message : String(e));
      }
    };
    const sealed = (r: Report): void => {
      if (!r.evidence) return;
      process.stderr.write(`cookie-auditor: ${t('evidence_written', safeText(r.evidence.dir), filesUnder(r.evidence.dir).length, r.evidence.manifestSha256)}\n`);
      if (signKey) process.stderr.write(`cookie-auditor: ${t('evidence_signed', fingerprint(signKey))}\n`);
    };
    const options: AuditOptions & Pick<CliArgs, 'consent' | 'reject'> = {
      ...args,
      ...(way ? { choice: way } : {}),
      ...(declaredList ? { declaredList } : {}),
      onWarning: (w) => process.stderr.write(`cookie-auditor: ${w}\n`),
      onProblem: (p) => process.stderr.write(`cookie-auditor: ${t('cli_policy_problem', p)}\n`),
      // A progress line per page for a person watching; scripts and CI get quiet stderr.
      ...(tty ? { onPage: (i: number, u: string) => process.stderr.write(`cookie-auditor: ${t('cli_page', i, args.pages, safeText(u))}\n`) } : {}),
    };
    if (args.urls !== undefined) {
      const choices = args.choices;
      // --choices needs a fresh profile per choice; other audits share a worker's browser, cleared between sites.
      const pool = browserPool(() => launchBrowser(args.browser, args.lang));
      try {
        // --evidence DIR: a bundle per site in DIR/sites/, then one manifest over them all.
        const siteBundle = (site: string): EvidenceBundle | undefined => (args.evidenceDir !== undefined ? bundle(path.join(args.evidenceDir, 'sites', siteFileName(site).replace(/\.json$/, ''))) : undefined);
        const code = await fleetCommand(args, argv, (site, signal, worker) => {
          if (choices) return auditChoices(site, { ...options, signal }, choices);
          const evidence = siteBundle(site);
          return pool.run(worker, signal, (d) => audit(site, { ...options, ownTab: true, ...(evidence ? { evidence } : {}) }, d));
        }, t);
        if (args.evidenceDir !== undefined && fs.existsSync(path.join(args.evidenceDir, 'sites'))) {
          const digest = seal(path.resolve(args.evidenceDir), { name: 'cookie-auditor', version: toolVersion() }, signKey);
          process.stderr.write(`cookie-auditor: ${t('evidence_written', safeText(args.evidenceDir), filesUnder(args.evidenceDir).length, digest)}\n`);
        }
        return code;
      } finally {
        await pool.closeAll();
      }
    }
    const report = args.choices ? await auditChoices(url, options, args.choices) : await audit(url, { ...options, ...(args.evidenceDir !== undefined ? { evidence: bundle(args.evidenceDir) } : {}) });
    sealed(report);
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
    for (const run of report.choices?.runs ?? []) if (!run.report) process.stderr.write(`cookie-auditor: ${t('choices_failed', t(`choice_${run.choice}`), safeText(run.error ?? '?'))}\n`);
    // A selector the auditor named that did nothing is an error; a banner autoconsent did not find is one only when asked.
    const selectorFailed = [report, ...(report.choices?.runs.map((x) => x.report) ?? [])].some((x) => x?.consent.action?.kind === 'selector' && x.consent.action.outcome !== 'done');
    const runFailed = report.choices?.runs.some((x) => !x.report) ?? false;
    if (failed.length > 0 || selectorFailed || runFailed || (args.failOnNoChoice && choiceMissed(report))) return 2;
    return verdictCode(report, args.failOn);
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
