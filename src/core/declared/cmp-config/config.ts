import { compileName, type DeclaredCookie, type DeclaredStorage } from '../declared';
import type { DeclaredLifetime } from '../duration';
import { parseDuration } from '../duration';
import { categoryOf, type DeclaredCategory } from '../policy-columns';
import { kindOfType, cleanName } from '../cmp/entries';

// What a consent manager's machine-readable declaration gives, whatever its format: its cookies,
// each with the JSON path it was read from, its storage keys, and what could not be read.

export interface ConfigParse {
  cmp: string;
  /** The consent manager's name, for people. */
  name: string;
  cookies: DeclaredCookie[];
  storage: DeclaredStorage[];
  problems: string[];
}

export interface ConfigEntry {
  name: string;
  path: string;
  provider?: string;
  purpose?: string;
  /** The lifetime as the configuration words it ("2 years"), or already known. */
  duration?: string;
  lifetime?: DeclaredLifetime;
  category?: string | DeclaredCategory;
  type?: string;
}

const CATEGORIES = new Set(['necessary', 'functional', 'analytics', 'advertising']);

export class ConfigCollector {
  readonly out: ConfigParse;
  constructor(cmp: string, name: string) {
    this.out = { cmp, name, cookies: [], storage: [], problems: [] };
  }

  add(e: ConfigEntry): void {
    const name = cleanName(e.name);
    const from = { kind: 'json' as const, cmp: this.out.cmp, path: e.path };
    const kind = kindOfType(e.type ?? '');
    if (kind === 'pixel') return;
    if (kind !== 'cookie') {
      if (!this.out.storage.some((s) => s.kind === kind && s.key === name)) this.out.storage.push({ kind, key: name, provider: e.provider ?? '', purpose: e.purpose ?? '', from });
      return;
    }
    try {
      compileName(name);
    } catch {
      this.out.problems.push(`${e.path}: "${name.slice(0, 80)}"`);
      return;
    }
    if (/\s/.test(name)) return;
    // The same name under two services: one declaration of it, with the first lifetime stated.
    const seen = this.out.cookies.find((c) => c.name === name);
    if (seen) {
      const lifetime = e.lifetime ?? (e.duration ? parseDuration(e.duration) : undefined);
      if (!seen.lifetime && lifetime) {
        seen.lifetime = lifetime;
        if (e.duration) seen.duration = e.duration;
      }
      return;
    }
    const d: DeclaredCookie = { name, provider: e.provider ?? '', function: '', purpose: e.purpose ?? '', from };
    const category = e.category === undefined ? undefined : CATEGORIES.has(e.category) ? (e.category as DeclaredCategory) : categoryOf(e.category);
    if (category) d.category = category;
    if (e.duration) d.duration = e.duration;
    const lifetime = e.lifetime ?? (e.duration ? parseDuration(e.duration) : undefined);
    if (lifetime) d.lifetime = lifetime;
    this.out.cookies.push(d);
  }
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export const isObject = (j: Json | undefined): j is { [k: string]: Json } => typeof j === 'object' && j !== null && !Array.isArray(j);
export const arr = (j: Json | undefined): Json[] => (Array.isArray(j) ? j : []);
export const str = (j: Json | undefined): string => (typeof j === 'string' ? j : typeof j === 'number' ? String(j) : '');
