import { spawn } from 'node:child_process';
import path from 'node:path';

const KIT = path.resolve(import.meta.dirname, '..', 'bin', 'kit.js');

/** Runs `kit` with this terminal attached, so a TTY gets the live task view. Resolves its exit code. */
export function runKitInteractive(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KIT, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
