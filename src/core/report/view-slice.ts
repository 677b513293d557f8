import type { Report, ReportCookie } from './report';
import type { ReportStorageItem } from './storage';

// What the popup shows of a report: the rows of each group it will build (filtered by name,
// sorted, cut at the group's limit) and the counts it needs for the rest. The background cuts the
// report down to this before sending it, so a tab with thousands of cookies costs the popup only
// the rows on screen.

export type SortKey = 'group' | 'party' | 'expiry' | 'name';
export const SORT_KEYS: readonly SortKey[] = ['group', 'party', 'expiry', 'name'];
/** Rows a group shows at first: a popup shows a handful, and a tab of thousands still opens at once. */
export const FIRST_ROWS = 50;
/** Rows each "Show more" adds. */
export const PAGE_ROWS = 200;

export type GroupId = 'undeclared' | 'declared' | 'all' | 'missing' | 'refused' | 'findings' | 'storage';

export interface ViewQuery {
  filter?: string;
  sort?: SortKey;
  /** Rows to build per group (FIRST_ROWS unless raised by "Show more"). */
  limits?: Partial<Record<GroupId, number>>;
  /** Folded groups build no rows. */
  collapsed?: readonly string[];
}

export interface GroupCount {
  /** Rows that match the filter. */
  matching: number;
  /** Rows in the group. */
  total: number;
}

export interface PopupView {
  /** The report, its cookies and missing declared cookies cut to the rows shown (in display order), its findings to the limit. */
  report: Report;
  counts: Partial<Record<GroupId, GroupCount>>;
}

/** Orders cookies for a flat list: third parties first, the longest-lived first, or by name. */
export function sortCookies(cookies: readonly ReportCookie[], key: SortKey): ReportCookie[] {
  const expiry = (c: ReportCookie): number => (c.expires === null ? -1 : Date.parse(c.expires));
  const byName = (a: ReportCookie, b: ReportCookie): number => a.name.localeCompare(b.name);
  const sorted = [...cookies];
  if (key === 'party') sorted.sort((a, b) => (a.party === b.party ? byName(a, b) : a.party === 'third' ? -1 : 1));
  else if (key === 'expiry') sorted.sort((a, b) => expiry(b) - expiry(a) || byName(a, b));
  else if (key === 'name') sorted.sort(byName);
  return sorted;
}

/** Orders storage items: undeclared first (by group), third parties first (by party), else by key. */
export function sortStorage(items: readonly ReportStorageItem[], key: SortKey): ReportStorageItem[] {
  const byKey = (a: ReportStorageItem, b: ReportStorageItem): number => a.key.localeCompare(b.key) || a.origin.localeCompare(b.origin);
  const rank = (i: ReportStorageItem): number => (key === 'party' ? (i.party === 'third' ? 0 : 1) : key === 'name' ? 0 : i.status === 'undeclared' ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || byKey(a, b));
}

export function nameFilter(filter: string | undefined): (c: { name: string }) => boolean {
  const needle = (filter ?? '').trim().toLowerCase();
  return (c) => needle === '' || c.name.toLowerCase().includes(needle);
}

export function sliceForView(r: Report, q: ViewQuery): PopupView {
  const shown = nameFilter(q.filter);
  const limit = (id: GroupId): number => (q.collapsed?.includes(id) ? 0 : (q.limits?.[id] ?? FIRST_ROWS));
  const counts: PopupView['counts'] = {};
  const rows: ReportCookie[] = [];
  const take = (id: GroupId, all: readonly ReportCookie[], order: (cs: ReportCookie[]) => ReportCookie[] = (cs) => cs): void => {
    const matching = order(all.filter(shown));
    counts[id] = { matching: matching.length, total: all.length };
    rows.push(...matching.slice(0, limit(id)));
  };
  const sort = q.sort ?? 'group';
  if (sort === 'group') {
    take('undeclared', r.cookies.filter((c) => c.status === 'undeclared'));
    take('declared', r.cookies.filter((c) => c.status === 'declared'));
  } else {
    take('all', r.cookies, (cs) => sortCookies(cs, sort));
  }
  const storage = sortStorage(r.storage.items.filter((i) => shown({ name: i.key })), sort);
  counts.storage = { matching: storage.length, total: r.storage.items.length };
  const missing = r.missing.filter(shown);
  counts.missing = { matching: missing.length, total: r.missing.length };
  counts.findings = { matching: r.findings.length, total: r.findings.length };
  return {
    report: { ...r, cookies: rows, missing: missing.slice(0, limit('missing')), findings: r.findings.slice(0, limit('findings')), storage: { ...r.storage, items: storage.slice(0, limit('storage')) } },
    counts,
  };
}

const GROUPS: readonly GroupId[] = ['undeclared', 'declared', 'all', 'missing', 'refused', 'findings', 'storage'];

/** Checks a query that came in a message: a view page could send anything. */
export function checkViewQuery(x: unknown): ViewQuery {
  const q = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const out: ViewQuery = {};
  if (q.filter !== undefined) {
    if (typeof q.filter !== 'string' || q.filter.length > 1000) throw new Error('getView: "filter" must be a short text.');
    out.filter = q.filter;
  }
  if (q.sort !== undefined) {
    if (!(SORT_KEYS as readonly unknown[]).includes(q.sort)) throw new Error(`getView: "sort" must be one of ${SORT_KEYS.join(', ')}.`);
    out.sort = q.sort as SortKey;
  }
  if (q.limits !== undefined) {
    const limits = (typeof q.limits === 'object' && q.limits !== null ? q.limits : null) as Record<string, unknown> | null;
    if (!limits) throw new Error('getView: "limits" must be an object.');
    out.limits = {};
    for (const [k, v] of Object.entries(limits)) {
      if (!(GROUPS as readonly string[]).includes(k) || !Number.isInteger(v) || (v as number) < 0) throw new Error(`getView: the limit of "${k}" must be a count of rows of a known group.`);
      out.limits[k as GroupId] = v as number;
    }
  }
  if (q.collapsed !== undefined) {
    if (!Array.isArray(q.collapsed) || !q.collapsed.every((c) => typeof c === 'string')) throw new Error('getView: "collapsed" must be a list of group names.');
    out.collapsed = q.collapsed as string[];
  }
  return out;
}
