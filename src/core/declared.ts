import type { DeclaredLifetime } from './duration';
import { LocalizedError } from './i18n';

// Declared lists: what a portal's cookie policy says it sets.

export interface DeclaredCookie {
  /** An exact cookie name, or a pattern where `*` stands for any run of characters (`_ga_*`). */
  name: string;
  provider: string;
  function: string;
  purpose: string;
  /** The lifetime as the policy states it, kept as text. */
  duration?: string;
  /** That lifetime understood, when it could be. */
  lifetime?: DeclaredLifetime;
}

export interface DeclaredList {
  name: string;
  /** Where the list comes from: a policy URL, a file, or "built-in". */
  source: string;
  cookies: DeclaredCookie[];
}

// Written from the cookie policies of opendata.edf.fr and data.aide-developpement.gouv.fr
// ("Cookies necessary for the platform to function properly"), which declare these four.
export const OPENDATASOFT_LIST: DeclaredList = {
  name: 'Opendatasoft portal (built-in)',
  source: 'built-in: the cookie policy common to Opendatasoft portals',
  cookies: [
    {
      name: 'sessionid',
      provider: 'Opendatasoft',
      function: 'Authentication (front and back office)',
      purpose: 'To remember the user from one page to another',
    },
    {
      name: 'django_language',
      provider: 'Opendatasoft',
      function: 'Language selection (front and back office)',
      purpose: "To remember the visitor's language",
    },
    {
      name: 'csrftoken',
      provider: 'Opendatasoft',
      function: 'API (CSRF) (front and back office)',
      purpose: 'To retrieve data via API calls',
    },
    {
      name: 'cookies_preferences',
      provider: 'Opendatasoft',
      function: 'Choices related to your cookie preferences',
      purpose: "To remember the visitor's cookie preferences",
    },
  ],
};

export function isPattern(name: string): boolean {
  return name.includes('*');
}

/** Compiles a declared name to a matcher; throws a message naming the bad pattern. */
export function compileName(name: string): (cookieName: string) => boolean {
  if (name.trim() === '') throw new LocalizedError('err_name_empty');
  if (!isPattern(name)) return (n) => n === name;
  if (name.replace(/\*/g, '') === '') {
    throw new LocalizedError('err_pattern_all', name);
  }
  const re = new RegExp('^' + name.split('*').map(escapeRegExp).join('.*') + '$');
  return (n) => re.test(n);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The declared list a policy page gives a site, with where and when it was read. */
export function listFromPolicy(site: string, policy: { url: string; readAt: string; cookies: DeclaredCookie[] }): DeclaredList {
  return { name: `Cookie policy of ${site}`, source: `${policy.url} (read ${policy.readAt})`, cookies: policy.cookies };
}
