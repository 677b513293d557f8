import type { Category } from '../judgement/category';
import { compareStorage, type StorageMatched } from '../judgement/compare-storage';
import { inRefusal, type ConsentState } from '../judgement/consent';
import type { Finding } from '../judgement/findings';
import { storageFindings } from '../judgement/findings-storage';
import { classifyStorage } from '../judgement/known-storage';
import type { DeclaredList, DeclaredStorage } from '../declared/declared';
import { siteOfHost, type Party } from '../evidence/party';
import type { ObservedStorage, StorageArea, StorageEventKind } from '../evidence/storage';
import type { Translate } from '../text/i18n';
import type { ReportSetBy } from './set-by';
import { reportClassification, type ReportClassification } from './classification';

// The browser-storage part of a report: every localStorage and sessionStorage key and IndexedDB
// database the audit saw, compared with what the policy declares, with the same three groups and
// match kinds as cookies. Values are redacted unless asked for, and shown cut at PREVIEW_CHARS.

export interface ReportStorageItem {
  area: StorageArea;
  /** The key, or the IndexedDB database's name. */
  key: string;
  /** scheme://host:port: storage belongs to an origin. */
  origin: string;
  party: Party;
  /** The top-level site a third party's storage is partitioned under. */
  partitionSite: string | null;
  status: 'declared' | 'undeclared';
  /** Characters of the value as last seen; null for an IndexedDB database. */
  size: number | null;
  /** The value's first characters, or null when redacted (or an IndexedDB database). */
  value: string | null;
  valueRedacted: boolean;
  /** The value is longer than what is shown. */
  valueTruncated: boolean;
  present: boolean;
  /** Already stored when the first page of its origin loaded: written on an earlier visit. */
  preexisting: boolean;
  /** IndexedDB: the object stores created during the audit. */
  stores?: string[];
  setBy: ReportSetBy;
  firstSeen: string;
  eventCount: number;
  events: Array<{ kind: StorageEventKind; at: string; setBy: { kind: 'script' | 'unknown'; url: string | null }; repeat?: number; store?: string }>;
  category: Category;
  vendor: string | null;
  /** How `category` was found, and its source; null when unknown. */
  classification: ReportClassification | null;
  /** Written before the visitor chose (never for an item already stored: when it was written is not known). */
  beforeConsent: boolean;
  afterRefusal: { at: string; refusedAt: string } | null;
  declared?: Pick<DeclaredStorage, 'kind' | 'key' | 'provider' | 'purpose'>;
  match?: { kind: StorageMatched['match']['kind']; declaredAs: string };
}

export interface ReportStorage {
  items: ReportStorageItem[];
  /** Declared storage no item matched. */
  missing: DeclaredStorage[];
  summary: { total: number; declaredPresent: number; undeclared: number; missing: number; thirdParty: number; preexisting: number };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function declaredAs(m: StorageMatched): string {
  if (m.match.kind === 'pattern') return m.match.pattern;
  if (m.match.kind === 'provider') return m.match.provider.provider;
  if (m.match.kind === 'cookie') return m.match.cookie;
  return m.declared.key;
}

function afterRefusal(o: ObservedStorage, consent: ConsentState): ReportStorageItem['afterRefusal'] {
  if (consent.refusals.length === 0) return null;
  for (const e of o.events) {
    if (e.kind !== 'set' && e.kind !== 'overwrite' && e.kind !== 'store') continue;
    const r = inRefusal(consent, e.at);
    if (r) return { at: iso(e.at), refusedAt: iso(r.from) };
  }
  return null;
}

export function reportStorage(
  observed: readonly ObservedStorage[],
  input: { site: string; declaredList: DeclaredList; showValues: boolean; consent: ConsentState; t: Translate },
): { storage: ReportStorage; findings: Finding[] } {
  const kinds = new Map(observed.map((o) => [o, classifyStorage(o.area, o.key, siteOfHost(o.host), o.setBy?.scriptUrl)]));
  const { matched, missing } = compareStorage(observed, input.declaredList, (o) => kinds.get(o)?.vendor ?? null);
  const { consent } = input;
  const items = observed.map((o): ReportStorageItem => {
    const kind = kinds.get(o) ?? { category: 'unknown' as const, vendor: null };
    const m = matched.get(o);
    const preview = o.preview ?? null;
    const setBy: ReportSetBy = o.setBy
      ? { kind: 'script', url: o.setBy.scriptUrl ?? null, frameUrl: o.setBy.frameUrl, at: iso(o.setBy.at) }
      : { kind: 'unknown', url: null, at: iso(o.firstSeen) };
    const item: ReportStorageItem = {
      area: o.area,
      key: o.key,
      origin: o.origin,
      party: siteOfHost(o.host) === input.site ? 'first' : 'third',
      partitionSite: o.partitionSite ?? null,
      status: m ? 'declared' : 'undeclared',
      size: o.area === 'indexedDB' ? null : (o.size ?? null),
      value: input.showValues && o.area !== 'indexedDB' ? preview : null,
      valueRedacted: !input.showValues && o.area !== 'indexedDB',
      valueTruncated: preview !== null && o.size !== undefined && o.size > preview.length,
      present: o.present,
      preexisting: o.preexisting,
      setBy,
      firstSeen: iso(o.firstSeen),
      eventCount: o.eventCount,
      events: o.events.map((e) => ({
        kind: e.kind,
        at: iso(e.at),
        setBy: e.scriptUrl ? { kind: 'script' as const, url: e.scriptUrl } : { kind: 'unknown' as const, url: null },
        ...(e.repeat ? { repeat: e.repeat } : {}),
        ...(e.store !== undefined ? { store: e.store } : {}),
      })),
      category: kind.category,
      vendor: (m && m.match.kind !== 'cookie' ? m.declared.provider : '') || kind.vendor,
      classification: reportClassification(kind),
      beforeConsent: !o.preexisting && (consent.firstAt === undefined || o.firstSeen < consent.firstAt),
      afterRefusal: afterRefusal(o, consent),
    };
    if (o.stores) item.stores = o.stores;
    if (m) {
      item.declared = { kind: m.declared.kind, key: m.declared.key, provider: m.declared.provider, purpose: m.declared.purpose };
      item.match = { kind: m.match.kind, declaredAs: declaredAs(m) };
    }
    return item;
  });
  const findings = storageFindings(
    items.map((i, n) => ({ ...i, host: (observed[n] as ObservedStorage).host, providerOnly: i.match?.kind === 'provider' })),
    consent,
    input.t,
  );
  const count = (p: (i: ReportStorageItem) => boolean): number => items.filter(p).length;
  return {
    storage: {
      items,
      missing,
      summary: {
        total: items.length,
        declaredPresent: count((i) => i.status === 'declared'),
        undeclared: count((i) => i.status === 'undeclared'),
        missing: missing.length,
        thirdParty: count((i) => i.party === 'third'),
        preexisting: count((i) => i.preexisting),
      },
    },
    findings,
  };
}
