// A documented name with dynamic parts (`_hjSessionUser_{site_id}`) as an anchored regular
// expression: each `{…}` stands for one or more of [A-Za-z0-9_.:-], every other character is
// itself. A name is never matched on a loose substring.

const PLACEHOLDER = /\{[^{}]+\}/g;
/** A pattern needs this much fixed text, or it would match nearly any name (Joomla's `{hash}`). */
export const MIN_LITERAL = 3;
/** A pattern that starts with a placeholder needs one run of fixed text this long. */
export const MIN_RUN = 6;
const PART = '[A-Za-z0-9_.:-]+';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function hasPlaceholder(name: string): boolean {
  return /\{[^{}]+\}/.test(name);
}

/** The fixed text of a pattern: its characters outside placeholders. */
export function literalOf(name: string): string {
  return name.replace(PLACEHOLDER, '');
}

/** The text before the first placeholder (the whole name when it has none). */
export function leadOf(name: string): string {
  const i = name.search(PLACEHOLDER);
  return i < 0 ? name : name.slice(0, i);
}

export function patternRegExp(name: string): RegExp {
  const parts = name.split(PLACEHOLDER).map(escape);
  return new RegExp(`^${parts.join(PART)}$`);
}

/**
 * Whether a documented name can be matched without guessing: exact, or a pattern that starts with
 * enough fixed text (`mf_{website_id}`), or whose fixed text is distinctive where it starts with a
 * placeholder (`{prefix}_session` yes; `{account_id}uid` no: it would take Vimeo's `vuid`).
 */
export function matchable(name: string): boolean {
  if (!hasPlaceholder(name)) return true;
  if (leadOf(name).length >= MIN_LITERAL) return true;
  const runs = name.split(PLACEHOLDER).map((r) => r.length);
  return Math.max(...runs) >= MIN_RUN;
}
