import fs from 'node:fs';
import path from 'node:path';
import { knownCookie } from '../src/core/judgement/classify';
import { compileKnowledge } from '../src/core/judgement/vendors/knowledge';
import { CURATED_COOKIES } from '../src/core/judgement/known-cookies';
import { importedCookies } from '../src/core/judgement/imported-cookies';
import { domainConflicts, sourceConflicts } from '../src/core/judgement/vendors/check';
import { validateVendorFiles } from '../src/core/judgement/vendors/validate';
import type { VendorFile } from '../src/core/judgement/vendors/types';
import { CookieDbError, importCookieDb, importedModule } from '../src/core/judgement/cookie-db';
import { CsvError } from '../src/core/text/csv';

// `npm run cookie-db -- import FILE.csv`: regenerates src/core/judgement/imported-cookies.ts from a downloaded
// Open Cookie Database; the next build (or `npm run audit`, which rebuilds) classifies with it.
// `npm run cookie-db -- lookup NAME [DOMAIN]`: what the tables say of one cookie, and their source.
// `npm run cookie-db -- reset`: back to the curated table alone.
// `npm run cookie-db -- --check`: the vendor knowledge base's files against their rules, and where the
// sources (curated table, vendors' documentation, database) disagree; exit 2 on a broken file, 1 on a conflict.

const USAGE = `Usage: npm run cookie-db -- import FILE.csv
       npm run cookie-db -- lookup NAME [DOMAIN [SETTER-URL]]
       npm run cookie-db -- reset
       npm run cookie-db -- --check`;

/** Checks the data files as they are on disk (not as the last build bundled them). */
function check(root: string, out: (s: string) => void, err: (s: string) => void): number {
  const dir = path.join(root, 'src', 'core', 'judgement', 'vendors', 'data');
  const files: Array<{ file: string; data: unknown }> = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    try {
      files.push({ file: f, data: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) });
    } catch (e) {
      err(`cookie-db --check: ${f}: not JSON (${(e as Error).message}).`);
      return 2;
    }
  }
  const { errors, leftOut } = validateVendorFiles(files);
  for (const p of errors) err(`cookie-db --check: ${p}`);
  if (errors.length > 0) return 2;
  for (const p of leftOut) out(`left out: ${p}`);
  const data = files.map((f) => f.data as VendorFile);
  const vendors = data.reduce((n, f) => n + f.vendors.length, 0);
  const conflicts = [...domainConflicts(data), ...sourceConflicts(compileKnowledge(data), CURATED_COOKIES, importedCookies())];
  for (const c of conflicts) out(`conflict: ${c.name}: ${c.why}\n  wins:  ${c.entries[0]}\n  loses: ${c.entries.slice(1).join('\n  loses: ')}`);
  out(`cookie-db --check: ${files.length} files, ${vendors} vendors, valid; ${conflicts.length} conflicts between sources${conflicts.length ? ' (above; classification settles each by its precedence, a person should decide)' : ''}.`);
  return conflicts.length > 0 ? 1 : 0;
}

function projectRoot(): string {
  // dist/node/scripts when compiled, scripts/ under ts-jest: the first folder up with our package.json.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cookie-auditor') return dir;
  }
  throw new Error('cookie-db: cannot find the cookie-auditor project folder.');
}

export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, root = projectRoot()): number {
  const target = path.join(root, 'src', 'core', 'judgement', 'imported-cookies.ts');
  const [command, ...rest] = argv;
  if (command === 'import' && rest.length === 1) {
    const file = rest[0] as string;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`cookie-db: could not read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
      return 2;
    }
    try {
      const { entries, skipped } = importCookieDb(text);
      if (entries.length === 0) {
        err(`cookie-db: ${file} has no usable row; ${target} was not changed.`);
        return 2;
      }
      // Written beside and renamed, so a failed write never leaves half a table.
      fs.writeFileSync(`${target}.tmp`, importedModule(entries, path.basename(file)));
      fs.renameSync(`${target}.tmp`, target);
      out(`cookie-db: imported ${entries.length} cookies from ${file} into ${path.relative(root, target)}.`);
      if (skipped.length > 0) {
        err(`cookie-db: skipped ${skipped.length} rows: ${skipped.slice(0, 5).map((s) => `line ${s.line}: ${s.reason}`).join('; ')}${skipped.length > 5 ? '; …' : ''}`);
      }
      out('cookie-db: the next `npm run build` (or `npm run audit`, which rebuilds) uses it.');
      return 0;
    } catch (e) {
      if (e instanceof CookieDbError || e instanceof CsvError) {
        err(`cookie-db: ${file}: ${e.message} ${path.relative(root, target)} was not changed.`);
        return 2;
      }
      throw e;
    }
  }
  if (command === 'lookup' && rest.length >= 1 && rest.length <= 3) {
    const k = knownCookie(rest[0] as string, rest[1] ?? '', rest[2]);
    out(k ? `${rest[0]}: ${k.category}, ${k.vendor} (${k.how}: ${k.rule}). Source: ${k.source}` : `${rest[0]}: not in the tables (unknown).`);
    return 0;
  }
  if (command === '--check' && rest.length === 0) return check(root, out, err);
  if (command === 'reset' && rest.length === 0) {
    fs.writeFileSync(target, importedModule([]));
    out(`cookie-db: ${path.relative(root, target)} is empty again; the curated table alone classifies cookies.`);
    return 0;
  }
  err(USAGE);
  return 2;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
