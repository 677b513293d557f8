import { OPENDATASOFT_LIST, type DeclaredCookie, type DeclaredList } from '../core/declared';
import { DeclaredListError, parseDeclaredList, serializeDeclaredList } from '../core/declared-json';
import { siteOfHost } from '../core/party';
import { send } from '../shared/connector';
import type { ListScope, StoredList } from '../shared/protocol';
import { h } from '../ui/dom';

// The options page: every site's declared list, to add, edit, remove, reset, import and export.
// Edits are saved whole: a list that does not pass the checks is refused and the stored one stays.

const app = document.getElementById('app') as HTMLElement;
const FIELDS: Array<[keyof Pick<DeclaredCookie, 'name' | 'provider' | 'function' | 'purpose' | 'duration'>, string]> = [
  ['name', 'Name or pattern'], ['provider', 'Provider'], ['function', 'Function'], ['purpose', 'Purpose'], ['duration', 'Declared duration'],
];

const scopeLabel = (s: ListScope): string => (s.host ? `${s.host} (host of ${s.site})` : s.site);
const scopeId = (s: ListScope): string => (s.host ?? s.site).replace(/[^a-z0-9]+/gi, '-');

function message(text: string, ok: boolean): HTMLElement {
  return h('p', ok ? { className: 'saved', role: 'status' } : { role: 'alert' }, text);
}

function entryRow(c: Partial<DeclaredCookie>, tbody: HTMLElement, label: string): HTMLElement {
  const row: HTMLElement = h(
    'tr',
    {},
    FIELDS.map(([f, title]) => h('td', {}, h('input', { type: 'text', 'data-field': f, value: c[f] ?? '', 'aria-label': `${title} (${label})` }))),
    h('td', { className: 'remove' }, h('button', { type: 'button', 'aria-label': `Remove ${c.name || 'this entry'}`, onclick: () => row.remove() }, 'Remove')),
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

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function listSection(stored: StoredList): HTMLElement {
  const { scope, list } = stored;
  const tbody = h('tbody', {});
  list.cookies.forEach((c) => entryRow(c, tbody, scopeLabel(scope)));
  const feedback = h('div', { 'aria-live': 'polite' });
  const save = async (): Promise<void> => {
    const edited: DeclaredList = { name: list.name, source: list.source.includes('edited') ? list.source : `${list.source}; edited by hand`, cookies: readRows(tbody) };
    try {
      await send('saveDeclaredList', { scope, list: edited });
      feedback.replaceChildren(message(`Saved ${edited.cookies.length} entries for ${scopeLabel(scope)}.`, true));
    } catch (e) {
      feedback.replaceChildren(message(`Not saved: ${e instanceof Error ? e.message : String(e)} The stored list is unchanged.`, false));
    }
  };
  const id = scopeId(scope);
  return h(
    'section',
    { className: 'list', 'aria-labelledby': `h-${id}`, 'data-scope': scope.host ?? scope.site },
    h('h2', { id: `h-${id}` }, scopeLabel(scope)),
    h('p', { className: 'meta' }, `${list.name}. Source: ${list.source}. Saved ${stored.savedAt.slice(0, 16).replace('T', ' ')} UTC.`),
    h('table', { className: 'entries' },
      h('thead', {}, h('tr', {}, FIELDS.map(([, t]) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, 'Actions'))),
      tbody),
    h(
      'div',
      { className: 'row-actions' },
      h('button', { type: 'button', onclick: () => (entryRow({}, tbody, scopeLabel(scope)).querySelector('input') as HTMLInputElement).focus() }, 'Add entry'),
      h('button', { type: 'button', className: 'primary', 'data-action': 'save', onclick: () => void save() }, 'Save'),
      h('button', { type: 'button', onclick: () => download(`declared-${scope.host ?? scope.site}.json`, serializeDeclaredList(list)) }, 'Export JSON'),
      h('button', {
        type: 'button',
        'data-action': 'reset',
        onclick: () => void send('resetDeclaredList', { scope }).then(render, (e: unknown) => feedback.replaceChildren(message(String(e), false))),
      }, 'Reset to built-in'),
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
    const list: DeclaredList = { ...OPENDATASOFT_LIST, name: `Declared list of ${scopeLabel(scope)}`, source: 'started from the built-in Opendatasoft list' };
    await send('saveDeclaredList', { scope, list }).then(render, (err: unknown) => feedback.replaceChildren(message(String(err), false)));
  };
  const importFile = async (e: Event): Promise<void> => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f || !importSite.value.trim()) {
      feedback.replaceChildren(message('Choose a JSON file and the site it is for.', false));
      return;
    }
    try {
      const list = parseDeclaredList(await f.text(), `file ${f.name}`);
      await send('saveDeclaredList', { scope: scopeFrom(importSite.value), list });
      await render();
    } catch (err) {
      const why = err instanceof DeclaredListError || err instanceof Error ? err.message : String(err);
      feedback.replaceChildren(message(`${f.name} was not imported: ${why} The stored list is unchanged.`, false));
    }
  };
  return [
    h('form', { className: 'add-site', onsubmit: (e: Event) => void add(e) },
      h('label', {}, 'Site or host', site),
      h('button', { type: 'submit' }, 'Add a list for this site')),
    h('form', { className: 'import', onsubmit: (e: Event) => void importFile(e) },
      h('label', {}, 'Declared list (JSON)', file),
      h('label', {}, 'For site or host', importSite),
      h('button', { type: 'submit' }, 'Import')),
    feedback,
  ];
}

async function render(): Promise<void> {
  let lists: StoredList[];
  try {
    lists = await send('getDeclaredLists', {});
  } catch (e) {
    app.replaceChildren(message(`Could not read the declared lists: ${e instanceof Error ? e.message : String(e)}`, false));
    return;
  }
  app.replaceChildren(
    h('h1', {}, 'Declared lists'),
    h('p', { className: 'lead' },
      'Each site is judged against its own list; a site with none uses the built-in Opendatasoft list (sessionid, django_language, csrftoken, cookies_preferences). ',
      'A name may be a pattern: * stands for any characters (_ga_*, _pk_id.*).'),
    ...toolbar(),
    ...(lists.length === 0 ? [h('p', { className: 'empty' }, 'No site has a list of its own yet.')] : lists.map(listSection)),
  );
  app.dataset.ready = 'true';
}

void render();
