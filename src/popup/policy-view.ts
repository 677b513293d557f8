import { describeSource } from '../core/declared/declared';
import { describeLifetime } from '../core/declared/duration';
import { formatInstant, plural, type MessageKey, type Translate } from '../core/text/i18n';
import type { PolicyPreview } from '../shared/protocol';
import { h } from '../ui/dom';

// The declared list read from a policy page, shown for confirmation before it replaces anything.

export interface PolicyViewActions {
  onAccept: () => void;
  onCancel: () => void;
}

type Field = 'name' | 'provider' | 'function' | 'purpose' | 'duration' | 'from';
const FIELDS: Array<[Field, MessageKey]> = [
  ['name', 'col_name_pattern'], ['provider', 'col_provider'], ['function', 'col_function'], ['purpose', 'col_purpose'], ['duration', 'col_duration'], ['from', 'col_read_from'],
];

/** The declared cookies, with only the columns the policy filled in, and where each was read, so the auditor can check it. */
function declaredTable(p: PolicyPreview, t: Translate): HTMLElement {
  const cell = (c: PolicyPreview['cookies'][number], f: Field): string =>
    f === 'duration' ? (c.duration ? `${c.duration}${c.lifetime ? ` (${describeLifetime(c.lifetime, t)})` : ''}` : '—') : f === 'from' ? (c.from ? describeSource(c.from, t) : '—') : c[f];
  const shown = FIELDS.filter(([f]) => f === 'name' || p.cookies.some((c) => (f === 'duration' ? c.duration : c[f])));
  return h(
    'table',
    { className: 'declared-table' },
    h('thead', {}, h('tr', {}, shown.map(([, title]) => h('th', { scope: 'col' }, t(title))))),
    h('tbody', {}, p.cookies.map((c) => h('tr', { 'data-cookie-name': c.name, 'data-read-from': c.readFrom }, shown.map(([f]) =>
      h('td', { className: f === 'name' ? 'mono' : undefined, 'data-field': f === 'from' ? 'from' : undefined }, cell(c, f), f === 'name' && c.readFrom === 'prose' ? h('span', { className: 'tag' }, ` ${t('from_prose')}`) : null))))),
  );
}

export function renderPolicyPreview(p: PolicyPreview, site: string, t: Translate, actions: PolicyViewActions): HTMLElement {
  return h(
    'section',
    { className: 'preview', 'aria-labelledby': 'h-preview', 'data-view': 'policy-preview' },
    h('h2', { id: 'h-preview' }, plural(t, 'policy_read_head', p.cookies.length)),
    h('p', { className: 'url' }, t('policy_from'), ' ', h('span', { className: 'mono', 'data-field': 'source' }, p.url), ` ${t('policy_read_at', formatInstant(p.readAt, t))}`),
    // Found from the page itself: which declaration was used, and the consent manager's own read alongside.
    p.foundBy ? h('p', { 'data-field': 'found-by' }, t('sides_found_by', p.foundBy)) : null,
    p.consentManager
      ? h('p', { 'data-field': 'consent-manager' }, t('policy_consent_manager', p.consentManager.name, p.consentManager.cookies.length), ' ', h('span', { className: 'mono' }, p.consentManager.source))
      : null,
    declaredTable(p, t),
    p.providers.length > 0
      ? h('p', { 'data-field': 'providers' }, t('policy_providers'), ' ', p.providers.map((x) => x.provider).join(', '))
      : null,
    p.storage.length > 0
      ? h('p', { 'data-field': 'storage' }, t('policy_storage'), ' ', h('span', { className: 'mono' }, p.storage.map((x) => `${x.kind}:${x.key}`).join(', ')))
      : null,
    p.problems.length > 0
      ? h('div', { className: 'notice', role: 'note' }, h('strong', {}, `${t('check_these')} `), h('ul', {}, p.problems.map((x) => h('li', {}, x))))
      : null,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', id: 'accept-policy', className: 'primary', onclick: actions.onAccept }, t('use_list_for', site)),
      h('button', { type: 'button', id: 'cancel-policy', onclick: actions.onCancel }, t('cancel')),
    ),
  );
}

export interface PolicyFormActions {
  onRead: (url?: string) => void;
}

/** The action that starts it: the site's own policy link, or an address the user gives. */
export function renderPolicyForm(t: Translate, actions: PolicyFormActions): HTMLElement {
  const input = h('input', { type: 'url', id: 'policy-url', placeholder: 'https://…/cookies-policy/', 'aria-label': t('policy_address') });
  return h(
    'div',
    { className: 'policy-form' },
    h('button', { type: 'button', id: 'read-policy', onclick: () => actions.onRead() }, t('read_site_policy')),
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
      h('button', { type: 'submit' }, t('read')),
    ),
  );
}
