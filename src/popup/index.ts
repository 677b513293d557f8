import browser from 'webextension-polyfill';
import { listFromPolicy } from '../core/declared/declared';
import { exportFile, type ExportFormat } from '../core/report/export';
import { cookieEvidence } from '../core/report/format-text';
import { storageEvidence } from '../core/report/format-storage';
import { storageRef } from '../core/judgement/findings-storage';
import type { ReportStorageItem } from '../core/report/storage';
import { t } from '../shared/i18n';
import { ref } from '../core/judgement/findings';
import { FIRST_ROWS, type GroupId, type PopupView } from '../core/report/view-slice';
import { send } from '../shared/connector';
import { download } from '../ui/download';
import { pendingCount, type PendingChecks, type PolicyPreview } from '../shared/protocol';
import { renderPolicyForm, renderPolicyPreview } from './policy-view';
import { openTimeline } from './timeline';
import { renderMessage, renderReport, reveal, type SortKey } from './view';
import type { Report, ReportCookie } from '../core/report/report';

// The popup: finds its tab, asks the background for what it shows of the report (the rows on
// screen, cut by the background), renders it, and refreshes while open so cookies set after it
// opened still appear.

const REFRESH_MS = 1500;
const app = document.getElementById('app') as HTMLElement;
let showValues = false;
let lastSignature = '';
// While a policy preview is shown, refreshes of the report wait: the user is deciding.
let previewing = false;
let status: HTMLElement | null = null;
// What the user chose to see: kept across refreshes, not across popups.
let filter = '';
let sort: SortKey = 'group';
const collapsed = new Set<string>();
const limits = new Map<GroupId, number>();

function say(text: string, isError = false): void {
  status = renderMessage(text, isError);
  status.classList.add('status');
}

async function readPolicyFor(tabId: number, site: string, url?: string): Promise<void> {
  say(url ? t('reading_url', url) : t('looking_for_policy'));
  lastSignature = '';
  await refresh(tabId, true);
  let preview: PolicyPreview;
  try {
    preview = await send('readPolicy', url ? { tabId, url } : { tabId });
  } catch (e) {
    say(t('policy_read_failed', e instanceof Error ? e.message : String(e)), true);
    await refresh(tabId, true);
    return;
  }
  status = null;
  previewing = true;
  app.replaceChildren(
    renderPolicyPreview(preview, site, t, {
      onAccept: () => {
        send('saveDeclaredList', { scope: { site }, list: listFromPolicy(site, preview) }).then(
          () => say(t('policy_saved', site, preview.url)),
          (e: unknown) => say(t('policy_not_saved', e instanceof Error ? e.message : String(e)), true),
        ).finally(() => {
          previewing = false;
          void refresh(tabId, true);
        });
      },
      onCancel: () => {
        previewing = false;
        status = null;
        void refresh(tabId, true);
      },
    }),
  );
  document.getElementById('accept-policy')?.focus();
}

/** Saves the tab's audit as a file: the report is asked afresh, so the file holds everything up to now. */
async function exportAudit(tabId: number, format: ExportFormat): Promise<void> {
  try {
    const report = await send('getReport', { tabId, showValues });
    if (!report) throw new Error(t('tab_no_audit'));
    const file = exportFile(report, format, t);
    download(file.name, file.text, file.mime);
    say(t('saved_file', file.name));
  } catch (e) {
    say(t('export_failed', e instanceof Error ? e.message : String(e)), true);
  }
  await refresh(tabId, true);
}

/**
 * Puts one row's evidence on the clipboard, as text an auditor pastes into a report. It is read
 * from the whole report: the findings about the row may lie beyond the ones on screen.
 */
async function copyEvidence(tabId: number, evidence: (report: Report) => { name: string; text: string } | null): Promise<void> {
  try {
    const report = await send('getReport', { tabId, showValues });
    const found = report ? evidence(report) : null;
    if (!found) throw new Error(t('tab_no_audit'));
    await navigator.clipboard.writeText(found.text);
    say(t('copied', found.name));
  } catch (e) {
    say(t('copy_failed', e instanceof Error ? e.message : String(e)), true);
  }
  await refresh(tabId, true);
}

function cookieCopy(shown: ReportCookie): (r: Report) => { name: string; text: string } | null {
  return (r) => {
    const c = r.cookies.find((x) => ref(x) === ref(shown));
    return c ? { name: c.name, text: cookieEvidence(c, r, t) } : null;
  };
}

function storageCopy(shown: ReportStorageItem): (r: Report) => { name: string; text: string } | null {
  return (r) => {
    const i = r.storage.items.find((x) => storageRef(x) === storageRef(shown));
    return i ? { name: i.key, text: storageEvidence(i, r, t) } : null;
  };
}

/** After a re-render, focus goes back to the control the user was using, caret included. */
function refocus(id: string): void {
  const el = document.getElementById(id);
  el?.focus();
  if (el instanceof HTMLInputElement && el.type === 'search') el.setSelectionRange(el.value.length, el.value.length);
}

