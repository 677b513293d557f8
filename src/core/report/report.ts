import { classify, type Category } from '../judgement/classify';
import { reportClassification, setterUrlOf, type ReportClassification } from './classification';
import { compare, type DeclaredMatch, type Matched } from '../judgement/compare';
import { consentState, inRefusal, type ConsentMark, type ConsentState } from '../judgement/consent';
import { findingsFor, sortFindings, wantsConsent, type Finding } from '../judgement/findings';
import { consentRecordOf, type ConsentRecordMark } from '../judgement/consent-answer';
import type { DeclaredCookie, DeclaredList } from '../declared/declared';
import type { DeclaredCategory } from '../declared/policy-columns';
import type { AuditEvent, RefusalRecord, SameSite } from '../evidence/cookie';
import { observedCookies, type ObservedCookie } from '../evidence/jar';
import { partyOf, siteOfHost, type Party } from '../evidence/party';
import type { SkipReason } from '../evidence/crawl';
import type { AuditPhase } from './phases';
import { refusedInReport, type ReportRefusal } from './refused';
import { reportConsent, type ReportConsent } from './consent';
import type { ChoicesComparison } from './choices';
import { consentRecordsIn } from '../evidence/consent-record';
import { reportSetBy, type ReportSetBy } from './set-by';
import { reportStorage, type ReportStorage } from './storage';
import type { ObservedStorage } from '../evidence/storage';

export type { ReportSetBy, ReportClassification };
import { EN, type Translate } from '../text/i18n';
import { afterSummary, type TabSummary } from '../evidence/summary';

// The one report model: the popup renders it, the CLI prints or serialises it.
// Its JSON form is versioned by `schema`; docs/report.schema.json describes it.

export const REPORT_SCHEMA = 'cookie-auditor/report@4';
/** Versions `--diff` still reads: it compares cookies and findings, which versions 2 to 4 left as they were. */
export const READABLE_SCHEMAS: readonly string[] = ['cookie-auditor/report@1', 'cookie-auditor/report@2', 'cookie-auditor/report@3', REPORT_SCHEMA];

export type ThirdPartyCookies = 'allowed' | 'blocked' | 'unknown';

export interface ReportCookie {
  name: string;
  domain: string;
  path: string;
  party: Party;
  status: 'declared' | 'undeclared';
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'None' | 'Lax' | 'Strict' | null;
  hostOnly: boolean;
  /** ISO 8601 expiry the browser applied, or null for a session cookie. */
  expires: string | null;
  /** The value, or null when redacted. */
  value: string | null;
  valueRedacted: boolean;
  /** Still in the jar at the end of the audit; false when it was deleted, expired or evicted. */
  present: boolean;
  removedBy: 'delete' | 'expire' | 'evict' | null;
  partitionSite: string | null;
  storeId: string;
  setBy: ReportSetBy;
  firstSeen: string;
  /** In a crawl (`--pages`): the page on which the cookie was first seen. */
  firstSeenOn?: string;
  /** Changes over the visit, summarised ones included. */
  eventCount: number;
  /** Earlier changes the audit folded into a count when it grew past its cap (core/evidence/summary); their timeline is gone. */
  summarisedEvents?: number;
  /** Every change over the visit (but the summarised ones): set, overwrite, delete, expire, evict. */
  events: Array<{ kind: AuditEvent['kind']; at: string; setBy: { kind: ReportSetBy['kind']; url: string | null; inferred?: { of: number } } }>;
  /** Lifetime in seconds the site asked for (Max-Age / Expires), null for a session cookie or when no write was seen. */
  requestedLifetime: number | null;
  /** Lifetime in seconds the browser applied (Chromium caps it at 400 days), null for a session cookie. */
  appliedLifetime: number | null;
  category: Category;
  vendor: string | null;
  /** How `category` (and a vendor the policy does not name) was found, and its source; null when unknown. */
  classification: ReportClassification | null;
  /** Set before the visitor chose (or with no choice during the audit). */
  beforeConsent: boolean;
  /** Written (set or overwritten) while the visitor's refusal was in force: the first such write, and the refusal. */
  afterRefusal: { at: string; refusedAt: string } | null;
  /** Whether it needs the visitor's consent, by the one rule every consent finding applies (judgement/findings.wantsConsent). */
  needsConsent: boolean;
  /** It records the visitor's choice (a consent manager's answer), and how the audit knows: never a consent violation. */
  consentRecord?: ConsentRecordMark;
  declared?: Pick<DeclaredCookie, 'name' | 'provider' | 'function' | 'purpose'>;
  /** For a declared cookie: how its name met the declared entry. */
  match?: ReportMatch;
  /**
   * When a consent manager's own declaration was read alongside the policy page's: what it says of
   * this cookie (the third side: the page says `status`, the consent manager says this, the site set it).
   */
  consentManager?: ReportConsentManagerSide;
}

