import browser, { type Storage } from 'webextension-polyfill';

/**
 * Where audits live: session storage survives a stopped and restarted service worker and is
 * forgotten with the browser session, which is all an audit of open tabs needs.
 */
export function auditArea(): Storage.StorageArea {
  return browser.storage.session ?? browser.storage.local;
}
