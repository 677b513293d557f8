import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The seal of an evidence bundle: `manifest.json` lists every file with its SHA-256 digest and
// size; the manifest's own digest is what the auditor writes down (the run prints it and the report
// carries it); `manifest.sig` is an Ed25519 signature of the manifest's bytes when a key was given.
// Verification names each file that changed, is missing, or was added, and reads every version of
// the manifest this tool has written.

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const FORMAT = 'cookie-auditor-evidence';
export const VERSION = 1;

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** What made it: the tool and its version. */
  tool: { name: string; version: string };
  files: ManifestFile[];
  /** The public key (PEM, SPKI) the manifest is signed with, when it is. */
  signedWith?: string;
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Every file under DIR, as relative paths with `/`, sorted: the manifest and its signature aside. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (p !== MANIFEST && p !== SIGNATURE) out.push(p);
    }
  };
  walk('');
  return out.sort();
}

export function readKey(file: string, kind: 'private' | 'public'): crypto.KeyObject {
  const pem = fs.readFileSync(file, 'utf8');
  const key = kind === 'private' ? crypto.createPrivateKey(pem) : crypto.createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key (it is ${key.asymmetricKeyType ?? 'unknown'}).`);
  return key;
}

/** Writes DIR/manifest.json over every file already in DIR (and its signature with a key); returns the manifest's digest. */
export function seal(dir: string, tool: Manifest['tool'], signKey?: crypto.KeyObject): string {
  const files = filesUnder(dir).map((p): ManifestFile => {
    const data = fs.readFileSync(path.join(dir, p));
    return { path: p, sha256: sha256(data), size: data.length };
  });
  const manifest: Manifest = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), tool, files };
  if (signKey) manifest.signedWith = crypto.createPublicKey(signKey).export({ type: 'spki', format: 'pem' }).toString();
  const text = JSON.stringify(manifest, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, MANIFEST), text);
  if (signKey) fs.writeFileSync(path.join(dir, SIGNATURE), crypto.sign(null, Buffer.from(text), signKey).toString('base64') + '\n');
  return sha256(text);
}

/** `keygen --out PREFIX`: PREFIX.key (private, readable by its owner only) and PREFIX.pub, both PEM. */
export function keygen(prefix: string): { key: string; pub: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const key = `${prefix}.key`;
  const pub = `${prefix}.pub`;
  for (const f of [key, pub]) if (fs.existsSync(f)) throw new Error(`${f} exists already: keygen never overwrites a key.`);
  fs.writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

export interface Verdict {
  ok: boolean;
  /** The manifest's digest, to compare with the one written down at the end of the run. */
  digest?: string;
  version?: number;
  /** Files the manifest lists. */
  files: number;
  changed: string[];
  missing: string[];
  added: string[];
  signature: 'valid' | 'invalid' | 'unsigned' | 'not-checked' | 'other-key';
  /** Why the bundle could not be read at all: not a bundle, a manifest that does not parse. */
  problem?: string;
}

function readManifest(text: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new Error(`manifest.json is not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const o = m as Partial<Manifest>;
  if (typeof o !== 'object' || o === null || o.format !== FORMAT) throw new Error('manifest.json is not the manifest of a cookie-auditor evidence bundle.');
  if (typeof o.version !== 'number' || o.version < 1 || o.version > VERSION) throw new Error(`manifest.json is of version ${String(o.version)}, which this version of cookie-auditor does not know (it reads 1 to ${VERSION}).`);
  const ok = Array.isArray(o.files) && o.files.every((f) => typeof f?.path === 'string' && /^[0-9a-f]{64}$/.test(String(f.sha256)) && Number.isInteger(f.size));
  if (!ok) throw new Error('manifest.json lists files without a path, a SHA-256 digest or a size.');
  return o as Manifest;
}

/** A path a manifest may name: relative, inside the bundle, no `..`. A hostile manifest cannot make verify read elsewhere. */
function insideBundle(p: string): boolean {
  return p !== '' && !path.isAbsolute(p) && !p.split(/[\\/]/).some((s) => s === '..' || s === '');
}

export function verify(dir: string, publicKey?: crypto.KeyObject): Verdict {
  const verdict: Verdict = { ok: false, files: 0, changed: [], missing: [], added: [], signature: 'unsigned' };
  const manifestPath = path.join(dir, MANIFEST);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return { ...verdict, problem: `${dir} is not a folder.` };
  if (!fs.existsSync(manifestPath)) return { ...verdict, problem: `${dir} holds no manifest.json: it is not an evidence bundle, or its manifest was removed.` };
  const text = fs.readFileSync(manifestPath);
  verdict.digest = sha256(text);
  let manifest: Manifest;
  try {
    manifest = readManifest(text.toString('utf8'));
  } catch (e) {
    return { ...verdict, problem: e instanceof Error ? e.message : String(e) };
  }
  verdict.version = manifest.version;
  verdict.files = manifest.files.length;
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!insideBundle(f.path)) {
      verdict.changed.push(f.path);
      continue;
    }
    listed.add(f.path);
    const p = path.join(dir, f.path);
    if (!fs.existsSync(p)) verdict.missing.push(f.path);
    else {
      const data = fs.readFileSync(p);
      if (data.length !== f.size || sha256(data) !== f.sha256) verdict.changed.push(f.path);
    }
  }
  verdict.added = filesUnder(dir).filter((p) => !listed.has(p));
  const sigPath = path.join(dir, SIGNATURE);
  if (fs.existsSync(sigPath)) {
    const signature = Buffer.from(fs.readFileSync(sigPath, 'utf8').trim(), 'base64');
    if (!publicKey) verdict.signature = 'not-checked';
    else {
      const named = manifest.signedWith ? crypto.createPublicKey(manifest.signedWith).export({ type: 'spki', format: 'der' }) : undefined;
      const given = publicKey.export({ type: 'spki', format: 'der' });
      const valid = crypto.verify(null, text, publicKey, signature);
      verdict.signature = valid ? 'valid' : named && !named.equals(given) ? 'other-key' : 'invalid';
    }
  } else if (manifest.signedWith) verdict.missing.push(SIGNATURE);
  const signatureHolds = publicKey ? verdict.signature === 'valid' : verdict.signature !== 'invalid';
  verdict.ok = verdict.changed.length + verdict.missing.length + verdict.added.length === 0 && signatureHolds;
  return verdict;
}
