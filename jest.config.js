'use strict';
// Two projects: unit tests of pure logic (fast, mocked browser), and end-to-end tests that load
// the built extension in real headless Chromium against pages served on 127.0.0.x.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['jest-webextension-mock'],
      moduleNameMapper: { '^webextension-polyfill$': '<rootDir>/test/unit/polyfill.ts' },
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.js',
      transform,
    },
  ],
  testTimeout: 120000,
  // it.concurrent tests (a file of independent CLI runs) run two at a time: this machine has two cores.
  maxConcurrency: 2,
};
