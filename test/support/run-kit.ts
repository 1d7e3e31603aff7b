import { spawn } from 'node:child_process';
import path from 'node:path';

export interface KitRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const KIT = path.resolve(import.meta.dirname, '..', '..', 'bin', 'kit.js');

/** Runs the real `kit` binary as a user would, without a TTY, and collects its output. */
export function runKit(args: readonly string[], options: { readonly timeoutMs?: number } = {}): Promise<KitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KIT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal === null ? -1 : 128), stdout, stderr }));
  });
}
