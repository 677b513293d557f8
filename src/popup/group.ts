import { PAGE_ROWS, type GroupCount, type GroupId } from '../core/report/view-slice';
import { h } from '../ui/dom';
import type { ViewOptions } from './view';

// A group of rows in the popup, foldable, with "Show more" under a list that holds more rows than it built.

type GroupOptions = Pick<ViewOptions, 't' | 'collapsed' | 'onToggleGroup' | 'onShowMore'>;

/** "Show 200 more" and "Show all" under a list that holds more rows than it built. */
export function moreButtons(id: GroupId, more: number, total: number, opts: GroupOptions): HTMLElement | null {
  if (more <= 0 || !opts.onShowMore) return null;
  return h('p', { className: 'more' },
    h('button', { type: 'button', 'data-more': id, onclick: () => opts.onShowMore?.(id, PAGE_ROWS) }, opts.t('show_more', Math.min(more, PAGE_ROWS), more)),
    ' ',
    h('button', { type: 'button', 'data-all': id, onclick: () => opts.onShowMore?.(id, more) }, opts.t('show_all', total)));
}

/** A group of rows: `rows` are the ones to build (a folded group gets none), `n` its counts. */
export function group<T>(id: GroupId, title: string, rows: readonly T[], build: (x: T) => HTMLElement, n: GroupCount, empty: string, opts: GroupOptions): HTMLElement {
  const headingId = `h-${id}`;
  const listId = `list-${id}`;
  const collapsed = opts.collapsed?.has(id) === true;
  const items = collapsed ? [] : rows.map(build);
  const more = collapsed ? 0 : n.matching - items.length;
  const count = n.matching === n.total ? `(${n.total})` : `(${opts.t('shown_of', n.matching, n.total)})`;
  const heading = opts.onToggleGroup
    ? h('button', { type: 'button', className: 'fold', 'aria-expanded': String(!collapsed), 'aria-controls': listId, onclick: () => opts.onToggleGroup?.(id) }, `${title} ${count}`)
    : `${title} ${count}`;
  return h(
    'section',
    { 'data-group': id, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, heading),
    n.matching > 0
      ? h('ul', { className: 'cookies', id: listId, hidden: collapsed }, items)
      : h('p', { className: 'empty', id: listId, hidden: collapsed }, empty),
    moreButtons(id, more, n.total, opts),
  );
}

