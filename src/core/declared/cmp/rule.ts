import type { Collector } from './entries';
import type { Document, Element } from './dom';

// One rule per consent manager, the way autoconsent keeps one rule per banner: how to recognise its
// declaration in a page, and how to read its entries. Each rule names the public source its markup
// was taken from.

export interface CmpRule {
  /** Short id, as `from.cmp` records it: "cookiebot", "onetrust"… */
  id: string;
  /** The consent manager's name, for people. */
  name: string;
  /** Where its markup is documented or can be seen. */
  source: string;
  /** The declaration's roots in the page, none when the page holds none of this consent manager's. */
  find(doc: Document): Element[];
  /** Reads every entry under the roots into the collector (the document, for headings above them). */
  read(roots: Element[], c: Collector, doc: Document): void;
}
