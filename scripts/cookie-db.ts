import fs from 'node:fs';
import path from 'node:path';
import { knownCookie } from '../src/core/judgement/classify';
import { CookieDbError, importCookieDb, importedModule } from '../src/core/judgement/cookie-db';
import { CsvError } from '../src/core/text/csv';

// `npm run cookie-db -- import FILE.csv`: regenerates src/core/judgement/imported-cookies.ts from a downloaded
// Open Cookie Database; the next build (or `npm run audit`, which rebuilds) classifies with it.
// `npm run cookie-db -- lookup NAME [DOMAIN]`: what the tables say of one cookie, and their source.
// `npm run cookie-db -- reset`: back to the curated table alone.

const USAGE = `Usage: npm run cookie-db -- import FILE.csv
       npm run cookie-db -- lookup NAME [DOMAIN]
       npm run cookie-db -- reset`;

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
  if (command === 'lookup' && (rest.length === 1 || rest.length === 2)) {
    const k = knownCookie(rest[0] as string, rest[1] ?? '');
    out(k ? `${k.name}: ${k.category}, ${k.vendor}${k.domain ? ` (on ${k.domain})` : ''}. Source: ${k.source}` : `${rest[0]}: not in the tables (unknown).`);
    return 0;
  }
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