export interface ReportConsentManagerSide {
  status: 'declared' | 'undeclared';
  /** The entry that covers it, as the consent manager writes it, and how the name met it. */
  declaredAs?: string;
  match?: DeclaredMatch['kind'];
  category?: DeclaredCategory;
  /** Where the consent manager's declaration holds it (its JSON path). */
  from?: string;
}

/** What the consent manager's declaration says of a cookie, from its own comparison. */
function consentManagerSide(m: Matched | undefined): ReportConsentManagerSide {
  if (!m) return { status: 'undeclared' };
  const d = m.declared;
  const out: ReportConsentManagerSide = { status: 'declared', declaredAs: m.match.kind === 'provider' ? m.match.provider.provider : d.name, match: m.match.kind };
  if (d.category) out.category = d.category;
  if (d.from?.kind === 'json') out.from = d.from.path;
  else if (d.from?.kind === 'cmp') out.from = d.from.where;
  return out;
}

/**
 * `exact`: the declared name; `pattern`: a declared pattern or placeholder (`declaredAs`);
 * `family`: a declared stem whose vendor writes names of this shape (`rule`, quotable, and its `source`);
 * `provider`: the policy names the cookie's provider (`declaredAs`) but no cookie.
 */
export interface ReportMatch {
  kind: DeclaredMatch['kind'];
  /** The declared name, pattern or stem as the list writes it. */
  declaredAs: string;
  rule?: string;
  source?: string;
}

function reportMatch(m: Matched, t: Translate): ReportMatch {
  const out: ReportMatch = { kind: m.match.kind, declaredAs: m.declared.name };
  if (m.match.kind === 'provider') out.declaredAs = m.match.provider.provider;
  if (m.match.kind === 'family') {
    const f = m.match.family;
    out.rule = t('match_family', f.vendor, f.stem, f.shape);
    out.source = f.source;
  }
  return out;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  /** The language of its sentences (findings, consent source): "en" or "fr". */
  language: string;
  url: string;
  site: string;
  startedAt: string;
  generatedAt: string;
  environment: {
    browser: string;
    extensionVersion: string;
    thirdPartyCookies: ThirdPartyCookies;
    /** The extension could not save some facts: they are in this report, held in memory only. */
    storageError?: { message: string; unsaved: number };
    /** `full`: the Set-Cookie headers were seen; `passive`: header attributions are inferred (`setBy.inferred`). */
    evidence?: 'full' | 'passive';
  };
  valuesShown: boolean;
  declaredList: DeclaredList;
  /** The visitor's choice (none, refused, accepted), how and when the audit knows it (report/consent). */
  consent: ReportConsent;
  /** Sorted by severity, high first. */
  findings: Finding[];
  cookies: ReportCookie[];
  missing: DeclaredCookie[];
  /** Browser storage other than cookies (localStorage, sessionStorage, IndexedDB), judged like cookies (report/storage). */
  storage: ReportStorage;
  /** Writes the browser did not store, with the likely reason: evidence, never counted as set. */
  refused: ReportRefusal[];
  /** With `--consent SELECTOR`: the cookies set before the click and those it added. */
  phases?: AuditPhase[];
  /** With `--choices`: every choice audited in a fresh profile, and what the choices changed (report/choices). */
  choices?: ChoicesComparison;
  /** In a crawl (`--pages N`): each page visited, in order, whether it could be audited, and how many cookies first appeared on it (on a failed page, only when some did). */
  pages?: Array<{ url: string; status: 'audited' | 'failed' | 'skipped'; error?: string; cookies?: number }>;
  /** In a crawl: links it would not follow because they give or refuse consent, or change state (logout, delete). */
  skippedLinks?: Array<{ url: string; text: string; reason: SkipReason }>;
  /** With `--evidence DIR`: where the sealed bundle is, and its manifest's SHA-256 (what an auditor writes down). */
  evidence?: { dir: string; manifestSha256: string };
  summary: {
    findings: { high: number; medium: number; low: number };
    declaredPresent: number;
    undeclared: number;
    missing: number;
    total: number;
    firstParty: number;
    thirdParty: number;
    removed: number;
    refused: number;
  };
}

