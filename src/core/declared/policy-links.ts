import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

// Finds the link to a portal's cookie policy among a page's links, by what the link says or where
// it goes: "Cookies policy", "Politique de cookies", "Gestion des cookies", /terms/cookies-policy/.

type Node = DefaultTreeAdapterMap['node'];

export interface PolicyLink {
  url: string;
  text: string;
  score: number;
}

function score(text: string, href: string): number {
  const t = text.toLowerCase();
  const h = href.toLowerCase();
  let s = 0;
  if (/politique (?:de |des |relative aux )?cookies|cookies? policy|gestion des cookies|charte (?:des )?cookies/.test(t)) s += 10;
  else if (/cookie|traceur/.test(t)) s += 5;
  if (/cookies?[-_]?polic|politique[-_]cookies|gestion[-_]des[-_]cookies/.test(h)) s += 6;
  else if (/cookie/.test(h)) s += 3;
  if (/privacy|confidentialit|donn[ée]es personnelles/.test(t + ' ' + h)) s += 1;
  return s;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? n.childNodes.map(textOf).join('') : '';
}

/** Links that look like a cookie policy, best first; only http(s) links. */
export function findPolicyLinks(html: string, baseUrl: string): PolicyLink[] {
  const found = new Map<string, PolicyLink>();
  const walk = (n: Node): void => {
    if ('tagName' in n && n.tagName === 'a') {
      const href = n.attrs.find((a) => a.name === 'href')?.value;
      if (href) {
        try {
          const url = new URL(href, baseUrl);
          const text = textOf(n).replace(/\s+/g, ' ').trim();
          const s = score(text, url.pathname);
          if (s > 0 && (url.protocol === 'http:' || url.protocol === 'https:')) {
            url.hash = '';
            const prev = found.get(url.href);
            if (!prev || prev.score < s) found.set(url.href, { url: url.href, text, score: s });
          }
        } catch {
          // An unparseable href is no policy link.
        }
      }
    }
    if ('childNodes' in n) n.childNodes.forEach(walk);
  };
  walk(parse(html));
  return [...found.values()].sort((a, b) => b.score - a.score);
}
