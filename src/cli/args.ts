// Command-line arguments of `cookie-auditor`.

import { EXPORT_FORMATS, type ExportFormat } from '../core/report/export';
import { langOf, LANGS, LocalizedError, type Lang } from '../core/text/i18n';
import { BROWSERS, type BrowserKind } from './browser/driver';
import type { ChoiceWay } from './consent/choice';
import { CHOICES, type ChoiceName } from '../core/report/choices';

export type FailOn = 'undeclared' | 'high' | 'none';

export interface CliArgs {
  url?: string;
  demo: boolean;
  format: ExportFormat;
  /** Visit up to this many same-site pages, breadth first from the URL. */
  pages: number;
  /** Tabs a crawl visits pages in at once (default 4). */
  tabs?: number;
  failOn: FailOn;
  /** The language of the report (and of the browser the audit runs in). */
  lang: Lang;
  /** The browser the audit runs in. */
  browser: BrowserKind;
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
  /** Accept by clicking this element (`--consent SELECTOR`) once the page is settled, and report both phases. */
  consent?: string;
  /** Refuse by clicking this element (`--reject SELECTOR`). */
  reject?: string;
  /** Accept or refuse through the consent manager that autoconsent's rules find (`--cmp`). */
  cmp?: 'accept' | 'reject';
  /** After a choice, stay on the page (`--stay-on-page`) instead of loading it again with the choice in force. */
  stayOnPage?: boolean;
  /** Audit each of these choices in a fresh browser and compare them (`--choices none,reject,accept`). */
  choices?: ChoiceName[];
  /** `--fail-on …,no-choice`: exit 2 when the choice asked for could not be made (no banner, no effect). */
  failOnNoChoice: boolean;
  /** A fleet: the sites of this file (or sitemap URL), each audited with the other options. */
  urls?: string;
  /** Where a fleet's reports and summary go; and where `merge` writes. */
  outDir?: string;
  /** Browsers at once in a fleet (default: what the machine allows). */
  concurrency?: number;
  /** Continue the fleet run in --out-dir where it stopped. */
  resume: boolean;
  /** Audit only share `index` (0 to count-1) of the list. */
  shard?: { index: number; count: number };
  /** `merge DIR…`: the shard folders to merge. */
  merge?: string[];
  /** `--evidence DIR`: write a sealed evidence bundle there (one per site in a fleet). */
  evidenceDir?: string;
  /** `--sign KEY`: sign the bundle's manifest with this Ed25519 private key (PEM). */
  sign?: string;
  /** `--no-screenshots`: a bundle without screenshots (pages behind a login are the auditor's call). */
  screenshots: boolean;
  /** `keygen --out PREFIX`: make a signing key pair. */
  keygen?: boolean;
  /** `verify DIR [--key PUB]`: check a bundle's digests and signature. */
  verify?: string;
  key?: string;
}

/** The one choice a single audit makes: from --consent, --reject or --cmp. */
export function choiceWay(a: Pick<CliArgs, 'consent' | 'reject' | 'cmp'>, name?: ChoiceName): ChoiceWay | undefined {
  const want = name ?? (a.consent !== undefined || a.cmp === 'accept' ? 'accept' : a.reject !== undefined || a.cmp === 'reject' ? 'reject' : 'none');
  if (want === 'none') return undefined;
  const choice = want === 'accept' ? 'accepted' : 'refused';
  const selector = want === 'accept' ? a.consent : a.reject;
  return selector !== undefined ? { kind: 'selector', selector, choice } : { kind: 'cmp', choice };
}


export class ArgError extends LocalizedError {}

/** The language the environment asks for, as POSIX programs read it. */
/** The language asked for by `--lang X` on the command line, else by the environment: known before the arguments are checked. */
export function requestedLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.indexOf('--lang');
  const l = i >= 0 ? argv[i + 1] : undefined;
  return l !== undefined && (LANGS as string[]).includes(l) ? (l as Lang) : envLang(env);
}

