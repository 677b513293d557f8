import { knownWords, sourceUrl, type ReportClassification } from '../core/report/classification';
import type { Translate } from '../core/text/i18n';
import { h, type Child } from '../ui/dom';

// A cookie's or storage item's "Known" row: how its vendor and category were found (by name,
// documented pattern, database or the script that set it), what for, and a link to the source.

export function knownChild(k: ReportClassification, t: Translate): Child {
  const url = sourceUrl(k.source);
  return [
    h('span', { className: 'how', 'data-how': k.how }, knownWords(k, t)),
    k.purpose ? ` — ${k.purpose}` : '',
    ' · ',
    url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', title: k.source }, t('known_source', new URL(url).hostname)) : t('known_source', k.source),
  ];
}
