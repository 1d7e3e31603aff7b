import { spawn } from 'node:child_process';
import path from 'node:path';
import { captureKitRun } from './e2e-log-dir.ts';

export interface KitRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunKitOptions {
  readonly timeoutMs?: number;
  /** Extra environment on top of this process's (e.g. a benchmark's probe settings). */
  readonly env?: Readonly<Record<string, string>>;
  /** Node options before the script (e.g. `--import` of a probe). */
  readonly nodeArgs?: readonly string[];
}

const KIT = path.resolve(import.meta.dirname, '..', '..', 'bin', 'kit.js');

/**
 * Runs the real `kit` binary as a user would, without a TTY, and collects its output. Every run
 * is also captured (argv, stdout, stderr) for the secrets check: see e2e-log-dir.ts.
 */
export function runKit(args: readonly string[], options: RunKitOptions = {}): Promise<KitRun> {
  return new Promise((resolve, reject) => {
    const env = options.env === undefined ? process.env : { ...process.env, ...options.env };
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), KIT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env, timeout: options.timeoutMs ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      captureKitRun({ via: 'runKit', argv: args, streams: { stdout, stderr, error: String(error) } });
      reject(error);
    });
    child.on('close', (code, signal) => {
      const run = { exitCode: code ?? (signal === null ? -1 : 128), stdout, stderr };
      captureKitRun({ via: 'runKit', argv: args, exitCode: run.exitCode, streams: { stdout, stderr } });
      resolve(run);
    });
  });
}
