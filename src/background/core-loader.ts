import type { ReportCore } from './report-core';

// Loads report-core.js on first use. Chromium's service worker may import a script later only if
// it imported it while installing (a new script after installation is refused), so the install
// handler imports it once; each later wake imports it from the installed copy when first needed.
// Firefox's background page lists both scripts in its manifest: the core is already there.

const SCRIPT = 'report-core.js';
type Scope = { __cookieAuditorReportCore?: ReportCore; importScripts?: (...urls: string[]) => void };

export function reportCore(): ReportCore {
  const scope = globalThis as Scope;
  if (!scope.__cookieAuditorReportCore) scope.importScripts?.(SCRIPT);
  const core = scope.__cookieAuditorReportCore;
  if (!core) throw new Error(`The extension could not load ${SCRIPT}.`);
  return core;
}

/** Registered at the worker's top level: installing is the one moment a new script may be imported. */
export function importReportCoreWhenInstalled(): void {
  if (typeof (globalThis as Scope).importScripts !== 'function') return;
  globalThis.addEventListener('install', () => void reportCore());
}
