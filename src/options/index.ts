import { builtinList, type DeclaredCookie, type DeclaredList } from '../core/declared/declared';
import { parseDeclaredList, serializeDeclaredList } from '../core/declared/declared-json';
import { siteOfHost } from '../core/evidence/party';
import { send } from '../shared/connector';
import type { ListScope, StoredList } from '../shared/protocol';
import { h } from '../ui/dom';
import { download } from '../ui/download';
import { formatInstant, messageOf, type MessageKey } from '../core/text/i18n';
import { t } from '../shared/i18n';

// The options page: every site's declared list, to add, edit, remove, reset, import and export.
// Edits are saved whole: a list that does not pass the checks is refused and the stored one stays.

const app = document.getElementById('app') as HTMLElement;
const FIELDS: Array<[keyof Pick<DeclaredCookie, 'name' | 'provider' | 'function' | 'purpose' | 'duration'>, MessageKey]> = [
  ['name', 'col_name_pattern'], ['provider', 'col_provider'], ['function', 'col_function'], ['purpose', 'col_purpose'], ['duration', 'col_duration'],
];

const scopeLabel = (s: ListScope): string => (s.host ? t('host_of', s.host, s.site) : s.site);
const scopeId = (s: ListScope): string => (s.host ?? s.site).replace(/[^a-z0-9]+/gi, '-');

function message(text: string, ok: boolean): HTMLElement {
  return h('p', ok ? { className: 'saved', role: 'status' } : { role: 'alert' }, text);
}

function entryRow(c: Partial<DeclaredCookie>, tbody: HTMLElement, label: string): HTMLElement {
  const row: HTMLElement = h(
    'tr',
    {},
    FIELDS.map(([f, title]) => h('td', {}, h('input', { type: 'text', 'data-field': f, value: c[f] ?? '', 'aria-label': `${t(title)} (${label})` }))),
    h('td', { className: 'remove' }, h('button', { type: 'button', 'aria-label': c.name ? t('remove_named', c.name) : t('remove_entry'), onclick: () => row.remove() }, t('remove'))),
  );
  tbody.appendChild(row);
  return row;
}

function readRows(tbody: HTMLElement): DeclaredCookie[] {
  return [...tbody.querySelectorAll('tr')]
    .map((tr) => {
      const get = (f: string): string => (tr.querySelector(`input[data-field="${f}"]`) as HTMLInputElement).value.trim();
      const d: DeclaredCookie = { name: get('name'), provider: get('provider'), function: get('function'), purpose: get('purpose') };
      if (get('duration')) d.duration = get('duration');
      return d;
    })
    .filter((d) => d.name !== '' || d.provider !== '' || d.purpose !== '' || d.function !== '');
}

