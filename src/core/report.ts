import { compare } from './compare';
import type { DeclaredCookie, DeclaredList } from './declared';
import type { AuditEvent, SameSite } from './cookie';
import { observedCookies, type ObservedCookie } from './jar';
import { partyOf, type Party } from './party';

// The one report model: the popup renders it, the CLI prints or serialises it.
// Its JSON form is versioned by `schema`; docs/report.schema.json describes it.

export const REPORT_SCHEMA = 'cookie-auditor/report@1';

export type ThirdPartyCookies = 'allowed' | 'blocked' | 'unknown';

export interface ReportSetBy {
  kind: 'header' | 'script' | 'unknown';
  /** Request URL (header) or script URL (script); null when unknown. */
  url: string | null;
  /** Request type for a header: main_frame, sub_frame, script, image, xmlhttprequest... */
  type?: string;
  frameUrl?: string;
  at: string;
}

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
  eventCount: number;
  declared?: Pick<DeclaredCookie, 'name' | 'provider' | 'function' | 'purpose'>;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  url: string;
  site: string;
  startedAt: string;
  generatedAt: string;
  environment: {
    browser: string;
    extensionVersion: string;
    thirdPartyCookies: ThirdPartyCookies;
  };
  valuesShown: boolean;
  declaredList: DeclaredList;
  cookies: ReportCookie[];
  missing: DeclaredCookie[];
  summary: {
    declaredPresent: number;
    undeclared: number;
    missing: number;
    total: number;
    firstParty: number;
    thirdParty: number;
    removed: number;
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
  declared: DeclaredCookie | undefined,
  showValues: boolean,
): ReportCookie {
  const c = o.cookie;
  const setBy: ReportSetBy = {
    kind: o.setBy.kind,
    url: o.setBy.kind === 'unknown' ? null : (o.setBy.url ?? null),
    at: iso(o.setBy.at),
  };
  if (o.setBy.kind === 'header') setBy.type = o.setBy.type;
  if (o.setBy.kind !== 'unknown' && o.setBy.frameUrl !== undefined) setBy.frameUrl = o.setBy.frameUrl;
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
    eventCount: o.events.length,
  };
  if (declared) {
    rc.declared = { name: declared.name, provider: declared.provider, function: declared.function, purpose: declared.purpose };
  }
  return rc;
}

export function buildReport(input: ReportInput): Report {
  const observed = observedCookies(input.events);
  const groups = compare(observed, input.declaredList);
  const declaredOf = new Map(groups.declaredPresent.map((g) => [g.observed, g.declared]));
  const cookies = observed.map((o) => reportCookie(o, input.site, declaredOf.get(o), input.showValues));
  return {
    schema: REPORT_SCHEMA,
    url: input.url,
    site: input.site,
    startedAt: iso(input.startedAt),
    generatedAt: iso(input.generatedAt),
    environment: input.environment,
    valuesShown: input.showValues,
    declaredList: input.declaredList,
    cookies,
    missing: groups.missing,
    summary: {
      declaredPresent: groups.declaredPresent.length,
      undeclared: groups.undeclared.length,
      missing: groups.missing.length,
      total: cookies.length,
      firstParty: cookies.filter((c) => c.party === 'first').length,
      thirdParty: cookies.filter((c) => c.party === 'third').length,
      removed: cookies.filter((c) => !c.present).length,
    },
  };
}

/** The exit status an audit implies: 1 when anything undeclared was set, else 0. */
export function verdictCode(report: Report): 0 | 1 {
  return report.summary.undeclared > 0 ? 1 : 0;
}
