import browser from 'webextension-polyfill';
import type { Translate } from '../core/text/i18n';

// The extension's translator: the catalogue in _locales/, through browser.i18n, in the browser's
// language. Core code takes it as a parameter and never calls the browser itself.
export const t: Translate = (key, ...subs) => browser.i18n.getMessage(key, subs.map(String)) || key;
