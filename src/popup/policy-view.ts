import { describeLifetime } from '../core/duration';
import type { PolicyPreview } from '../shared/protocol';
import { h } from '../ui/dom';

// The declared list read from a policy page, shown for confirmation before it replaces anything.

export interface PolicyViewActions {
  onAccept: () => void;
  onCancel: () => void;
}

type Field = 'name' | 'provider' | 'function' | 'purpose' | 'duration';
const FIELDS: Array<[Field, string]> = [
  ['name', 'Name or pattern'], ['provider', 'Provider'], ['function', 'Function'], ['purpose', 'Purpose'], ['duration', 'Declared duration'],
];

/** The declared cookies, with only the columns the policy filled in. */
function declaredTable(p: PolicyPreview): HTMLElement {
  const cell = (c: PolicyPreview['cookies'][number], f: Field): string =>
    f === 'duration' ? (c.duration ? `${c.duration}${c.lifetime ? ` (${describeLifetime(c.lifetime)})` : ''}` : '—') : c[f];
  const shown = FIELDS.filter(([f]) => f === 'name' || p.cookies.some((c) => (f === 'duration' ? c.duration : c[f])));
  return h(
    'table',
    { className: 'declared-table' },
    h('thead', {}, h('tr', {}, shown.map(([, title]) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, p.cookies.map((c) => h('tr', { 'data-cookie-name': c.name }, shown.map(([f]) => h('td', { className: f === 'name' ? 'mono' : undefined }, cell(c, f)))))),
  );
}

export function renderPolicyPreview(p: PolicyPreview, site: string, actions: PolicyViewActions): HTMLElement {
  return h(
    'section',
    { className: 'preview', 'aria-labelledby': 'h-preview', 'data-view': 'policy-preview' },
    h('h2', { id: 'h-preview' }, `Cookie policy read: ${p.cookies.length} declared cookie${p.cookies.length === 1 ? '' : 's'}`),
    h('p', { className: 'url' }, 'From ', h('span', { className: 'mono', 'data-field': 'source' }, p.url), `, read ${p.readAt.slice(0, 16).replace('T', ' ')} UTC.`),
    declaredTable(p),
    p.problems.length > 0
      ? h('div', { className: 'notice', role: 'note' }, h('strong', {}, 'Check these: '), h('ul', {}, p.problems.map((t) => h('li', {}, t))))
      : null,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', id: 'accept-policy', className: 'primary', onclick: actions.onAccept }, `Use this list for ${site}`),
      h('button', { type: 'button', id: 'cancel-policy', onclick: actions.onCancel }, 'Cancel'),
    ),
  );
}

export interface PolicyFormActions {
  onRead: (url?: string) => void;
}

/** The action that starts it: the site's own policy link, or an address the user gives. */
export function renderPolicyForm(actions: PolicyFormActions): HTMLElement {
  const input = h('input', { type: 'url', id: 'policy-url', placeholder: 'https://…/cookies-policy/', 'aria-label': 'Address of the cookie policy' });
  return h(
    'div',
    { className: 'policy-form' },
    h('button', { type: 'button', id: 'read-policy', onclick: () => actions.onRead() }, "Read this site's cookie policy"),
    h(
      'form',
      {
        className: 'policy-url',
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (input.value.trim() !== '') actions.onRead(input.value.trim());
        },
      },
      input,
      h('button', { type: 'submit' }, 'Read'),
    ),
  );
}
