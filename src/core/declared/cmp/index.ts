import type { PolicyParse } from '../policy';
import { EN, type Translate } from '../../text/i18n';
import { Collector } from './entries';
import { parseHtml, type Document } from './dom';
import type { CmpRule } from './rule';
import { cookiebot } from './cookiebot';
import { termly } from './termly';
import { onetrust } from './onetrust';
import { cookieyes } from './cookieyes';
import { didomi } from './didomi';
import { borlabs } from './borlabs';
import { complianz } from './complianz';
import { iubenda } from './iubenda';

// The consent managers' declarations, each read by its own rule (cmp/<name>.ts). The first rule
// that finds its declaration in the page and reads a name or a provider from it wins; a page with
// none of them is left to the policy reader's tables and prose.

export const CMP_RULES: readonly CmpRule[] = [cookiebot, onetrust, cookieyes, complianz, iubenda, didomi, borlabs, termly];

export interface CmpParse extends PolicyParse {
  /** The rule that read it. */
  cmp: { id: string; name: string; source: string };
  /** Pixels the declaration lists: they set no cookie. */
  pixels: string[];
}

export function readCmpDeclaration(page: string | Document, t: Translate = EN): CmpParse | null {
  const doc = typeof page === 'string' ? parseHtml(page) : page;
  for (const rule of CMP_RULES) {
    const roots = rule.find(doc);
    if (roots.length === 0) continue;
    const c = new Collector(rule.id, t);
    rule.read(roots, c, doc);
    const out = c.out;
    if (out.cookies.length === 0 && out.providers.length === 0 && out.storage.length === 0) continue;
    out.problems.unshift(t('cmp_read_by', rule.name, out.cookies.length));
    return { ...out, cmp: { id: rule.id, name: rule.name, source: rule.source }, pixels: c.pixels };
  }
  return null;
}
