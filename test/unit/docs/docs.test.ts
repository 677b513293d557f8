import fs from 'node:fs';
import path from 'node:path';
import { actionsRecipe, auditorArgs, kubeRecipe, words } from '../../recipes';

// The documentation a newcomer reads: the README and one page per task under docs/. Every link
// between them leads somewhere, every page can be reached from the README, every option the
// argument parser takes is documented, and the fleet recipes and the container image say what the
// project relies on.

const ROOT = path.join(__dirname, '../../..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = read(file).replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] as string)));
}

/** Relative links of a markdown page (code blocks aside), as [target file, anchor]. */
function linksOf(file: string): Array<{ target: string; anchor?: string; raw: string }> {
  const text = read(file).replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((u) => !/^[a-z]+:/.test(u))
    .map((raw) => {
      const [p, anchor] = raw.split('#') as [string, string | undefined];
      const target = p === '' ? file : path.normalize(path.join(path.dirname(file), p));
      return anchor === undefined ? { target, raw } : { target, anchor, raw };
    });
}

it('every relative link of the README and docs/ leads to a file that exists, and to a heading that exists', () => {
  const broken: string[] = [];
  for (const page of PAGES) {
    for (const l of linksOf(page)) {
      if (!fs.existsSync(path.join(ROOT, l.target))) broken.push(`${page}: ${l.raw} (no such file)`);
      else if (l.anchor !== undefined && l.target.endsWith('.md') && !anchorsOf(l.target).has(l.anchor)) broken.push(`${page}: ${l.raw} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});

it('every page under docs/ can be reached from the README', () => {
  const seen = new Set<string>(['README.md']);
  const queue = ['README.md'];
  while (queue.length > 0) {
    for (const l of linksOf(queue.shift() as string)) {
      if (l.target.endsWith('.md') && !seen.has(l.target) && fs.existsSync(path.join(ROOT, l.target))) {
        seen.add(l.target);
        queue.push(l.target);
      }
    }
  }
  expect(PAGES.filter((p) => !seen.has(p))).toEqual([]);
});

it('the README fits on a screen or two: about 150 lines', () => {
  expect(read('README.md').split('\n').length).toBeLessThanOrEqual(170);
});

it('every option the argument parser takes is in docs/cli.md, and in the help of both languages', () => {
  // Read from the parser itself: each `case '--x':` of parseArgs, and the `merge` sub-command.
  const parser = read('src/cli/args.ts');
  const options = [...new Set([...parser.matchAll(/case '(--?[a-z-]+)'/g)].map((m) => m[1] as string))];
  expect(options.length).toBeGreaterThan(20);
  const table = read('docs/cli.md');
  const help = ['en', 'fr'].map((l) => (JSON.parse(read(`_locales/${l}/messages.json`)) as Record<string, { message: string }>).cli_usage?.message ?? '');
  const missing = options.filter((o) => !table.includes(`\`${o}`) && !table.includes(`, \`${o}\``));
  expect(missing).toEqual([]);
  for (const h of help) expect(options.filter((o) => !new RegExp(`(^|[\\s,])${o}\\b`, 'm').test(h))).toEqual([]);
  expect(table).toMatch(/`merge DIR\.\.\. --out-dir DIR`/);
});

it('the command introduces itself by its own name; `npm run audit --` is only the way to run it from a clone', () => {
  for (const l of ['en', 'fr']) {
    const help = (JSON.parse(read(`_locales/${l}/messages.json`)) as Record<string, { message: string }>).cli_usage?.message ?? '';
    expect(help).toMatch(/^Usage ?: cookie-auditor <url>/);
    expect(help.match(/npm run audit/g)?.length).toBe(1);
  }
  // The quick start's command, and one sentence each in the README and docs/cli.md saying it is the clone's way.
  const mentions = PAGES.flatMap((p) => read(p).split('\n').filter((l) => l.includes('npm run audit --')).map((l) => `${p}: ${l}`));
  expect(mentions.filter((m) => !/clone|setup\.sh/.test(m))).toEqual([]);
  expect(mentions.length).toBeLessThanOrEqual(3);
});

describe('the Kubernetes recipe', () => {
  const k = kubeRecipe();
  const shards = Number(k.fleetJob && (k.fleetJob.spec as { completions: number }).completions);

  it('one volume mounted by every pod at once is ReadWriteMany, and both Jobs mount that claim', () => {
    expect((k.claim.spec as { accessModes: string[] }).accessModes).toEqual(['ReadWriteMany']);
    for (const job of [k.fleetJob, k.mergeJob]) {
      const volumes = (job.spec as { template: { spec: { volumes: Array<{ persistentVolumeClaim?: { claimName: string } }> } } }).template.spec.volumes;
      expect(volumes.map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean)).toEqual([(k.claim.metadata as { name: string }).name]);
    }
  });

  it('an Indexed Job whose pods each take their shard of as many as it runs, resumable, with the image the Containerfile builds', () => {
    const spec = k.fleetJob.spec as { completionMode: string; parallelism: number };
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.parallelism).toBe(shards);
    const args = auditorArgs(k.audit);
    expect(args[args.indexOf('--shard') + 1]).toBe(`$(JOB_COMPLETION_INDEX)/${shards}`);
    expect(args).toContain('--resume');
    expect(args[args.indexOf('--out-dir') + 1]).toBe('/out/shard-$(JOB_COMPLETION_INDEX)');
    const images = [k.fleetJob, k.mergeJob].map((j) => (j.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]?.image);
    expect(new Set(images).size).toBe(1);
    expect(read('docs/recipes/kubernetes-indexed-job.yaml')).toMatch(/-f Containerfile/);
  });

  it('the merge finds the shards whatever their number', () => {
    expect(auditorArgs(k.merge)).toEqual(['merge', '/out/shard-*', '--out-dir', '/out/fleet']);
  });
});

