import crypto from 'node:crypto';
import path from 'node:path';
import { safeText } from '../../core/report/format-text';
import { messageOf, type Translate } from '../../core/text/i18n';
import { keygen, readKey, verify, type Verdict } from './seal';

// `cookie-auditor keygen --out PREFIX` and `cookie-auditor verify DIR [--key PUB]`: the two
// sub-commands of the evidence bundle. verify exits 0 only when every digest and the signature hold;
// a tampered, truncated or foreign bundle gets a verdict in words and exit 1, never a crash.

export function keygenCommand(prefix: string, t: Translate): number {
  try {
    const { key, pub } = keygen(prefix);
    process.stdout.write(`cookie-auditor: ${t('keygen_done', key, pub)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`cookie-auditor: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

/** The fingerprint an auditor reads out: SHA-256 of the public key's DER, its first 16 hex digits. */
export function fingerprint(key: crypto.KeyObject): string {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return crypto.createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function verdictLines(dir: string, v: Verdict, t: Translate): string[] {
  if (v.problem) return [t('verify_problem', safeText(dir), v.problem)];
  const lines = [v.ok ? t('verify_ok', safeText(dir), v.files, v.digest ?? '') : t('verify_bad', safeText(dir), v.digest ?? '')];
  for (const f of v.changed) lines.push(`  ${t('verify_changed', safeText(f))}`);
  for (const f of v.missing) lines.push(`  ${t('verify_missing', safeText(f))}`);
  for (const f of v.added) lines.push(`  ${t('verify_added', safeText(f))}`);
  const sig = { valid: 'verify_sig_valid', invalid: 'verify_sig_invalid', 'other-key': 'verify_sig_other_key', 'not-checked': 'verify_sig_not_checked', unsigned: 'verify_sig_unsigned' } as const;
  if (v.signature !== 'unsigned' || !v.ok) lines.push(`  ${t(sig[v.signature])}`);
  return lines;
}

export function verifyCommand(dir: string, keyFile: string | undefined, t: Translate): number {
  let key: crypto.KeyObject | undefined;
  if (keyFile !== undefined) {
    try {
      key = readKey(keyFile, 'public');
    } catch (e) {
      process.stderr.write(`cookie-auditor: ${t('verify_key_problem', safeText(keyFile), messageOf(e, t))}\n`);
      return 2;
    }
  }
  const v = verify(path.resolve(dir), key);
  process.stdout.write(verdictLines(dir, v, t).join('\n') + '\n');
  return v.ok ? 0 : 1;
}