async function targetTabId(): Promise<number | undefined> {
  // ?tabId= lets the CLI and the tests open the popup of a given tab in a page of its own.
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function signature(v: (PopupView & { pending?: PendingChecks }) | null): string {
  if (!v) return 'none';
  const r = v.report;
  return [r.url, showValues, filter, sort, [...collapsed].join(), [...limits.values()].join(), r.summary.total, r.summary.undeclared, r.findings.length,
    r.cookies.reduce((n, c) => n + c.eventCount, 0), r.storage.items.reduce((n, i) => n + i.eventCount, 0), JSON.stringify(v.counts), r.environment.thirdPartyCookies, r.environment.evidence ?? '', r.consent.choice, r.consent.at ?? '', r.consent.record?.choice ?? '', r.environment.storageError?.unsaved ?? '', r.refused.length, r.consent.reloadedAt ?? '', v.pending ? pendingCount(v.pending) : 0].join('|');
}

async function refresh(tabId: number, force = false): Promise<void> {
  let view: PopupView | null;
  try {
    view = await send('getView', { tabId, showValues, query: { filter, sort, limits: Object.fromEntries(limits), collapsed: [...collapsed] } });
  } catch (e) {
    app.replaceChildren(renderMessage(t('read_error', e instanceof Error ? e.message : String(e)), true));
    return;
  }
  if (previewing) return;
  if (app.dataset.ready !== 'true') performance.mark('cookie-auditor:first-report'); // read by npm run bench
  const report = view?.report ?? null;
  const sig = signature(view) + (report?.declaredList.source ?? '');
  if (!force && sig === lastSignature) return;
  lastSignature = sig;
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  // A refresh rebuilds the rows: the timelines the user opened stay open.
  const open = [...app.querySelectorAll('li.cookie[id] > details[open]')].map((d) => (d.parentElement as HTMLElement).id);
  app.replaceChildren(
    view && report
      ? renderReport(view, {
          tools: [renderPolicyForm(t, { onRead: (url) => void readPolicyFor(tabId, report.site, url) }), ...(status ? [status] : [])],
          t,
          showValues,
          filter,
          sort,
          collapsed,
          onFilter: (text) => {
            filter = text;
            void refresh(tabId, true).then(() => refocus('filter'));
          },
          onSort: (key) => {
            sort = key;
            void refresh(tabId, true).then(() => refocus('sort'));
          },
          onToggleGroup: (id) => {
            if (collapsed.has(id)) collapsed.delete(id);
            else collapsed.add(id);
            void refresh(tabId, true).then(() => document.querySelector<HTMLElement>(`section[data-group="${id}"] button.fold`)?.focus());
          },
          onCopy: (c) => void copyEvidence(tabId, cookieCopy(c)),
          onCopyStorage: (i) => void copyEvidence(tabId, storageCopy(i)),
          onShowMore: (id, rows) => {
            limits.set(id, (limits.get(id) ?? FIRST_ROWS) + rows);
            void refresh(tabId, true).then(() =>
              (document.querySelector<HTMLElement>(`[data-more="${id}"]`) ?? document.querySelector<HTMLElement>(`section[data-group="${id}"] button.fold`))?.focus());
          },
          now: Date.now(),
          onEditLists: () => void browser.runtime.openOptionsPage(),
          onExport: (format) => void exportAudit(tabId, format),
          onShowCookie: (cookieRef) => {
            // Show that cookie by its name, whatever the filter and the folds were.
            filter = cookieRef.slice(0, cookieRef.lastIndexOf('@')).replace(/^(?:localStorage|sessionStorage|indexedDB):/, '');
            collapsed.clear();
            void refresh(tabId, true).then(() => reveal(cookieRef));
          },
          onFullEvidence: () => void send('recordFullEvidence', { tabId }).then(() => refresh(tabId, true), (e: unknown) => say(t('read_error', e instanceof Error ? e.message : String(e)), true)),
          onMarkConsent: (choice) => void send('markConsent', { tabId, choice }).then(() => refresh(tabId, true)),
          onToggleValues: (show) => {
            showValues = show;
            void refresh(tabId, true).then(() => refocus('show-values'));
          },
        })
      : renderMessage(t('no_audit')),
  );
  for (const id of open) {
    const details = document.querySelector<HTMLDetailsElement>(`[id="${CSS.escape(id)}"] > details`);
    if (details) openTimeline(details);
  }
  // Only when there is a scroll to restore: setting it forces a layout of every row before the first frame.
  if (scroll > 0 && document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  // Read by npm run bench: once the first report is on screen (the frame after it was built).
  if (app.dataset.ready !== 'true') requestAnimationFrame(() => setTimeout(() => performance.mark('cookie-auditor:first-render')));
  app.dataset.ready = 'true';
}

void (async () => {
  document.documentElement.lang = t('locale');
  app.replaceChildren(renderMessage(t('loading')));
  const tabId = await targetTabId();
  if (tabId === undefined) {
    app.replaceChildren(renderMessage(t('no_tab'), true));
    return;
  }
  await refresh(tabId, true);
  setInterval(() => void refresh(tabId), REFRESH_MS);
})();
