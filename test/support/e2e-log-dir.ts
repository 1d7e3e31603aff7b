import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every e2e run of kit leaves its argv and output here, so `npm run test:secrets` can prove no
 * key or token reached a log. `KIT_E2E_LOG_DIR` wins; otherwise the directory is a fresh one
 * under the OS temp dir, started by `test/support/start-e2e-log.ts` at the start of `test:e2e`
 * and recorded in a pointer file keyed by this checkout (two clones never share one).
 */
export const KNOWN_SECRETS_FILE = 'known-secrets.jsonl';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const POINTER = path.join(tmpdir(), `kit-e2e-log-${createHash('sha256').update(REPO).digest('hex').slice(0, 12)}.current`);

/** Starts a new capture directory for this checkout and points the pointer at it. */
export function startE2eLogRun(): string {
  const explicit = process.env['KIT_E2E_LOG_DIR'];
  if (explicit !== undefined && explicit !== '') {
    mkdirSync(explicit, { recursive: true, mode: 0o700 });
    return explicit;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-e2e-logs-'));
  writeFileSync(POINTER, `${dir}\n`, { mode: 0o600 });
  return dir;
}

/** The current capture directory, or undefined when no run was started (and none is forced). */
export function currentE2eLogDir(): string | undefined {
  const explicit = process.env['KIT_E2E_LOG_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  if (!existsSync(POINTER)) return undefined;
  const dir = readFileSync(POINTER, 'utf8').trim();
  return dir !== '' && existsSync(dir) ? dir : undefined;
}

export interface CapturedRun {
  /** How kit was started: runKit, a tmux terminal, a benchmark. */
  readonly via: string;
  readonly argv: readonly string[];
  readonly exitCode?: number;
  /** Named streams: stdout, stderr, or the screen a terminal showed. */
  readonly streams: Readonly<Record<string, string>>;
}

/** Writes one run's record (a new 0600 file); starts a capture directory when there is none. */
export function captureKitRun(run: CapturedRun): string {
  const dir = currentE2eLogDir() ?? startE2eLogRun();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${new Date().toISOString().replaceAll(':', '')}-${process.pid}-${randomBytes(3).toString('hex')}.log`);
  const header = [`via: ${run.via}`, `argv: ${JSON.stringify(run.argv)}`, `exit: ${run.exitCode ?? 'unknown'}`];
  const body = Object.entries(run.streams).map(([name, text]) => `----- ${name} (${Buffer.byteLength(text)} bytes)\n${text}`);
  writeFileSync(file, `${[...header, ...body].join('\n')}\n`, { mode: 0o600 });
  return file;
}

/**
 * Tells the secrets check a value that must never appear in any log (a bootstrap token's secret
 * half, an encryption key) when a test learns it from a host. Kept beside the logs, never scanned.
 */
export function recordKnownSecret(label: string, value: string): void {
  const dir = currentE2eLogDir() ?? startE2eLogRun();
  appendFileSync(path.join(dir, KNOWN_SECRETS_FILE), `${JSON.stringify({ label, value })}\n`, { mode: 0o600 });
}
