import type { CookieWrite } from '../core/evidence/cookie';
import type { DeclaredCookie, DeclaredList, DeclaredProvider } from '../core/declared/declared';
import type { DeclaredStorage } from '../core/declared/policy';
import type { Report } from '../core/report/report';
import type { StorageWrite } from '../core/evidence/storage';
import type { PopupView, ViewQuery } from '../core/report/view-slice';

// The one message protocol between the extension's pages, its content scripts and the background.
// Each message name is bound to its request and its response type.

/** A cookie write seen by the page hook, as the relay forwards it. */
export interface PageCookieWrite extends CookieWrite {
  /** The URL of the script that wrote it, from the call stack (page-supplied, so only a hint). */
  scriptUrl?: string;
  at: number;
}

/** Which declared list: a site's (registrable domain), or one host's override. */
export interface ListScope {
  site: string;
  host?: string;
}

export interface StoredList {
  scope: ListScope;
  list: DeclaredList;
  savedAt: string;
}

/** What a policy page declares, shown to the user before it replaces anything. */
export interface PolicyPreview {
  url: string;
  readAt: string;
  cookies: DeclaredCookie[];
  /** Providers named without their cookies. */
  providers: DeclaredProvider[];
  /** Rows for browser storage other than cookies, set apart. */
  storage: DeclaredStorage[];
  problems: string[];
  /** Found by `--policy auto` (or the popup's "find it"): which declaration was used, in words. */
  foundBy?: string;
  /** Found by a consent manager's own declaration rather than a policy page: the list is the consent manager's. */
  declaredBy?: 'policy' | 'consent-manager';
  /** The consent manager's machine-readable declaration the page loads, read alongside (the third side). */
  consentManager?: DeclaredList;
}

/**
 * Checks of a tab's evidence still under way (background/pending): writes whose refusal the jar
 * has not yet decided, changes whose setter is still to be inferred, changes a script's write may
 * still explain, the page's storage not yet looked at. A report is settled only when all are 0.
 */
export interface PendingChecks {
  refusals: number;
  inferences: number;
  attributions: number;
  storage: number;
}

/** How many checks in all. */
export function pendingCount(p: PendingChecks): number {
  return p.refusals + p.inferences + p.attributions + p.storage;
}

export interface Protocol {
  /** The audit report of one tab; null when that tab has no audit (not an http(s) page). */
  getReport: { request: { tabId: number; showValues?: boolean }; response: Report | null };
  /**
   * One report of several tabs that audited one site side by side (the command line's crawl): each
   * change once, attributed in its own tab; the first tab's page is the report's. Null when none
   * of them has an audit.
   */
  getMergedReport: { request: { tabIds: number[]; showValues?: boolean }; response: Report | null };
  /** What the popup shows of a tab's audit: the rows on screen and the counts (core/report/view-slice), and the checks still under way. */
  getView: { request: { tabId: number; showValues?: boolean; query: ViewQuery }; response: (PopupView & { pending?: PendingChecks }) | null };
  /** The checks of a tab's evidence still under way: the command line's settle waits until there are none. */
  getPending: { request: { tabId: number }; response: PendingChecks };
  /**
   * The auditor says the visitor chose, in this tab: accepted unless `choice` says refused. The
   * command line gives how (`by`, `how`) and the moment it acted (`at`, else now).
   */
  markConsent: {
    request: { tabId: number; choice?: 'accepted' | 'refused'; by?: 'hand' | 'selector' | 'cmp'; how?: string; at?: number };
    response: null;
  };
  /** Reads a policy page (the tab's own policy link when no URL is given); saves nothing. */
  readPolicy: { request: { tabId: number; url?: string; html?: string }; response: PolicyPreview };
  /** Replaces a site's (or host's) declared list, whole. */
  saveDeclaredList: { request: { scope: ListScope; list: DeclaredList }; response: StoredList };
  /** Back to the built-in list for that site or host. */
  resetDeclaredList: { request: { scope: ListScope }; response: null };
  getDeclaredLists: { request: Record<string, never>; response: StoredList[] };
  /** Page hook → relay → background: cookie writes made by scripts in the sender's frame. */
  scriptWrites: { request: { writes: PageCookieWrite[] }; response: null };
  /** Records this tab's Set-Cookie headers exactly from now on (full evidence), and reloads it. */
  recordFullEvidence: { request: { tabId: number }; response: null };
  /** Relay → background: storage facts of the sender's frame, each checked against the storage itself. */
  storageWrites: { request: { writes: StorageWrite[] }; response: null };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
export type Message = { [K in MessageType]: { type: K } & Request<K> }[MessageType];

/** What travels back: errors are values, so a failing handler never leaves the caller hanging. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };

/** The value an envelope carries, or its error thrown; no envelope at all means no background answered. */
export function openEnvelope<K extends MessageType>(type: K, envelope: Envelope<Response<K>> | undefined): Response<K> {
  if (!envelope) throw new Error(`No answer from the extension's background to "${type}".`);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

// A record, not a list: a message added to Protocol but not here fails the type check.
const MESSAGE_NAMES: Record<MessageType, true> = {
  getReport: true,
  getMergedReport: true,
  getView: true,
  getPending: true,
  markConsent: true,
  readPolicy: true,
  saveDeclaredList: true,
  resetDeclaredList: true,
  getDeclaredLists: true,
  scriptWrites: true,
  storageWrites: true,
  recordFullEvidence: true,
};

export function isMessage(x: unknown): x is Message {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { type?: unknown }).type === 'string' &&
    Object.prototype.hasOwnProperty.call(MESSAGE_NAMES, (x as { type: string }).type)
  );
}
