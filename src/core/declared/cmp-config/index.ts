import type { DeclaredList } from '../declared';
import { readBorlabsConfig } from './borlabs';
import { readCookiebotConfig } from './cookiebot';
import { readDidomiConfig } from './didomi';
import { readOneTrustConfig } from './onetrust';
import { readDisclosures } from './disclosures';
import type { ConfigParse, Json } from './config';

// A consent manager's machine-readable declaration, read as a declared list of its own: declared by
// the consent manager, each entry with the JSON path it was read from. The format is recognised
// from the text itself (its keys, or Cookiebot's script arrays), never from where it came from.

export type { ConfigParse };

export function readCmpConfig(text: string): ConfigParse | null {
  let j: Json | undefined;
  try {
    j = JSON.parse(text) as Json;
  } catch {
    j = undefined;
  }
  if (j !== undefined) return readOneTrustConfig(j) ?? readDidomiConfig(j) ?? readBorlabsConfig(j) ?? readDisclosures(j);
  return readCookiebotConfig(text);
}

/** The configuration as a declared list: who declares it, and where it was read. */
export function listFromConfig(p: ConfigParse, url: string, readAt: string): DeclaredList {
  const list: DeclaredList = { name: `${p.name}'s declaration`, source: `${url} (read ${readAt})`, cookies: p.cookies, declaredBy: 'consent-manager' };
  if (p.storage.length > 0) list.storage = p.storage;
  return list;
}
