import { parseDuration } from './duration';
import { nameLike, readNameCell, strip } from './policy-cells';

// What a policy table's column holds. By its content first: a column holds names because its cells
// look like cookie names (and known names match), lifetimes because its cells read as durations, a
// type because its cells say cookie / storage / pixel. The header's words (in the languages real
// policies are written in) only break ties. Never by position: tables put their columns in any order.

export type Column = 'provider' | 'category' | 'type' | 'name' | 'function' | 'purpose' | 'duration';

// Tried in this order: "Supplier name" is a provider and "Cookie category" a category, not a cookie name.
const HEADERS: Array<[Column, RegExp]> = [
  ['provider', /provider|supplier|vendor|fournisseur|prestataire|[ée]metteur|[ée]diteur|soci[ée]t[ée]|third part|tiers|anbieter|proveedor|fornitore|aanbieder|leverancier|dostawca|poskytovatel|leverand|leverant|furnizor|tarjoaja|allikas|sağlayıcı|host|domain|domaine|gesetzt von|set by/],
  ['category', /cat[ée]gor|kategor|categor/],
  ['type', /^(?:cookie )?(?:type|typ|tipo|rodzaj|tip|tyyppi|tüüp|tür)(?: de cookie| of cookie)?:?$/],
  ['duration', /lifespan|expiry|expires|okres|przechowywania|levetid|varaktighet|lagringstid|säilytysaika|aegumi|platnos|trvání|durat|expirare|valabilitate|süre|lejárat|dauer/],
  ['name', /cookie|name|nom|traceur|naam|nombre|bezeichnung|nazwa|název|názov|navn|namn|nimi|nume|küpsis|kapsel|kaka|kakor|ime|pavadinimas|nosaukums|isim|név|evä/],
  ['duration', /duration|dur[ée]e|expir|lifetime|life span|retention|conservation|validit|dauer|duraci[óo]n|durata|bewaartermijn|looptijd|caducidad|scadenza|ablauf|laufzeit|[ée]ch[ée]ance|deadline|vervaldatum|vervaltijd|g[üu]ltigkeit|plazo|period|p[ée]riode|zeitraum|periodo/],
  ['purpose', /purpose|finalit|objecti|\bbut\b|usage|utilit|zweck|finalidad|prop[óo]sito|scopo|\bdoel\b|verwendung/],
  ['function', /function|fonction|r[ôo]le|description|beschreibung|descripci[óo]n|descrizione|beschrijving|funktion|funzione|functie/],
];

export function columnOf(header: string): Column | undefined {
  const h = header.toLowerCase().normalize('NFC').trim();
  if (h === '') return undefined;
  return HEADERS.find(([, re]) => re.test(h))?.[0];
}

/** A header row names a cookie-name column and at least one other kind (a spanning title row does not). */
export function isHeader(cells: string[]): boolean {
  const kinds = new Set(cells.map(columnOf).filter((c) => c !== undefined));
  return kinds.has('name') && kinds.size >= 2;
}

/** The categories a policy files its cookies under, as the known-cookie table names them. */
export type DeclaredCategory = 'necessary' | 'functional' | 'analytics' | 'advertising';

// Checked in this order: "statistiques nécessaires" is rarer than "necessary for statistics", and
// a table heading such as "Cookies necessary for the platform to function" is necessary.
const CATEGORY_WORDS: Array<[DeclaredCategory, RegExp]> = [
  ['advertising', /advertis|marketing|publicit|ciblage|targeting|werbung|reclame|advertentie|pubblicit/],
  ['analytics', /analyti|analys|statisti|estad[íi]stic|audience|mesure d|performance|prestatie|medici[óo]n|misurazione/],
  ['necessary', /necessar|n[ée]cessaire|essential|essentiel|strictly|indispensable|technique|technical|t[ée]cnic|notwendig|erforderlich|noodzakelijk|necesari|tecnic/],
  ['functional', /functional|fonctionnel|functionality|fonctionnalit|pr[ée]f[ée]rence|personnalisation|personali[sz]|komfort|funktional|funcional|funzionali|functioneel|voorkeur/],
];