export function envLang(env: NodeJS.ProcessEnv): Lang {
  return langOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const args: CliArgs = { demo: false, format: 'text', pages: 1, failOn: 'undeclared', failOnNoChoice: false, resume: false, lang: requestedLang(argv, env), browser: 'chromium', showValues: false, timeoutMs: 30_000, help: false, screenshots: true };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new ArgError('arg_needs_value', flag);
    return v;
  };
  // `merge DIR… --out-dir OUT`: the folders come first.
  let from = 0;
  // `keygen --out PREFIX` and `verify DIR [--key PUB]`: sub-commands of the evidence bundle.
  if (argv[0] === 'keygen') {
    args.keygen = true;
    from = 1;
  } else if (argv[0] === 'verify') {
    if (argv[1] === undefined || argv[1].startsWith('--')) throw new ArgError('arg_verify_needs_dir');
    args.verify = argv[1];
    from = 2;
  } else if (argv[0] === 'merge') {
    args.merge = [];
    for (from = 1; from < argv.length && !(argv[from] as string).startsWith('--'); from++) args.merge.push(argv[from] as string);
  }
  for (let i = from; i < argv.length; i++) {
    const a = argv[i] as string;
    switch (a) {
      case '--urls':
        args.urls = value(i++, a);
        break;
      case '--out-dir':
        args.outDir = value(i++, a);
        break;
      case '--resume':
        args.resume = true;
        break;
      case '--concurrency': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new ArgError('arg_concurrency');
        args.concurrency = n;
        break;
      }
      case '--shard':
        args.shard = parseShard(value(i++, a));
        break;
      case '--demo':
        args.demo = true;
        break;
      case '--show-values':
        args.showValues = true;
        break;
      case '--stay-on-page':
        args.stayOnPage = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--format': {
        const f = value(i++, a);
        if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new ArgError('arg_format', EXPORT_FORMATS.join(', '), f);
        args.format = f as ExportFormat;
        break;
      }
      case '--pages': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ArgError('arg_pages');
        args.pages = n;
        break;
      }
      case '--tabs': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 1 || n > 16) throw new ArgError('arg_tabs');
        args.tabs = n;
        break;
      }
      case '--lang': {
        const l = value(i++, a);
        if (!(LANGS as string[]).includes(l)) throw new ArgError('arg_lang', LANGS.join(', '), l);
        args.lang = l as Lang;
        break;
      }
      case '--browser': {
        const b = value(i++, a);
        if (!(BROWSERS as readonly string[]).includes(b)) throw new ArgError('arg_browser', BROWSERS.join(', '), b);
        args.browser = b as BrowserKind;
        break;
      }
      case '--fail-on': {
        // One verdict word, and `no-choice` besides: `--fail-on high,no-choice`.
        const words = value(i++, a).split(',');
        args.failOnNoChoice = words.includes('no-choice');
        const rest = words.filter((w) => w !== 'no-choice');
        const f = rest.length === 0 && args.failOnNoChoice ? 'undeclared' : rest.length === 1 ? rest[0] : '';
        if (f !== 'undeclared' && f !== 'high' && f !== 'none') throw new ArgError('arg_fail_on', words.join(','));
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
      case '--reject':
        args.reject = value(i++, a);
        break;
      case '--cmp': {
        const c = value(i++, a);
        if (c !== 'accept' && c !== 'reject') throw new ArgError('arg_cmp', c);
        args.cmp = c;
        break;
      }
      case '--choices': {
        const raw = value(i++, a);
        const list = raw.split(',').map((w) => w.trim());
        if (list.some((w) => !(CHOICES as readonly string[]).includes(w)) || new Set(list).size !== list.length) throw new ArgError('arg_choices', raw);
        // Always run in the one order, so that reports of the same list compare.
        args.choices = CHOICES.filter((c) => list.includes(c));
        break;
      }
      case '--declared':
        args.declared = value(i++, a);
        break;
      case '--policy': {
        const p = value(i++, a);
        args.policy = p === 'auto' ? p : checkUrl(p);
        break;
      }
      case '--evidence':
        args.evidenceDir = value(i++, a);
        break;
      case '--sign':
        args.sign = value(i++, a);
        break;
      case '--key':
        args.key = value(i++, a);
        break;
      case '--no-screenshots':
        args.screenshots = false;
        break;
      case '--timeout': {
        const s = Number(value(i++, a));
        if (!Number.isFinite(s) || s <= 0) throw new ArgError('arg_timeout');
        args.timeoutMs = s * 1000;
        break;
      }
      default:
        if (a.startsWith('-')) throw new ArgError('arg_unknown', a);
        if (args.url !== undefined) throw new ArgError('arg_one_url', args.url, a);
        args.url = a;
    }
  }
  if (args.diff) {
    if (args.url !== undefined || args.demo) throw new ArgError('arg_diff_url');
    if (args.format !== 'text' && args.format !== 'json') throw new ArgError('arg_diff_format');
    return args;
  }
  if (args.merge) return args;
  if (args.keygen) {
    if (args.out === undefined) throw new ArgError('arg_keygen_needs_out');
    return args;
  }
  if (args.verify !== undefined) return args;
  if (args.key !== undefined) throw new ArgError('arg_verify_needs_dir');
  if (args.evidenceDir !== undefined && args.choices !== undefined) throw new ArgError('arg_evidence_choices');
  if (args.evidenceDir === undefined) {
    const evidenceOnly = [['--sign', args.sign], ['--no-screenshots', args.screenshots ? undefined : true]].find(([, v]) => v !== undefined);
    if (evidenceOnly) throw new ArgError(evidenceOnly[0] === '--sign' ? 'arg_sign_needs_evidence' : 'arg_evidence_only', evidenceOnly[0] as string);
  }
  if (args.urls !== undefined) {
    if (args.url !== undefined || args.demo) throw new ArgError('arg_urls_and_url');
    if (args.outDir === undefined) throw new ArgError('arg_fleet_needs_out_dir');
  } else {
    const fleetOnly = [['--out-dir', args.outDir], ['--concurrency', args.concurrency], ['--shard', args.shard], ['--resume', args.resume || undefined]].find(([, v]) => v !== undefined);
    if (fleetOnly) throw new ArgError('arg_fleet_only', fleetOnly[0] as string);
  }
  if (!args.help && !args.demo && args.url === undefined && args.urls === undefined) throw new ArgError('arg_no_url');
  if (args.demo && args.url !== undefined) throw new ArgError('arg_url_and_demo');
  if (args.declared !== undefined && args.policy !== undefined) throw new ArgError('arg_declared_and_policy');
  if (args.url !== undefined) args.url = checkUrl(args.url);
  const ways = [args.consent, args.reject, args.cmp].filter((w) => w !== undefined).length;
  // --consent and --reject say how to make each choice of --choices; alone, one choice per audit.
  if (args.choices === undefined && ways > 1) throw new ArgError('arg_one_choice');
  if (args.choices !== undefined && args.cmp !== undefined) throw new ArgError('arg_one_choice');
  return args;
}

/** `I/N`, I from 0 to N-1 (as Kubernetes' JOB_COMPLETION_INDEX counts). */
export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 10_000 || index >= count) throw new ArgError('arg_shard', raw);
  return { index, count };
}

export function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ArgError('arg_not_url', raw);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ArgError('arg_not_http', u.protocol, raw);
  }
  return u.href;
}
