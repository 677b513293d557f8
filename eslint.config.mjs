import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

// Boundaries: src/core is pure (no browser, no DOM, no UI), views never import the background,
// and the background never imports views.
const zones = [
  { target: './src/core', from: ['./src/background', './src/popup', './src/options', './src/ui', './src/shared', './src/content', './src/cli'],
    message: 'src/core is pure: it imports nothing but core.' },
  // Inside core, each room uses only the rooms below it: text < evidence, declared < judgement < report.
  { target: './src/core/text', from: ['./src/core/evidence', './src/core/declared', './src/core/judgement', './src/core/report'],
    message: 'core/text (the catalogue, CSV) is the floor every room stands on: it imports no other room.' },
  { target: './src/core/evidence', from: ['./src/core/declared', './src/core/judgement', './src/core/report'],
    message: 'core/evidence records what happened; it knows nothing of policies, verdicts or reports.' },
  { target: './src/core/declared', from: ['./src/core/evidence', './src/core/judgement', './src/core/report'],
    message: 'core/declared reads what a policy says; it knows nothing of what a page did, verdicts or reports.' },
  { target: './src/core/judgement', from: ['./src/core/report'], message: 'The report may use the judgement, never the reverse.' },
  // Inside the CLI: browser/ (launch, drivers) is the floor; consent/ drives choices through it; fleet/ runs
  // many audits through both; the command files at the top (audit, args, crawl) use them all.
  { target: './src/cli/browser', from: ['./src/cli/consent', './src/cli/fleet', './src/cli/audit.ts', './src/cli/args.ts', './src/cli/crawl.ts'],
    message: 'cli/browser launches and drives browsers; it knows nothing of consent, fleets or the command.' },
  { target: './src/cli/consent', from: ['./src/cli/fleet', './src/cli/audit.ts', './src/cli/args.ts', './src/cli/crawl.ts'],
    message: 'cli/consent makes choices through a driver; it knows nothing of fleets or the command.' },
  { target: './src/cli/evidence', from: ['./src/cli/consent', './src/cli/fleet', './src/cli/audit.ts', './src/cli/args.ts', './src/cli/crawl.ts'],
    message: 'cli/evidence writes and checks bundles from what a driver saw; it knows nothing of consent, fleets or the command.' },
  { target: './src/cli/fleet', from: ['./src/cli/audit.ts', './src/cli/crawl.ts'],
    message: 'cli/fleet runs audits it is handed; only the command wires them.' },
  { target: './src/popup', from: ['./src/background', './src/cli', './src/content'], message: 'The popup talks to the background only through src/shared.' },
  { target: './src/options', from: ['./src/background', './src/cli', './src/content', './src/popup'], message: 'The options page talks to the background only through src/shared.' },
  { target: './src/ui', from: ['./src/background', './src/cli', './src/content'], message: 'UI helpers know nothing of the background.' },
  { target: './src/content', from: ['./src/background', './src/popup', './src/ui', './src/cli'], message: 'Content scripts talk to the background only through src/shared.' },
  { target: './src/background', from: ['./src/popup', './src/ui', './src/cli', './src/content'], message: 'The background never imports views or the CLI.' },
  { target: './src/shared', from: ['./src/background', './src/popup', './src/ui', './src/cli', './src/content'], message: 'The protocol depends only on core types.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['webextension-polyfill', 'playwright-core', 'node:*'], message: 'src/core is pure TypeScript.' }] }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'document', 'window', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/background/**/*.ts', 'src/popup/**/*.ts', 'src/options/**/*.ts', 'src/content/**/*.ts', 'src/ui/**/*.ts', 'src/shared/**/*.ts'],
    // Every extension API call goes through webextension-polyfill's `browser`.
    rules: { 'no-restricted-globals': ['error', { name: 'chrome', message: 'Use `browser` from webextension-polyfill.' }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
