// What a policy table's column holds, from the words of its header, and which category a cell or a
// heading names, in the languages real policies are written in: English, French, German, Spanish,
// Italian and Dutch. Never by position: tables put their columns in any order.

export type Column = 'provider' | 'category' | 'type' | 'name' | 'function' | 'purpose' | 'duration';

// Tried in this order: "Supplier name" is a provider and "Cookie category" a category, not a cookie name.
const HEADERS: Array<[Column, RegExp]> = [
  ['provider', /provider|supplier|vendor|fournisseur|prestataire|[ée]metteur|[ée]diteur|soci[ée]t[ée]|third part|tiers|anbieter|proveedor|fornitore|aanbieder|leverancier/],
  ['category', /cat[ée]gor|kategor|categor/],
  ['type', /^(?:cookie )?(?:type|typ|tipo)(?: de cookie| of cookie)?$/],
  ['name', /cookie|name|nom|traceur|naam|nombre|bezeichnung/],
  ['duration', /duration|dur[ée]e|expir|lifetime|life span|retention|conservation|validit|dauer|duraci[óo]n|durata|bewaartermijn|looptijd|caducidad|scadenza|ablauf|laufzeit|[ée]ch[ée]ance|deadline|vervaldatum|vervaltijd|g[üu]ltigkeit|plazo|period|p[ée]riode|zeitraum|periodo/],
  ['purpose', /purpose|finalit|objecti|\bbut\b|usage|utilit|zweck|finalidad|prop[óo]sito|scopo|\bdoel\b|verwendung/],
  ['function', /function|fonction|r[ôo]le|description|beschreibung|descripci[óo]n|descrizione|beschrijving|funktion|funzione|functie/],
];

export function columnOf(header: string): Column | undefined {
  const h = header.toLowerCase().normalize('NFC').trim();
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
