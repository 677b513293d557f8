import fs from 'node:fs';
import path from 'node:path';
import type crypto from 'node:crypto';
import type { Driver, DriverPage } from '../browser/driver';
import { builtExtensionDir } from '../browser/launch';
import type { Report } from '../../core/report/report';
import { EXPORT_FORMATS, serialise } from '../../core/report/export';
import type { Translate } from '../../core/text/i18n';
import { harOf } from './har';
import { seal, sha256 } from './seal';

// An evidence bundle (`--evidence DIR`): what a regulator files beside the report, and what makes it
// hard to contest. The report in every format; a screenshot of the tab at each phase; the visit's
// network log (HAR, cookie values redacted as in the report); the policy page as fetched, with its
// digest; the browser, the extension and its build, the command line and the clock. Every name in
// the bundle is this module's own: nothing a page says becomes a path.

export type Phase = 'load' | 'banner' | 'after-choice' | 'after-reload' | 'page';

export interface Shot {
  file: string;
  phase: Phase;
  url: string;
  at: string;
}

/** The version of the extension the command drives (its manifest's). */
export function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(builtExtensionDir('chrome'), 'manifest.json'), 'utf8')) as { version: string }).version;
}

const EXTENSION: Record<(typeof EXPORT_FORMATS)[number], string> = { text: 'txt', json: 'json', csv: 'csv', html: 'html', md: 'md' };

export class EvidenceBundle {
  private readonly shots: Shot[] = [];
  readonly startedAt = Date.now();

  constructor(
    readonly dir: string,
    private readonly o: { showValues: boolean; screenshots: boolean; argv: readonly string[]; signKey?: crypto.KeyObject },
  ) {
    // A bundle is sealed over everything in its folder: never mix a new one into old files.
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: an evidence bundle needs a folder of its own.`);
    fs.mkdirSync(path.join(dir, 'screenshots'), { recursive: true });
  }

  /** A screenshot of the tab now, named by its order and phase. A tab that cannot be shot is said in the index, never fatal. */
  async snap(page: DriverPage, phase: Phase): Promise<void> {
    if (!this.o.screenshots) return;
    const file = `screenshots/${String(this.shots.length + 1).padStart(2, '0')}-${phase}.png`;
    const at = new Date().toISOString();
    const url = await page.url().catch(() => '');
    try {
      fs.writeFileSync(path.join(this.dir, file), await page.screenshot());
      this.shots.push({ file, phase, url, at });
    } catch (e) {
      this.shots.push({ file: '', phase, url, at: `${at} (no screenshot: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})` });
    }
  }

  /** The policy page the declared list was read from, fetched once more as the reader fetched it, with its digest. */
  private async policySnapshot(report: Report): Promise<object | undefined> {
    const url = /^(https?:\/\/\S+) \(read /.exec(report.declaredList.source)?.[1];
    if (!url) return undefined;
    const fetchedAt = new Date().toISOString();
    try {
      const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(20_000) });
      const html = Buffer.from(await res.arrayBuffer());
      fs.mkdirSync(path.join(this.dir, 'policy'), { recursive: true });
      fs.writeFileSync(path.join(this.dir, 'policy', 'policy.html'), html);
      return { url, finalUrl: res.url, status: res.status, fetchedAt, sha256: sha256(html), bytes: html.length, readByTheExtension: report.declaredList.source };
    } catch (e) {
      return { url, fetchedAt, error: e instanceof Error ? e.message : String(e) };
    }
  }

  private environment(d: Driver, report: Report, browserVersion: string): object {
    const ext = builtExtensionDir(d.browser === 'firefox' ? 'firefox' : 'chrome');
    const stampFile = path.join(ext, '..', '.build-stamp');
    const background = path.join(ext, 'background.js');
    const now = new Date();
    return {
      browser: { kind: d.browser, version: browserVersion || report.environment.browser, reportedByExtension: report.environment.browser },
      extension: {
        version: report.environment.extensionVersion,
        buildStamp: fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null,
        backgroundSha256: fs.existsSync(background) ? sha256(fs.readFileSync(background)) : null,
      },
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      commandLine: ['cookie-auditor', ...this.o.argv],
      clock: { now: now.toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, utcOffsetMinutes: -now.getTimezoneOffset() },
      audit: { startedAt: new Date(this.startedAt).toISOString(), evidence: report.environment.evidence ?? null, valuesShown: this.o.showValues },
    };
  }

  /** Writes the rest of the bundle and seals it; returns the manifest's digest. */
  async finish(d: Driver, report: Report, t: Translate): Promise<string> {
    const write = (file: string, data: string | Buffer): void => fs.writeFileSync(path.join(this.dir, file), data);
    for (const f of EXPORT_FORMATS) write(`report.${EXTENSION[f]}`, serialise(report, f, t));
    const exchanges = d.network.since(this.startedAt);
    const browserVersion = await d.version().catch(() => '');
    const har = harOf(exchanges, {
      creator: { name: 'cookie-auditor', version: report.environment.extensionVersion },
      browser: { name: d.browser, version: browserVersion },
      pages: [...new Set(exchanges.map((x) => x.pageref))].map((id) => ({ id, title: id, startedAt: this.startedAt })),
      showValues: this.o.showValues,
    });
    write('network.har', har.text);
    const policy = await this.policySnapshot(report);
    write('environment.json', JSON.stringify({ ...this.environment(d, report, browserVersion), policy: policy ?? null, network: { exchanges: exchanges.length, cutFromHar: har.cut, droppedByDriver: d.network.dropped } }, null, 2) + '\n');
    write('screenshots.json', JSON.stringify(this.shots, null, 2) + '\n');
    return seal(this.dir, { name: 'cookie-auditor', version: report.environment.extensionVersion }, this.o.signKey);
  }
}