/** The category a cell or a heading names, if it names one. */
export function categoryOf(text: string): DeclaredCategory | undefined {
  const t = text.toLowerCase().normalize('NFC');
  return CATEGORY_WORDS.find(([, re]) => re.test(t))?.[0];
}

/** Browser storage other than cookies, by how a policy writes it: `localStorage:theme`, a "Local storage" type. */
export function storageKindOf(text: string): 'localStorage' | 'sessionStorage' | 'indexedDB' | undefined {
  const t = text.toLowerCase().normalize('NFC');
  if (/^localstorage[:.]|local ?storage|stockage local|lokaler speicher|almacenamiento local|archiviazione locale/.test(t)) return 'localStorage';
  if (/^sessionstorage[:.]|session ?storage|stockage de session|sitzungsspeicher/.test(t)) return 'sessionStorage';
  if (/indexeddb/.test(t)) return 'indexedDB';
  return undefined;
}

/** What a row declares, by its type cell: an HTTP cookie, browser storage, or a pixel (which sets no cookie). */
export type EntryKind = 'cookie' | 'pixel' | 'localStorage' | 'sessionStorage' | 'indexedDB';

const TYPE_WORDS = new Set(['http', 'https', 'cookie', 'cookies', 'server', 'pixel', 'tracker', 'html', 'local', 'session', 'storage', 'web', 'indexeddb', 'beacon', 'localstorage', 'sessionstorage']);

/** The kind a type cell names, in the words consent managers use in each language; undefined when it names none. */
export function kindOfType(text: string): EntryKind | undefined {
  // A type is a few words ("HTTP Cookie", "html_local_storage"), not a key ("localStorage:theme").
  if (/^(?:localStorage|sessionStorage|indexedDB)[:.]/i.test(text.trim())) return undefined;
  // One word with separators or capitals inside is a name ("test_cookie", "CookieConsent"), unless
  // each part is a type word ("http_cookie", "html_local_storage", as Termly writes types).
  const raw = text.trim();
  if (!/\s/.test(raw) && (/[a-z][A-Z]/.test(raw) || /[_.-]/.test(raw)) && !raw.toLowerCase().split(/[_.-]+/).every((w) => TYPE_WORDS.has(w))) return undefined;
  const t = raw.toLowerCase().normalize('NFC').replace(/[_-]+/g, ' ');
  if (t === '' || t.length > 60 || t.split(' ').length > 5) return undefined;
  if (/indexed ?db/.test(t)) return 'indexedDB';
  if (/pix|piks|píxel|beacon|tracker|balise|tracking|śledz|gif|tag\b/.test(t)) return 'pixel';
  if (/session ?storage|stockage de session|sitzungsspeicher/.test(t)) return 'sessionStorage';
  if (/storage|stockage|speicher|almacenamiento|archiviazione|armazenamento|opslag|lagring|magazyn|úložisk|uložisk|stocare|tallennus|tár|hoidla|krātuve|saugykl|shramb|pohran|depolama|geymsla|αποθήκευση|хранилище|memorj|html|local|lokal/.test(t)) return 'localStorage';
  if (/cookie|http|kaka|kakor|informasjonskapsel|küpsis|evä|süti|piškót|sušen|kolačić|piškotek|sīkdatn|slapuk|çerez|fianán|biskott|вафл|бисквит|μπισκότο|vafrakak|server/.test(t)) return 'cookie';
  return undefined;
}

