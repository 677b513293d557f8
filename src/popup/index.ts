import browser from 'webextension-polyfill';
import type { Report } from '../core/report';
import { send } from '../shared/connector';
import { renderMessage, renderReport } from './view';

// The popup: finds its tab, asks the background for the report, renders it, and refreshes
// while open so cookies set after it opened still appear.

const REFRESH_MS = 1500;
const app = document.getElementById('app') as HTMLElement;
let showValues = false;
let lastSignature = '';

async function targetTabId(): Promise<number | undefined> {
  // ?tabId= lets the CLI and the tests open the popup of a given tab in a page of its own.
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function signature(r: Report | null): string {
  if (!r) return 'none';
  return [r.url, showValues, r.cookies.length, r.cookies.reduce((n, c) => n + c.eventCount, 0), r.environment.thirdPartyCookies].join('|');
}

async function refresh(tabId: number, force = false): Promise<void> {
  let report: Report | null;
  try {
    report = await send('getReport', { tabId, showValues });
  } catch (e) {
    app.replaceChildren(renderMessage(`Could not read the audit: ${e instanceof Error ? e.message : String(e)}`, true));
    return;
  }
  const sig = signature(report);
  if (!force && sig === lastSignature) return;
  lastSignature = sig;
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  app.replaceChildren(
    report
      ? renderReport(report, {
          showValues,
          now: Date.now(),
          onToggleValues: (show) => {
            showValues = show;
            void refresh(tabId, true).then(() => document.getElementById('show-values')?.focus());
          },
        })
      : renderMessage('This tab has no audit: open an http(s) page, or reload it after installing the extension.'),
  );
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
