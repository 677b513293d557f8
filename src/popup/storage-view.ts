import { storageKind, storageRef } from '../core/judgement/findings-storage';
import { sizeWords, storageFlags, storageMatchWords, storageSetByWords, storageTimeline, storageValueWords } from '../core/report/format-storage';
import type { Report } from '../core/report/report';
import type { ReportStorageItem } from '../core/report/storage';
import type { GroupCount } from '../core/report/view-slice';
import { plural } from '../core/text/i18n';
import { h, type Child } from '../ui/dom';
import { group } from './group';
import { timelineDetails } from './timeline';
import { cookieAnchor, sinceStart, type ViewOptions } from './view';
import { knownChild } from './known';

// The popup's browser-storage section, under the cookie groups: one row per localStorage or
// sessionStorage key and IndexedDB database, with the cookies' filter, sort, timeline and copy.

function storageItem(i: ReportStorageItem, opts: ViewOptions, startedAt: string): HTMLElement {
  const t = opts.t;
  const rows: Array<[string, Child, boolean?]> = [[t('st_origin_col'), i.origin, true]];
  if (i.partitionSite) rows.push([t('col_partition'), i.partitionSite, true]);
  if (i.size !== null) rows.push([t('st_size_col'), sizeWords(i, t)]);
  rows.push([t('col_set_by'), storageSetByWords(i, t)]);
  rows.push([t('col_kind'), storageKind(i, t)]);
  if (i.classification) rows.push([t('col_known'), knownChild(i.classification, t)]);
  if (i.stores?.length) rows.push([t('st_area_indexedDB'), t('st_stores', i.stores.join(', '))]);
  if (i.declared) rows.push([t('txt_declared_cap'), [i.declared.provider, i.declared.purpose].filter((x) => x !== '').join(' — ')]);
  if (i.match) rows.push([t('col_match'), storageMatchWords(i, t)]);
  if (i.value !== null) rows.push([t('col_value'), storageValueWords(i, t), true]);
  const tag = (text: string, cls = 'tag'): HTMLElement => h('span', { className: cls }, text);
  return h(
    'li',
    { className: 'cookie storage', id: cookieAnchor(storageRef(i)), 'data-storage-key': i.key, 'data-area': i.area, 'data-party': i.party, 'data-status': i.status },
    h('div', { className: 'head' },
      h('span', { className: 'name' }, i.key),
      tag(i.area),
      tag(storageFlags(i, t), i.party === 'third' || !i.present ? 'tag third' : 'tag'),
      tag(i.status === 'undeclared' ? t('status_undeclared') : t('status_declared'), i.status === 'undeclared' ? 'tag gone' : 'tag'),
      opts.onCopyStorage ? h('button', { type: 'button', className: 'copy', 'aria-label': t('st_copy_label', i.key), onclick: () => opts.onCopyStorage?.(i) }, t('copy')) : null),
    h('dl', {}, rows.map(([k, v, mono]) => [h('dt', {}, k), h('dd', { className: mono ? 'mono' : undefined }, v)])),
    timelineDetails(plural(t, 'timeline_changes', i.eventCount), null,
      () => h('ol', {}, storageTimeline(i, t).map((e, n) =>
        h('li', { 'data-kind': i.events[n]?.kind ?? '' },
          h('time', { datetime: e.at, title: e.at }, e.time),
          h('span', { className: 'since' }, ` (${sinceStart(e.at, startedAt, t)}) `),
          h('strong', {}, e.words),
          e.url ? [' ', h('span', { className: 'mono' }, e.url)] : '')))),
  );
}

export function storageSection(r: Report, n: GroupCount, opts: ViewOptions): HTMLElement {
  const t = opts.t;
  const s = r.storage.summary;
  const section = group('storage', t('st_title'), r.storage.items, (i) => storageItem(i, opts, r.startedAt), n, t('st_empty'), opts);
  section.insertBefore(
    h('p', { className: 'hint', 'data-field': 'storage-counts' }, `${t('st_counts', s.total, s.declaredPresent, s.undeclared, s.missing)}. ${t('st_no_expiry')}`),
    section.children[1] ?? null,
  );
  if (r.storage.missing.length > 0) {
    section.append(h('p', { className: 'hint', 'data-field': 'storage-missing' }, `${t('st_missing_title')}: `,
      h('span', { className: 'mono' }, r.storage.missing.map((m) => `${m.kind}:${m.key}`).join(', '))));
  }
  return section;
}