function listSection(stored: StoredList): HTMLElement {
  const { scope, list } = stored;
  const tbody = h('tbody', {});
  list.cookies.forEach((c) => entryRow(c, tbody, scopeLabel(scope)));
  const feedback = h('div', { 'aria-live': 'polite' });
  const save = async (): Promise<void> => {
    // The providers and storage the list declares are kept as they are: the table edits the cookies.
    const edited: DeclaredList = { ...list, source: list.source.includes(t('edited_by_hand')) ? list.source : `${list.source}; ${t('edited_by_hand')}`, cookies: readRows(tbody) };
    try {
      await send('saveDeclaredList', { scope, list: edited });
      feedback.replaceChildren(message(t('saved_entries', edited.cookies.length, scopeLabel(scope)), true));
    } catch (e) {
      feedback.replaceChildren(message(t('not_saved_unchanged', e instanceof Error ? e.message : String(e)), false));
    }
  };
  const id = scopeId(scope);
  return h(
    'section',
    { className: 'list', 'aria-labelledby': `h-${id}`, 'data-scope': scope.host ?? scope.site },
    h('h2', { id: `h-${id}` }, scopeLabel(scope)),
    h('p', { className: 'meta' }, t('list_meta', list.name, list.source, formatInstant(stored.savedAt, t))),
    list.storage?.length
      ? h('p', { className: 'meta', 'data-field': 'storage' }, t('policy_storage'), ' ', h('span', { className: 'mono' }, list.storage.map((x) => `${x.kind}:${x.key}`).join(', ')))
      : null,
    h('table', { className: 'entries' },
      h('thead', {}, h('tr', {}, FIELDS.map(([, title]) => h('th', { scope: 'col' }, t(title))), h('th', { scope: 'col' }, t('actions')))),
      tbody),
    h(
      'div',
      { className: 'row-actions' },
      h('button', { type: 'button', onclick: () => (entryRow({}, tbody, scopeLabel(scope)).querySelector('input') as HTMLInputElement).focus() }, t('add_entry')),
      h('button', { type: 'button', className: 'primary', 'data-action': 'save', onclick: () => void save() }, t('save')),
      h('button', { type: 'button', onclick: () => download(`declared-${scope.host ?? scope.site}.json`, serializeDeclaredList(list), 'application/json') }, t('export_list')),
      h('button', {
        type: 'button',
        'data-action': 'reset',
        onclick: () => void send('resetDeclaredList', { scope }).then(render, (e: unknown) => feedback.replaceChildren(message(String(e), false))),
      }, t('reset_builtin')),
    ),
    feedback,
  );
}

function scopeFrom(siteOrHost: string): ListScope {
  const v = siteOrHost.trim().toLowerCase();
  const site = siteOfHost(v);
  return v === site ? { site } : { site, host: v };
}

function toolbar(): HTMLElement[] {
  const feedback = h('div', { 'aria-live': 'polite' });
  const site = h('input', { type: 'text', id: 'new-site', placeholder: 'opendata.example.fr', required: true });
  const importSite = h('input', { type: 'text', id: 'import-site', placeholder: 'opendata.example.fr', required: true });
  const file = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' });
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!site.value.trim()) return;
    const scope = scopeFrom(site.value);
    const list: DeclaredList = { ...builtinList(t), name: t('list_of', scopeLabel(scope)), source: t('started_from_builtin') };
    await send('saveDeclaredList', { scope, list }).then(render, (err: unknown) => feedback.replaceChildren(message(String(err), false)));
  };
  const importFile = async (e: Event): Promise<void> => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f || !importSite.value.trim()) {
      feedback.replaceChildren(message(t('choose_file'), false));
      return;
    }
    try {
      const list = parseDeclaredList(await f.text(), `file ${f.name}`);
      await send('saveDeclaredList', { scope: scopeFrom(importSite.value), list });
      await render();
    } catch (err) {
      const why = messageOf(err, t);
      feedback.replaceChildren(message(t('not_imported', f.name, why), false));
    }
  };
  return [
    h('form', { className: 'add-site', onsubmit: (e: Event) => void add(e) },
      h('label', {}, t('site_or_host'), ' ', site),
      h('button', { type: 'submit' }, t('add_list'))),
    h('form', { className: 'import', onsubmit: (e: Event) => void importFile(e) },
      h('label', {}, t('declared_list_json'), ' ', file),
      h('label', {}, t('for_site_or_host'), ' ', importSite),
      h('button', { type: 'submit' }, t('import'))),
    feedback,
  ];
}

async function render(): Promise<void> {
  let lists: StoredList[];
  try {
    lists = await send('getDeclaredLists', {});
  } catch (e) {
    app.replaceChildren(message(t('lists_read_error', e instanceof Error ? e.message : String(e)), false));
    return;
  }
  app.replaceChildren(
    h('h1', {}, t('options_title')),
    h('p', { className: 'lead' }, t('options_lead'), ' ', t('options_patterns')),
    ...toolbar(),
    ...(lists.length === 0 ? [h('p', { className: 'empty' }, t('no_lists'))] : lists.map(listSection)),
  );
  app.dataset.ready = 'true';
}

document.documentElement.lang = t('locale');
document.title = `cookie-auditor — ${t('options_title')}`;
void render();