describe('the GitHub Actions recipe', () => {
  const a = actionsRecipe();
  const n = a.shards.length;

  it('packs the tool and builds the Containerfile image in the same workflow, and every job runs that image', () => {
    expect(a.runs('image')).toEqual(expect.arrayContaining(['npm ci', 'npm pack', 'docker build -f Containerfile -t cookie-auditor:ci .']));
    expect((a.jobs.audit as { needs: string }).needs).toBe('image');
    expect((a.jobs.merge as { needs: string }).needs).toBe('audit');
    const runs = [...a.runs('audit'), ...a.runs('merge')].filter((r) => r.startsWith('docker run'));
    expect(runs).toHaveLength(2);
    for (const r of runs) expect(words(r)).toContain('cookie-auditor:ci');
  });

  it('one matrix job per shard, 0 to N-1, and Debian packages only (no snap-only chromium-browser)', () => {
    expect(a.shards).toEqual(Array.from({ length: n }, (_, i) => i));
    // GitHub substitutes the expression before the shell splits the line.
    const line = (a.runs('audit').find((r) => r.startsWith('docker run')) as string).replace(/\$\{\{ matrix\.shard \}\}/g, 'I');
    const audit = auditorArgs(words(line));
    expect(audit[audit.indexOf('--shard') + 1]).toBe(`I/${n}`);
    expect(audit[audit.indexOf('--out-dir') + 1]).toBe('out/shard-I');
    expect(JSON.stringify(a.workflow)).not.toMatch(/chromium-browser/);
  });

  it('the merge finds the shards whatever their number', () => {
    expect(auditorArgs(words(a.runs('merge').find((r) => r.startsWith('docker run')) as string))).toEqual(['merge', 'out/shard-*', '--out-dir', 'out/fleet']);
  });
});

it('the Containerfile: Debian with Node, Debian\'s Chromium and Firefox ESR, the packed tool, the command as entry point', () => {
  const c = read('Containerfile');
  const from = /^FROM (\S+)/m.exec(c)?.[1] ?? '';
  expect(from).toMatch(/^node:(2[2-9]|[3-9]\d)-bookworm/);
  const install = /apt-get install[^\n]*/.exec(c)?.[0] ?? '';
  for (const p of ['chromium', 'firefox-esr']) expect(words(install)).toContain(p);
  expect(c).toMatch(/^COPY cookie-auditor-\*\.tgz /m);
  expect(c).toMatch(/npm install -g [^\n]*cookie-auditor-\*\.tgz/);
  expect(c).toMatch(/^ENTRYPOINT \["cookie-auditor"\]$/m);
  expect(c).toMatch(/^USER node$/m);
});