export interface ReportInput {
  url: string;
  site: string;
  startedAt: number;
  generatedAt: number;
  events: readonly AuditEvent[];
  declaredList: DeclaredList;
  showValues: boolean;
  environment: Report['environment'];
  /** The choices the auditor marked (the popup's buttons, the command line's action). */
  consentMarks?: readonly ConsentMark[];
  /** The language of the report's sentences (findings, consent); English when absent. */
  t?: Translate;
  /** The audit's oldest changes, folded when it grew past its cap; `events` then only holds later ones. */
  summary?: TabSummary;
  /** Writes of this audit the browser refused. */
  refusals?: readonly RefusalRecord[];
  /** The storage items of this audit (core/evidence/storage). */
  storage?: readonly ObservedStorage[];
  /** When the tab's page finished loading (each top-level load of the audited site), oldest first. */
  loads?: readonly number[];
}

const SAME_SITE: Record<SameSite, ReportCookie['sameSite']> = {
  no_restriction: 'None',
  lax: 'Lax',
  strict: 'Strict',
  unspecified: null,
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function reportCookie(
  o: ObservedCookie,
  site: string,
  matched: Matched | undefined,
  showValues: boolean,
  consent: ConsentState,
  t: Translate,
  clicks: readonly number[],
): ReportCookie {
  const declared = matched?.declared;
  const c = o.cookie;
  // The site's declared list wins over the table of well-known cookies for the vendor.
  const known = classify(c.name, siteOfHost(c.domain), setterUrlOf(o.setBy));
  const lastSet = [...o.events].reverse().find((e) => e.kind === 'set' || e.kind === 'overwrite');
  const applied = c.session || c.expirationDate === undefined ? null : Math.max(0, Math.round(c.expirationDate - (lastSet?.at ?? o.firstSeen) / 1000));
  const setBy = reportSetBy(o.setBy);
  const rc: ReportCookie = {
    name: c.name,
    domain: c.domain,
    path: c.path,
    party: partyOf(c.domain, site),
    status: declared ? 'declared' : 'undeclared',
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: SAME_SITE[c.sameSite],
    hostOnly: c.hostOnly,
    expires: c.session || c.expirationDate === undefined ? null : iso(c.expirationDate * 1000),
    value: showValues ? c.value : null,
    valueRedacted: !showValues,
    present: o.present,
    removedBy: o.removedBy ?? null,
    partitionSite: c.partitionSite ?? null,
    storeId: c.storeId,
    setBy,
    firstSeen: iso(o.firstSeen),
    eventCount: o.events.length + (o.summarised ?? 0),
    events: o.events.map((e) => ({
      kind: e.kind,
      at: iso(e.at),
      setBy: { kind: e.setBy.kind, url: e.setBy.kind === 'unknown' ? null : (e.setBy.url ?? null), ...(e.setBy.kind === 'header' && e.setBy.inferred ? { inferred: e.setBy.inferred } : {}) },
    })),
    requestedLifetime: c.session ? null : (o.requestedLifetime ?? null),
    appliedLifetime: applied,
    category: known.category,
    vendor: declared?.provider || known.vendor,
    classification: reportClassification(known),
    beforeConsent: consent.firstAt === undefined || o.firstSeen < consent.firstAt,
    afterRefusal: writtenInRefusal(o, consent),
    needsConsent: false,
  };
  const first = o.events.find((e) => e.kind === 'set' || e.kind === 'overwrite');
  const record = consentRecordOf(
    { name: c.name, site: siteOfHost(c.domain), value: c.value, category: known.category, firstWrite: first ? { at: first.at, byScript: first.setBy.kind === 'script' } : null },
    clicks,
  );
  if (record) rc.consentRecord = record;
  rc.needsConsent = wantsConsent({ ...rc, ...(declared?.category ? { declaredCategory: declared.category } : {}) });
  if (o.summarised) rc.summarisedEvents = o.summarised;
  if (declared) {
    rc.declared = { name: declared.name, provider: declared.provider, function: declared.function, purpose: declared.purpose };
  }
  if (matched) rc.match = reportMatch(matched, t);
  return rc;
}

/** The first write of a cookie while a refusal was in force; a summarised cookie counts its last write. */
function writtenInRefusal(o: ObservedCookie, consent: ConsentState): ReportCookie['afterRefusal'] {
  if (consent.refusals.length === 0) return null;
  const writes = o.events.filter((e) => e.kind === 'set' || e.kind === 'overwrite').map((e) => e.at);
  if (writes.length === 0 && o.summarised) writes.push(o.firstSeen);
  for (const at of writes) {
    const r = inRefusal(consent, at);
    if (r) return { at: iso(at), refusedAt: iso(r.from) };
  }
  return null;
}

function consentOf(input: ReportInput, events: readonly AuditEvent[]): ConsentState {
  const earlier = input.summary?.consentRecords ?? [];
  const now = consentRecordsIn(events, earlier);
  return consentState([...earlier, ...now.changes], input.consentMarks ?? [], input.t ?? EN, now.last ?? input.summary?.lastRecord);
}

export function buildReport(input: ReportInput): Report {
  const summary = input.summary;
  const events = summary ? input.events.filter((e) => afterSummary(e, summary)) : input.events;
  const observed = observedCookies(events, summary?.cookies);
  const groups = compare(observed, input.declaredList);
  const matchOf = new Map(groups.declaredPresent.map((g) => [g.observed, g]));
  const consent = consentOf(input, events);
  // The command line's clicks on a banner: what the banner's script writes right after one is its answer.
  const clicks = (input.consentMarks ?? []).filter((m) => m.by !== 'hand').map((m) => m.at);
  const cookies = observed.map((o) => reportCookie(o, input.site, matchOf.get(o), input.showValues, consent, input.t ?? EN, clicks));
  // The third side: the consent manager's own declaration, compared on its own.
  const cmList = input.declaredList.consentManager;
  const cmMatch = cmList ? new Map(compare(observed, cmList).declaredPresent.map((g) => [g.observed, g])) : undefined;
  if (cmMatch) cookies.forEach((c, i) => (c.consentManager = consentManagerSide(cmMatch.get(observed[i] as ObservedCookie))));
  const findings = findingsFor(
    cookies.map((c, i) => {
      const matched = matchOf.get(observed[i] as ObservedCookie);
      const declared = matched?.declared;
      return {
        ...c,
        site: siteOfHost(c.domain),
        ...(declared?.lifetime ? { declaredLifetime: declared.lifetime } : {}),
        ...(declared?.category ? { declaredCategory: declared.category } : {}),
        ...(matched?.match.kind === 'provider' ? { providerOnly: true } : {}),
        ...(cmList && c.consentManager ? { byConsentManager: { name: cmList.name, declared: c.consentManager.status === 'declared', ...(c.consentManager.category ? { category: c.consentManager.category } : {}) } } : {}),
      };
    }),
    input.url.startsWith('https:'),
    consent,
    input.t ?? EN,
  );
  const stored = reportStorage(input.storage ?? [], { site: input.site, declaredList: input.declaredList, showValues: input.showValues, consent, t: input.t ?? EN });
  findings.push(...stored.findings);
  sortFindings(findings);
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const refused = refusedInReport(input.refusals ?? [], input.site, input.environment.thirdPartyCookies === 'blocked', input.t ?? EN);
  return {
    schema: REPORT_SCHEMA,
    language: (input.t ?? EN)('locale'),
    url: input.url,
    site: input.site,
    startedAt: iso(input.startedAt),
    generatedAt: iso(input.generatedAt),
    environment: input.environment,
    valuesShown: input.showValues,
    declaredList: input.declaredList,
    consent: reportConsent(consent, input.loads ?? []),
    findings,
    cookies,
    missing: groups.missing,
    storage: stored.storage,
    refused,
    summary: {
      findings: { high: count('high'), medium: count('medium'), low: count('low') },
      declaredPresent: groups.declaredPresent.length,
      undeclared: groups.undeclared.length,
      missing: groups.missing.length,
      total: cookies.length,
      firstParty: cookies.filter((c) => c.party === 'first').length,
      thirdParty: cookies.filter((c) => c.party === 'third').length,
      removed: cookies.filter((c) => !c.present).length,
      refused: refused.length,
    },
  };
}

export { verdictCode } from './verdict';
