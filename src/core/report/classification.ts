import type { Classification, How } from '../judgement/classify';
import type { SetBy } from '../evidence/cookie';
import type { Translate } from '../text/i18n';

// How a cookie's or a storage item's vendor and category were found, as every report form shows it.

/**
 * `exact`: the name as a vendor's documentation or the curated table writes it; `family`: a documented
 * prefix or `{…}` pattern (`rule`); `database`: the Open Cookie Database; `setter`: the name is unknown
 * but a script or response from the vendor's domain (`rule`) wrote it, and the vendor's documented
 * cookies give the category.
 */
export interface ReportClassification {
  how: How;
  /** The vendor the source names (the cookie's `vendor` may be the provider the policy names instead). */
  vendor: string;
  /** The documentation (URL), or the database row with its URL. */
  source: string;
  /** The entry that matched as its source writes it, or the setter's host. */
  rule: string;
  /** What the vendor documents it is for. */
  purpose?: string;
}

export function reportClassification(k: Classification): ReportClassification | null {
  if (!k.how || !k.source || !k.vendor) return null;
  return { how: k.how, vendor: k.vendor, source: k.source, rule: k.rule ?? '', ...(k.purpose ? { purpose: k.purpose } : {}) };
}

/** The URL of the script or response that set a cookie, when the audit saw it (not a guess among several responses). */
export function setterUrlOf(s: SetBy): string | undefined {
  if (s.kind === 'script') return s.url;
  if (s.kind === 'header' && (s.inferred === undefined || s.inferred.of === 1)) return s.url;
  return undefined;
}

/** How it is known, in words: "by the pattern _hjSession_{site_id} Hotjar documents". */
export function knownWords(k: ReportClassification, t: Translate): string {
  if (k.how === 'exact') return t('how_exact', k.vendor);
  if (k.how === 'family') return t('how_family', k.rule, k.vendor);
  if (k.how === 'database') return t('how_database', k.rule);
  return t('how_setter', k.rule, k.vendor);
}

/** The web address in a source ("Open Cookie Database 256c…: https://github.com/…"), for a link. */
export function sourceUrl(source: string): string | null {
  return /https:\/\/[^\s;,)"'<>]+/.exec(source)?.[0] ?? null;
}

/** The whole line: how, what for, and the source. */
export function knownLine(k: ReportClassification, t: Translate): string {
  // A purpose is a sentence of its own ("… of the JavaScript tracker."): its full stop gives way to the "; source" that follows.
  return `${knownWords(k, t)}${k.purpose ? ` — ${k.purpose.replace(/\.$/, '')}` : ''}; ${t('known_source', k.source)}`;
}
