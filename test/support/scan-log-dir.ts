import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_SECRETS_FILE } from './e2e-log-dir.ts';
import { scanText, type SecretFinding } from './secret-patterns.ts';

export interface FileFinding extends SecretFinding {
  readonly file: string;
}

export interface LogDirScan {
  readonly files: number;
  readonly bytes: number;
  readonly findings: readonly FileFinding[];
}

/**
 * Scans every captured log under `dir` in two passes: the first finds secrets by shape and learns
 * bootstrap-token secret halves; the second looks for those halves (and the secrets tests recorded
 * in the known-secrets file) alone, in every file.
 */
export function scanLogDir(dir: string): LogDirScan {
  const files = listFiles(dir).filter((file) => path.basename(file) !== KNOWN_SECRETS_FILE);
  const texts = files.map((file) => ({ file: path.relative(dir, file), text: readFileSync(file, 'utf8') }));
  const known = new Set(readKnownSecrets(dir));
  const findings: FileFinding[] = [];
  for (const { file, text } of texts) {
    const scan = scanText(text);
    for (const half of scan.learned) known.add(half);
    findings.push(...scan.findings.map((finding) => ({ file, ...finding })));
  }
  if (known.size > 0) {
    for (const { file, text } of texts) {
      const extra = scanText(text, [...known]).findings.filter((finding) => finding.kind === 'known-secret');
      findings.push(...extra.map((finding) => ({ file, ...finding })));
    }
  }
  return { files: files.length, bytes: texts.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0), findings };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function readKnownSecrets(dir: string): string[] {
  const file = path.join(dir, KNOWN_SECRETS_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => String((JSON.parse(line) as { value: unknown }).value));
}
