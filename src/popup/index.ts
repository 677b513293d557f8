import browser from 'webextension-polyfill';
import { listFromPolicy } from '../core/declared';
import { exportFile, type ExportFormat } from '../core/export';
import type { Report } from '../core/report';
import { send } from '../shared/connector';
import type { PolicyPreview } from '../shared/protocol';
import { renderPolicyForm, renderPolicyPreview } from './policy-view';
import { renderMessage, renderReport } from './view';

// The popup: finds its tab, asks the background for the report, renders it, and refreshes
// while open so cookies set after it opened still appear.

const REFRESH_MS = 1500;
const app = document.getElementById('app') as HTMLElement;
let showValues = false;
let lastSignature = '';
// While a policy preview is shown, refreshes of the report wait: the user is deciding.
let previewing = false;
let status: HTMLElement | null = null;

function say(text: string, isError = false): void {
  status = renderMessage(text, isError);
  status.classList.add('status');
}

async function readPolicyFor(tabId: number, site: string, url?: string): Promise<void> {
  say(url ? `Reading ${url}…` : "Looking for this site's cookie policy…");
  lastSignature = '';
  await refresh(tabId, true);
  let preview: PolicyPreview;
  try {
    preview = await send('readPolicy', url ? { tabId, url } : { tabId });
  } catch (e) {
    say(`Could not read the policy: ${e instanceof Error ? e.message : String(e)} The declared list was not changed.`, true);
    await refresh(tabId, true);
    return;
  }
  status = null;
  previewing = true;
  app.replaceChildren(
    renderPolicyPreview(preview, site, {
      onAccept: () => {
        send('saveDeclaredList', { scope: { site }, list: listFromPolicy(site, preview) }).then(
          () => say(`The declared list of ${site} now comes from ${preview.url}.`),
          (e: unknown) => say(`Not saved: ${e instanceof Error ? e.message : String(e)} The declared list was not changed.`, true),
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
    if (!report) throw new Error('This tab has no audit.');
    const file = exportFile(report, format);
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(`Saved ${file.name}.`);
  } catch (e) {
    say(`Could not export: ${e instanceof Error ? e.message : String(e)}`, true);
  }
  await refresh(tabId, true);
}

async function targetTabId(): Promise<number | undefined> {
  // ?tabId= lets the CLI and the tests open the popup of a given tab in a page of its own.
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function signature(r: Report | null): string {
  if (!r) return 'none';
  return [r.url, showValues, r.cookies.length, r.cookies.reduce((n, c) => n + c.eventCount, 0), r.environment.thirdPartyCookies, r.consent?.at ?? ''].join('|');
}

async function refresh(tabId: number, force = false): Promise<void> {
  let report: Report | null;
  try {
    report = await send('getReport', { tabId, showValues });
  } catch (e) {
    app.replaceChildren(renderMessage(`Could not read the audit: ${e instanceof Error ? e.message : String(e)}`, true));
    return;
  }
  if (previewing) return;
  const sig = signature(report) + (report?.declaredList.source ?? '');
  if (!force && sig === lastSignature) return;
  lastSignature = sig;
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  // A refresh rebuilds the rows: the timelines the user opened stay open.
  const open = [...app.querySelectorAll('li.cookie[id] > details[open]')].map((d) => (d.parentElement as HTMLElement).id);
  app.replaceChildren(
    report
      ? renderReport(report, {
          tools: [renderPolicyForm({ onRead: (url) => void readPolicyFor(tabId, report.site, url) }), ...(status ? [status] : [])],
          showValues,
          now: Date.now(),
          onEditLists: () => void browser.runtime.openOptionsPage(),
          onExport: (format) => void exportAudit(tabId, format),
          onMarkConsent: () => void send('markConsent', { tabId }).then(() => refresh(tabId, true)),
          onToggleValues: (show) => {
            showValues = show;
            void refresh(tabId, true).then(() => document.getElementById('show-values')?.focus());
          },
        })
      : renderMessage('This tab has no audit: open an http(s) page, or reload it after installing the extension.'),
  );
  for (const id of open) document.querySelector<HTMLDetailsElement>(`[id="${CSS.escape(id)}"] > details`)?.setAttribute('open', '');
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  app.dataset.ready = 'true';
}

void (async () => {
  const tabId = await targetTabId();
  if (tabId === undefined) {
    app.replaceChildren(renderMessage('No tab to audit.', true));
    return;
  }
  await refresh(tabId, true);
  setInterval(() => void refresh(tabId), REFRESH_MS);
})();
