// Command-line arguments of `npm run audit`.

import { EXPORT_FORMATS, type ExportFormat } from '../core/export';
import { langOf, LANGS, type Lang } from '../core/i18n';

export type FailOn = 'undeclared' | 'high' | 'none';

export interface CliArgs {
  url?: string;
  demo: boolean;
  format: ExportFormat;
  /** Visit up to this many same-site pages, breadth first from the URL. */
  pages: number;
  failOn: FailOn;
  /** The language of the report (and of the browser the audit runs in). */
  lang: Lang;
  /** Compare two saved JSON reports instead of auditing. */
  diff?: [string, string];
  out?: string;
  showValues: boolean;
  timeoutMs: number;
  help: boolean;
  /** A JSON declared list to judge the audit against. */
  declared?: string;
  /** Read the declared list from this policy URL, or from the page's own policy link ("auto"). */
  policy?: string;
  /** Click this element (a CSS selector) once the page is settled, and report both phases. */
  consent?: string;
}

export const USAGE = `Usage: npm run audit -- <url> [options]
       npm run audit -- --demo [options]
       npm run audit -- --diff OLD.json NEW.json [--format text|json]

Opens <url> in headless Chromium with cookie-auditor loaded, waits until the page is settled,
and prints which cookies it set compared with the declared list.

Options:
  --demo               audit the bundled demo portal (started on 127.0.0.1)
  --format FORMAT      text, json, csv, html or md (default: text)
  --pages N            visit the page and up to N-1 same-site pages found by following its links
                       (breadth first; logout links and non-HTML files are skipped); default 1
  --fail-on WHAT       what makes the exit status 1: undeclared (default), high (a high-severity
                       finding) or none
  --diff OLD NEW       say which cookies and findings appeared or disappeared between two JSON
                       reports (exit 1 when something appeared)
  --out FILE           write the report to FILE instead of standard output
  --show-values        include cookie values (redacted by default)
  --timeout SECONDS    give up on a page that does not settle (default: 30)
  --declared FILE      judge against this declared list (JSON, see docs/declared-list.schema.json)
  --policy URL|auto    read the declared list from this cookie-policy page, or (auto) from the
                       policy link found on the audited page; default: the built-in Opendatasoft list
  --consent SELECTOR   once the page is settled, click the element SELECTOR (the banner's
                       "accept" button), wait until settled again, and report the cookies of
                       both phases; consent is dated at the click
  --lang en|fr         the report's language (default: from LC_ALL / LC_MESSAGES / LANG)
  -h, --help           this help

Exit status: 0 nothing to report (per --fail-on), 1 undeclared cookies (or high findings) were
found, 2 error (some pages of a crawl could not be audited: the report still lists the others).`;

export class ArgError extends Error {}

/** The language the environment asks for, as POSIX programs read it. */
export function envLang(env: NodeJS.ProcessEnv): Lang {
  return langOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const args: CliArgs = { demo: false, format: 'text', pages: 1, failOn: 'undeclared', lang: envLang(env), showValues: false, timeoutMs: 30_000, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new ArgError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    switch (a) {
      case '--demo':
        args.demo = true;
        break;
      case '--show-values':
        args.showValues = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--format': {
        const f = value(i++, a);
        if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new ArgError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${f}".`);
        args.format = f as ExportFormat;
        break;
      }
      case '--pages': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ArgError('--pages must be a whole number from 1 to 1000.');
        args.pages = n;
        break;
      }
      case '--lang': {
        const l = value(i++, a);
        if (!(LANGS as string[]).includes(l)) throw new ArgError(`--lang must be one of ${LANGS.join(', ')}, not "${l}".`);
        args.lang = l as Lang;
        break;
      }
      case '--fail-on': {
        const f = value(i++, a);
        if (f !== 'undeclared' && f !== 'high' && f !== 'none') throw new ArgError(`--fail-on must be undeclared, high or none, not "${f}".`);
        args.failOn = f;
        break;
      }
      case '--diff': {
        const older = value(i++, a);
        const newer = value(i++, a);
        args.diff = [older, newer];
        break;
      }
      case '--out':
        args.out = value(i++, a);
        break;
      case '--consent':
        args.consent = value(i++, a);
        break;
      case '--declared':
        args.declared = value(i++, a);
        break;
      case '--policy': {
        const p = value(i++, a);
        args.policy = p === 'auto' ? p : checkUrl(p);
        break;
      }
      case '--timeout': {
        const s = Number(value(i++, a));
        if (!Number.isFinite(s) || s <= 0) throw new ArgError('--timeout must be a positive number of seconds.');
        args.timeoutMs = s * 1000;
        break;
      }
      default:
        if (a.startsWith('-')) throw new ArgError(`Unknown option ${a}. See --help.`);
        if (args.url !== undefined) throw new ArgError(`One URL at a time (got "${args.url}" and "${a}").`);
        args.url = a;
    }
  }
  if (args.diff) {
    if (args.url !== undefined || args.demo) throw new ArgError('--diff compares two saved reports; give no URL with it.');
    if (args.format !== 'text' && args.format !== 'json') throw new ArgError('--diff prints text or json.');
    return args;
  }
  if (!args.help && !args.demo && args.url === undefined) throw new ArgError('Give a URL to audit, or --demo. See --help.');
  if (args.demo && args.url !== undefined) throw new ArgError('Give either a URL or --demo, not both.');
  if (args.declared !== undefined && args.policy !== undefined) throw new ArgError('Give either --declared or --policy, not both.');
  if (args.url !== undefined) args.url = checkUrl(args.url);
  return args;
}

export function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ArgError(`"${raw}" is not a URL; give a full address such as https://data.example.org/.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ArgError(`Only http and https pages can be audited, not ${u.protocol} ("${raw}").`);
  }
  return u.href;
}
