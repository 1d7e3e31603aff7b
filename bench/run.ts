import { spawn } from 'node:child_process';
import path from 'node:path';

/** `npm run bench`: every benchmark in turn; each prints medians and a JSON summary line. */
const BENCHES = ['pki.ts', 'preflight.ts', 'apply.ts'];

for (const bench of BENCHES) {
  console.log(`\n== bench/${bench}`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, bench)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) {
    process.exitCode = code;
    break;
  }
}
