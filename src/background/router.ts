import browser, { type Runtime } from 'webextension-polyfill';
import { LocalizedError, messageOf } from '../core/text/i18n';
import { t } from '../shared/i18n';
import type { ScriptRecord } from '../core/evidence/cookie';
import { hostOfUrl } from '../core/evidence/party';
import type { ConsentMark } from '../core/evidence/consent-record';
import { applyExpires } from '../core/evidence/set-cookie';
import { rfc6265Date } from '../core/evidence/cookie-dates';
import { checkViewQuery, sliceForView } from '../core/report/view-slice';
import {
  isMessage,
  type Envelope,
  type ListScope,
  type Message,
  type MessageType,
  type PageCookieWrite,
  type Request,
  type Response,
} from '../shared/protocol';
import { getTab, newId, putScript, putStorage, updateTab } from './audit-store';
import { sanitizeStorageWrites, storageRecord } from './storage-writes';
import { recordFullEvidence } from './evidence-mode';
import { fullEvidenceListener, type OnFactRecorded } from './recorder';
import { mergedReportFor, reportFor } from './audits';
import { allDeclaredLists, resetDeclaredList, saveDeclaredList } from './declared-lists';
import { readPolicy } from './policy-reader';
import { pendingChecks } from './pending';

// The one router: a handler per message, each with the senders it accepts.

type Handler<K extends MessageType> = (request: Request<K>, sender: Runtime.MessageSender) => Promise<Response<K>>;

function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function fromWebPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && hostOfUrl(sender.url ?? '') !== null;
}

const MAX_WRITES = 5_000;
const MAX_STRING = 8_192;

/** Page-supplied writes are untrusted: keep only well-formed fields of sane size. */
export function sanitizeWrites(raw: unknown, now: number): PageCookieWrite[] {
  if (!Array.isArray(raw)) throw new Error('scriptWrites: "writes" must be an array.');
  const out: PageCookieWrite[] = [];
  for (const w of raw.slice(0, MAX_WRITES) as unknown[]) {
    if (typeof w !== 'object' || w === null) continue;
    const r = w as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name.length > MAX_STRING) continue;
    const at = typeof r.at === 'number' && Math.abs(r.at - now) < 60_000 ? r.at : now;
    const clean: PageCookieWrite = { name: r.name, deletes: r.deletes === true, at };
    if (typeof r.domain === 'string' && r.domain.length <= 255) clean.domain = r.domain;
    if (typeof r.path === 'string' && r.path.length <= MAX_STRING) clean.path = r.path;
    if (typeof r.requestedLifetime === 'number' && r.requestedLifetime > 0) clean.requestedLifetime = r.requestedLifetime;
    if (typeof r.scriptUrl === 'string' && r.scriptUrl.length <= MAX_STRING) clean.scriptUrl = r.scriptUrl;
    if (r.secure === true) clean.secure = true;
    if (r.partitioned === true) clean.partitioned = true;
    if (r.sameSite === 'none' || r.sameSite === 'lax' || r.sameSite === 'strict') clean.sameSite = r.sameSite;
    if (typeof r.size === 'number' && Number.isInteger(r.size) && r.size >= 0) clean.size = r.size;
    // The page passes Expires as text: read here as browsers read it, from the write's own time.
    if (typeof r.expires === 'string' && r.expires.length <= 200 && clean.requestedLifetime === undefined && !clean.deletes) applyExpires(clean, rfc6265Date(r.expires), at);
    out.push(clean);
  }
  return out;
}

/** Marks a tab keeps: enough for any sequence a person clicks through, bounded against a page's flood. */
const MAX_MARKS = 20;

/** A mark as sent, checked: a known choice and way, a short text, a moment no later than now. */
function checkMark(req: Request<'markConsent'>, now: number): ConsentMark {
  const choice = req.choice ?? 'accepted';
  const by = req.by ?? 'hand';
  if (choice !== 'accepted' && choice !== 'refused') throw new Error('markConsent: "choice" must be "accepted" or "refused".');
  if (by !== 'hand' && by !== 'selector' && by !== 'cmp') throw new Error('markConsent: "by" must be "hand", "selector" or "cmp".');
  if (req.how !== undefined && (typeof req.how !== 'string' || req.how.length > 300)) throw new Error('markConsent: "how" must be a short text.');
  if (req.at !== undefined && (typeof req.at !== 'number' || !Number.isFinite(req.at) || req.at > now)) throw new Error('markConsent: "at" must be a past moment.');
  return { at: req.at ?? now, choice, by, ...(req.how !== undefined ? { detail: req.how } : {}) };
}

