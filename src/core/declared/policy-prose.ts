import type { DeclaredCookie } from './declared';
import { parseDuration, type DeclaredLifetime } from './duration';
import { categoryOf } from './policy-columns';

// Cookie names read from a policy's prose, for pages with no table: list items and sentences
// ("`acceptCookies` … kept 30 days", "MATOMO_SESSID, matomo_lang, _pk_* and the like are set by
// Matomo"). A word is taken for a name only when it is recognisably one: set in code or quotes,
// shaped like a name (`_pk_id`, `MATOMO_SESSID`, `acceptCookies`, `_pk_*`), a name the caller
// knows (the known-cookie tables: "Django sets csrftoken"), or a lower-case word right after "the
// cookie" ("the cookie lang"; not "every cookie has"). A lifetime stated in the same clause goes with it.

/** A list item or a paragraph: its text, and what it sets in code or quotes. */
export interface ProseBlock {
  text: string;
  code: string[];
}

const QUOTED = /[`"«“‘]\s*([^`"»”’\s]{2,80})\s*[`"»”’]/g;
const COOKIE_WORD = /^(cookies?|traceurs?|témoins?)$/i;
const ONE_COOKIE = /^(cookie|traceur|témoin)$/i;
// Words that stand next to "cookie" without being names.
const NOT_NAMES = new Set([
  'and', 'or', 'the', 'this', 'these', 'those', 'such', 'our', 'your', 'a', 'an', 'of', 'session', 'persistent', 'permanent', 'third', 'first', 'party', 'own',
  'et', 'ou', 'le', 'la', 'les', 'ce', 'cet', 'cette', 'ces', 'un', 'une', 'des', 'du', 'de', 'nos', 'vos', 'tiers', 'propres', 'persistants', 'permanents',
  'und', 'oder', 'der', 'die', 'das', 'ein', 'eine', 'y', 'el', 'los', 'las', 'il', 'gli', 'en', 'het', 'een', 'is', 'are', 'est', 'sont', 'named', 'called', 'nommé', 'appelé',
  'consent', 'banner', 'policy', 'settings', 'preferences', 'notice', 'bar', 'file', 'name', 'will', 'which', 'that', 'qui', 'que', 'sera', 'pour', 'for', 'to', 'used', 'utilisé',
  'test', 'set', 'déposé', 'expires', 'expire', 'lasts', 'dure', 'value', 'valeur', 'id', 'identifier', 'identifiant', 'is', 'was', 'with', 'avec', 'in', 'dans', 'on', 'sur',
]);

function clean(token: string): string {
  return token.replace(/^[`'"«“‘(]+|[`'"»”’).:,;!?]+$/g, '');
}

/** Shaped like a cookie name: separators or digits inside, a `*`, camelCase, or a run of capitals. */
function nameShaped(t: string): boolean {
  if (!/^[A-Za-z0-9_\-.$*]+$/.test(t) || !/[A-Za-z]/.test(t)) return false;
  if (/^(https?|www)\b|\.(js|php|html?|css|com|org|net|fr|de)$/i.test(t)) return false;
  // camelCase as names are written (acceptCookies), not as brands are (YouTube, LinkedIn, reCAPTCHA).
  return /[_*]/.test(t) || /^[a-z]+[A-Z][a-z]+/.test(t) || /^[A-Z][A-Z0-9]{3,}$/.test(t) || /^[a-z]+[-.][a-z0-9]+/i.test(t) && /\d/.test(t);
}

/** The first lifetime a clause states: "13 mois", "30 minutes", "session". */
function lifetimeIn(clause: string): { text: string; lifetime: DeclaredLifetime } | undefined {
  for (const m of clause.matchAll(/(?<![\w.])(\d+(?:[.,]\d+)?)\s*(\p{L}+)/gu)) {
    const l = parseDuration(m[0]);
    if (l.kind === 'fixed') return { text: m[0], lifetime: l };
  }
  // "a one-month shelf-life": a number in words.
  const spelled = parseDuration(clause);
  if (spelled.kind === 'fixed') return { text: clause.trim(), lifetime: spelled };
  return /\bsession\b/i.test(clause) ? { text: 'session', lifetime: { kind: 'session' } } : undefined;
}

/** The cookies a page's prose names, each marked as read from prose. */
export function readProse(blocks: readonly ProseBlock[], isKnownName: (name: string) => boolean = () => false): DeclaredCookie[] {
  const out = new Map<string, DeclaredCookie>();
  let sentence = 0;
  for (const block of blocks) {
    const code = new Set(block.code.map((c) => c.trim()).filter((c) => /^[^\s]{2,80}$/.test(c)));
    const named: DeclaredCookie[] = [];
    for (const clause of block.text.split(/[;!?\n]|\.(?=\s|$)/)) {
      if (clause.trim() !== '') sentence++;
      const quoted = new Set([...clause.matchAll(QUOTED)].map((m) => m[1] as string));
      const tokens = clause.split(/[\s,]+/).map(clean).filter((t) => t !== '');
      const names = tokens.filter((t, i) => {
        if (NOT_NAMES.has(t.toLowerCase()) || COOKIE_WORD.test(t) || categoryOf(t)) return false;
        // A known name that is a short plain word ("store", "test") is more likely English than a cookie.
        const known = isKnownName(t) && (t.length >= 8 || !/^[a-z]+$/.test(t));
        if (code.has(t) || quoted.has(t) || nameShaped(t) || known) return /^[^\s;,=]+$/.test(t) && t.replace(/\*/g, '') !== '';
        // "the cookie lang", "le cookie lang": a lower-case word right after the singular word.
        // "The cookie lang remembers…" names it; "Every cookie has…", "a cookie, whose…" do not.
        return ONE_COOKIE.test(tokens[i - 1] ?? '') && /^(?:the|le|this|ce)$/i.test(tokens[i - 2] ?? '') && clause.includes(`${tokens[i - 1]} ${t}`) && /^[a-z][a-z0-9]{2,}$/.test(t);
      });
      const life = lifetimeIn(clause);
      for (const name of names) {
        const known = out.get(name);
        if (known && (known.duration || !life)) continue;
        const c: DeclaredCookie = { name, provider: '', function: '', purpose: '', readFrom: 'prose', from: { kind: 'prose', sentence }, ...(life ? { duration: life.text, lifetime: life.lifetime } : {}) };
        out.set(name, c);
        named.push(c);
      }
    }
    // A paragraph that names one cookie and states one lifetime in another sentence: that is its lifetime.
    const only = named.length === 1 ? named[0] : undefined;
    if (only && !only.duration) {
      const lives = block.text.split(/[;!?\n]|\.(?=\s|$)/).map(lifetimeIn).filter((l) => l !== undefined);
      if (lives.length === 1 && lives[0]) Object.assign(only, { duration: lives[0].text, lifetime: lives[0].lifetime });
    }
  }
  return [...out.values()];
}
