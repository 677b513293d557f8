// Under jest, webextension-polyfill refuses to load; jest-webextension-mock provides `browser`.
export default (globalThis as unknown as { browser: unknown }).browser;
