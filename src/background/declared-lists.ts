import { OPENDATASOFT_LIST, type DeclaredList } from '../core/declared';

/**
 * The declared list that applies to a site. Today every site gets the built-in Opendatasoft list;
 * per-site lists read from a portal's own policy plug in here.
 */
export function declaredListFor(_site: string): DeclaredList {
  return OPENDATASOFT_LIST;
}