/** The columns of a table (or of label/value entries grouped by label) and what each holds. */
export interface Roles {
  name?: number;
  duration?: number;
  type?: number;
  provider?: number;
  purpose?: number;
  function?: number;
  category?: number;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** How much a cell reads as a lifetime: a figure with a unit, or a word such as "session" (1), a short phrase (0.5). */
export function lifetimeScore(cell: string): number {
  if (cell.length > 120) return 0;
  const k = parseDuration(cell).kind;
  // One word that only contains a session word ("lbsession", "Gebruikerssessie") may well be a name.
  if (k === 'session' && !/\s/.test(cell.trim()) && !/^(?:sess|sitz|sesi|sesj|sesy|istun|munka|relac|relác|seja|oturum|lotu|συνεδρ|сеси|økt|seisi)/iu.test(cell.trim())) return 0.3;
  if (k === 'fixed' || k === 'session' || k === 'never' || k === 'persistent' || k === 'past') return 1;
  return k === 'stated' && cell.length <= 30 && !/[_.]/.test(cell) ? 0.3 : 0;
}

/** How much a cell reads as cookie names: name-shaped or known tokens (1), plain words (0.4), prose or hosts (0). */
export function nameScore(cell: string, isKnownName: (n: string) => boolean): number {
  if (cell === '' || cell.length > 300 || lifetimeScore(cell) === 1 || kindOfType(cell)) return 0;
  const { names, descriptions } = readNameCell(cell);
  if (names.length === 0 || descriptions.length > 0) return 0;
  // Host names and addresses are where cookies come from, not what they are called.
  if (names.every((n) => /^(?:https?:\/\/)?\.?(?:[a-z0-9-]+\.)+[a-z]{2,}\/?$/i.test(n) && !/[A-Z_]/.test(n))) return 0;
  const words = cell.split(/\s+/).map(strip).filter((w) => w !== '');
  if (words.length > 3 * names.length + 2) return 0;
  return mean(names.map((n) => (nameLike(n) || isKnownName(n) ? 1 : 0.4)));
}

/** What each column holds, by its cells' content, the header's words breaking ties. */
export function rolesOf(header: readonly string[], rows: ReadonlyArray<readonly string[]>, isKnownName: (n: string) => boolean): Roles {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const cols = Array.from({ length: width }, (_, i) => rows.map((r) => (r[i] ?? '').trim()).filter((c) => c !== ''));
  const said = Array.from({ length: width }, (_, i) => columnOf(header[i] ?? ''));
  // The header's word breaks ties: it adds to the kind it names and takes from the others.
  const bonus = (i: number, c: Column): number => (said[i] === c ? 0.3 : said[i] !== undefined ? -0.3 : 0);
  const roles: Roles = {};
  const taken = new Set<number>();
  const best = (score: (i: number) => number, min: number): number | undefined => {
    let at: number | undefined;
    let top = min;
    for (let i = 0; i < width; i++) {
      if (taken.has(i) || (cols[i] as string[]).length === 0) continue;
      const s = score(i);
      if (s >= top) [at, top] = [i, s + 1e-9];
    }
    if (at !== undefined) taken.add(at);
    return at;
  };
  const duration = best((i) => mean((cols[i] as string[]).map(lifetimeScore)) + bonus(i, 'duration'), 0.5);
  if (duration !== undefined) roles.duration = duration;
  const type = best((i) => mean((cols[i] as string[]).map((c) => (kindOfType(c) ? 1 : 0))), 0.6);
  if (type !== undefined) roles.type = type;
  const name = best((i) => mean((cols[i] as string[]).map((c) => nameScore(c, isKnownName))) + bonus(i, 'name'), 0.5);
  if (name !== undefined) roles.name = name;
  for (const c of ['provider', 'category', 'purpose', 'function'] as const) {
    const at = said.findIndex((s, i) => s === c && !taken.has(i));
    if (at >= 0) {
      roles[c] = at;
      taken.add(at);
    }
  }
  // A "Type" column that holds no cookie/storage/pixel type holds the category ("Technical", "Analytic").
  const typeWords = said.findIndex((s, i) => s === 'type' && !taken.has(i));
  if (roles.category === undefined && typeWords >= 0) {
    roles.category = typeWords;
    taken.add(typeWords);
  }
  // No header says which column describes: the one with the longest texts.
  if (roles.purpose === undefined && roles.function === undefined) {
    const purpose = best((i) => mean((cols[i] as string[]).map((c) => Math.min(c.length, 200))) / 200, 0.15);
    if (purpose !== undefined) roles.purpose = purpose;
  }
  return roles;
}
