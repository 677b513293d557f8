import type { KnownCookie } from '../classify';
import type { VendorKnowledge, VendorRule } from './knowledge';

// Where the sources disagree, for `npm run cookie-db -- --check`: classification settles each case
// by its precedence (curated, then vendor documentation, then the database; the setter's vendor
// first among equals), and this says which cases it settled, so that a person decides.

export interface Conflict {
  name: string;
  /** The entries that disagree, the one that wins first. */
  entries: string[];
  why: string;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** Two names of one vendor: one holds the other ("Clarity" and "Microsoft Clarity"). */
const sameVendor = (a: string, b: string): boolean => {
  const x = norm(a);
  const y = norm(b);
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x));
};

const describeRule = (r: VendorRule): string => `${r.vendor} (${r.category}, ${r.where}, documented as ${r.name}; ${r.source})`;
const describeRow = (k: KnownCookie, what: string): string => `${k.vendor} (${k.category}${k.domain ? `, on ${k.domain}` : ''}, ${what} ${k.name}; ${k.source})`;

/** Both hold on some site: not two vendor-only entries on different domains. */
function overlap(a: VendorRule, b: VendorRule): boolean {
  if (a.where !== 'vendor' || b.where !== 'vendor') return true;
  return a.sites.some((s) => b.sites.includes(s));
}

function tableMatches(k: KnownCookie, name: string): boolean {
  return k.name.endsWith('*') ? name.startsWith(k.name.slice(0, -1)) : k.name === name;
}

export function sourceConflicts(kb: VendorKnowledge, curated: readonly KnownCookie[], database: readonly KnownCookie[]): Conflict[] {
  const out: Conflict[] = [];
  // Vendor against vendor: one name (or a name another's pattern covers) documented by two vendors.
  const index = new Map(kb.cookieRules.map((r, i) => [r, i]));
  const seen = new Set<string>();
  for (const r of kb.cookieRules) {
    const rivals = r.test ? kb.cookies.exactly(r.name) : [...kb.cookies.exactly(r.name), ...kb.cookies.patterns(r.name)];
    for (const o of rivals) {
      if (o === r || o.vendorId === r.vendorId || !overlap(o, r)) continue;
      const [i, j] = [index.get(r) ?? 0, index.get(o) ?? 0].sort((a, b) => a - b);
      if (seen.has(`${i}|${j}`)) continue;
      seen.add(`${i}|${j}`);
      const [first, second] = i === index.get(r) ? [r, o] : [o, r];
      out.push({ name: r.name, entries: [describeRule(first), describeRule(second)], why: 'two vendors document this name: the vendor whose script set the cookie wins, else the first listed' });
    }
  }
  // Vendor documentation against the curated table and the database, on the name it documents.
  for (const r of kb.cookieRules) {
    if (r.test) continue;
    for (const [rows, what, wins] of [
      [curated, 'curated table:', false],
      [database, 'Open Cookie Database:', true],
    ] as const) {
      const k = rows.find((x) => tableMatches(x, r.name) && (x.domain === undefined || r.sites.includes(x.domain) || r.where !== 'vendor'));
      if (!k) continue;
      const cat = k.category !== r.category;
      const ven = !sameVendor(k.vendor, r.vendor);
      if (!cat && !ven) continue;
      const why = [cat ? `category ${r.category} vs ${k.category}` : '', ven ? `vendor ${r.vendor} vs ${k.vendor}` : ''].filter(Boolean).join(', ');
      const rule = describeRule(r);
      const row = describeRow(k, what);
      out.push({ name: r.name, entries: wins ? [rule, row] : [row, rule], why });
    }
  }
  // The curated table against the database.
  for (const c of curated) {
    const k = database.find((x) => x.name === c.name && (x.domain ?? '') === (c.domain ?? ''));
    if (!k || k.category === c.category) continue;
    out.push({ name: c.name, entries: [describeRow(c, 'curated table:'), describeRow(k, 'Open Cookie Database:')], why: `category ${c.category} vs ${k.category}` });
  }
  return out;
}

/** Domains two vendors claim: the setter rule gives the first. */
export function domainConflicts(files: ReadonlyArray<{ vendors: ReadonlyArray<{ id: string; domains: readonly string[] }> }>): Conflict[] {
  const owner = new Map<string, string>();
  const out: Conflict[] = [];
  for (const f of files) {
    for (const v of f.vendors) {
      for (const d of v.domains) {
        const o = owner.get(d);
        if (o !== undefined && o !== v.id) out.push({ name: d, entries: [o, v.id], why: 'two vendors claim this domain; a script from it is given to the first' });
        else owner.set(d, v.id);
      }
    }
  }
  return out;
}
