import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

// The fleet recipes the docs ship (docs/recipes), parsed as Kubernetes and GitHub Actions read
// them, down to the cookie-auditor command lines each one runs. Shared by the unit test that checks
// their fields and the end-to-end test that runs their commands.

export const RECIPES = path.join(__dirname, '../docs/recipes');

type Obj = Record<string, unknown>;
const obj = (v: unknown, what: string): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} is not a mapping`);
  return v as Obj;
};
const at = (v: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((o, k) => (o === undefined || o === null ? undefined : (o as Record<string | number, unknown>)[k]), v);

export interface KubeRecipe {
  docs: Obj[];
  claim: Obj;
  fleetJob: Obj;
  mergeJob: Obj;
  /** The audit pod's command, as the container runs it. */
  audit: string[];
  /** The merge pod's command. */
  merge: string[];
}

export function kubeRecipe(): KubeRecipe {
  const docs = yaml.loadAll(fs.readFileSync(path.join(RECIPES, 'kubernetes-indexed-job.yaml'), 'utf8')).map((d, i) => obj(d, `document ${i + 1}`));
  const find = (kind: string, name: string): Obj => {
    const d = docs.find((x) => x.kind === kind && at(x, 'metadata', 'name') === name);
    if (!d) throw new Error(`no ${kind} ${name}`);
    return d;
  };
  const fleetJob = find('Job', 'cookie-audit-fleet');
  const mergeJob = find('Job', 'cookie-audit-merge');
  const command = (job: Obj): string[] => at(job, 'spec', 'template', 'spec', 'containers', 0, 'command') as string[];
  return { docs, claim: find('PersistentVolumeClaim', 'cookie-audit-out'), fleetJob, mergeJob, audit: command(fleetJob), merge: command(mergeJob) };
}

export interface ActionsRecipe {
  workflow: Obj;
  jobs: Obj;
  shards: number[];
  /** Every `run:` line of a job, in order. */
  runs(job: string): string[];
}

export function actionsRecipe(): ActionsRecipe {
  const workflow = obj(yaml.load(fs.readFileSync(path.join(RECIPES, 'github-actions-matrix.yml'), 'utf8')), 'the workflow');
  const jobs = obj(workflow.jobs, 'jobs');
  const runs = (job: string): string[] => ((at(jobs, job, 'steps') as Obj[] | undefined) ?? []).flatMap((s) => (typeof s.run === 'string' ? [s.run] : []));
  return { workflow, jobs, shards: (at(jobs, 'audit', 'strategy', 'matrix', 'shard') as number[]) ?? [], runs };
}

/** The shell's word splitting of a recipe's line, with single and double quotes (enough for the recipes' lines). */
export function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? (m[3] as string));
}

/** The cookie-auditor arguments of a command the recipes run: after `cookie-auditor`, or inside `sh -c '…cookie-auditor …'`. */
export function auditorArgs(cmd: string[]): string[] {
  const shell = cmd.findIndex((w) => w === '-c');
  if (shell >= 0) return auditorArgs(words(cmd[shell + 1] as string));
  const i = cmd.findIndex((w) => w === 'cookie-auditor' || w.startsWith('cookie-auditor:'));
  if (i < 0) throw new Error(`no cookie-auditor in: ${cmd.join(' ')}`);
  return cmd.slice(i + 1);
}

/** A shell glob's expansion in one folder (`out/shard-*`), sorted as sh sorts it. */
export function expandGlob(word: string): string[] {
  if (!word.includes('*')) return [word];
  const dir = path.dirname(word);
  const re = new RegExp('^' + path.basename(word).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f)) : [word];
}