function checkScope(scope: unknown): ListScope {
  const s = scope as Partial<ListScope> | null;
  if (typeof s?.site !== 'string' || s.site === '' || (s.host !== undefined && typeof s.host !== 'string')) {
    throw new Error('A list scope needs a "site" (and optionally a "host").');
  }
  return s.host ? { site: s.site, host: s.host } : { site: s.site };
}

const handlers: { [K in MessageType]: { accepts: (s: Runtime.MessageSender) => boolean; handle: Handler<K> } } = {
  getReport: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      if (!Number.isInteger(req.tabId)) throw new Error('getReport: "tabId" must be an integer.');
      return reportFor(req.tabId, req.showValues === true);
    },
  },
  getMergedReport: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      const ids: unknown = req.tabIds;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 64 || !ids.every((id) => Number.isInteger(id))) {
        throw new Error('getMergedReport: "tabIds" must be a list of 1 to 64 tab ids.');
      }
      return mergedReportFor(ids as number[], req.showValues === true);
    },
  },
  getView: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      if (!Number.isInteger(req.tabId)) throw new Error('getView: "tabId" must be an integer.');
      const query = checkViewQuery(req.query);
      const report = await reportFor(req.tabId, req.showValues === true);
      return report ? { ...sliceForView(report, query), pending: await pendingChecks(req.tabId) } : null;
    },
  },
  getPending: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      if (!Number.isInteger(req.tabId)) throw new Error('getPending: "tabId" must be an integer.');
      return pendingChecks(req.tabId);
    },
  },
  markConsent: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      const mark = checkMark(req, Date.now());
      const audit = await updateTab(req.tabId, (cur) => {
        if (!cur) return cur;
        if (mark.at < cur.startedAt) mark.at = cur.startedAt;
        return { ...cur, consentMarks: [...(cur.consentMarks ?? []), mark].slice(-MAX_MARKS) };
      });
      if (!audit) throw new LocalizedError('err_no_audit_consent');
      return null;
    },
  },
  readPolicy: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      const audit = await getTab(req.tabId);
      if (!audit && !req.url) throw new LocalizedError('err_no_page_policy');
      return readPolicy(audit?.url ?? '', req.url, req.html);
    },
  },
  saveDeclaredList: { accepts: fromExtensionPage, handle: async (req) => saveDeclaredList(checkScope(req.scope), req.list) },
  resetDeclaredList: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      await resetDeclaredList(checkScope(req.scope));
      return null;
    },
  },
  getDeclaredLists: { accepts: fromExtensionPage, handle: async () => allDeclaredLists() },
  scriptWrites: {
    accepts: fromWebPage,
    handle: async (req, sender) => {
      const at = Date.now();
      const writes = sanitizeWrites(req.writes, at);
      if (writes.length === 0) return null;
      // Tab, frame and URL come from the browser's sender, never from the page's message.
      const record: ScriptRecord = {
        id: newId(at),
        at,
        tabId: sender.tab?.id ?? -1,
        frameId: sender.frameId ?? 0,
        frameUrl: sender.url ?? '',
        writes,
      };
      putScript(record);
      return null;
    },
  },
  recordFullEvidence: {
    accepts: fromExtensionPage,
    handle: async (req) => {
      if (!Number.isInteger(req.tabId)) throw new Error('recordFullEvidence: "tabId" must be an integer.');
      await recordFullEvidence(req.tabId, fullEvidenceListener(() => notifyFact()));
      // What the page set before now was seen passively: a reload records its headers exactly.
      await browser.tabs.reload(req.tabId);
      return null;
    },
  },
  storageWrites: {
    accepts: fromWebPage,
    handle: async (req, sender) => {
      const at = Date.now();
      const writes = sanitizeStorageWrites(req.writes, at);
      if (writes.length > 0) putStorage(storageRecord(newId(at), at, sender, writes));
      return null;
    },
  },
};

async function dispatch(message: Message, sender: Runtime.MessageSender): Promise<Envelope<unknown>> {
  const entry = handlers[message.type] as {
    accepts: (s: Runtime.MessageSender) => boolean;
    handle: (r: Message, s: Runtime.MessageSender) => Promise<unknown>;
  };
  if (!entry.accepts(sender)) return { ok: false, error: `"${message.type}" is not accepted from this sender.` };
  try {
    return { ok: true, value: await entry.handle(message, sender) };
  } catch (e) {
    return { ok: false, error: messageOf(e, t) };
  }
}

let notifyFact: OnFactRecorded = () => undefined;

export function registerRouter(onFact: OnFactRecorded): void {
  notifyFact = onFact;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isMessage(message)) return undefined; // not ours: let other listeners answer
    return dispatch(message, sender).then((envelope) => {
      if (message.type === 'scriptWrites' || message.type === 'storageWrites') onFact();
      return envelope;
    });
  });
}
