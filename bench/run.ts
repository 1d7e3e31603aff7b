import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: every benchmark in turn (bench/apply.ts boots one rig for preflight and apply
 * and tears it down). Each prints its figures and one `BENCH-JSON {…}` line; the JSON parts are
 * merged into bench/results/latest.json. Arguments after `--` go to bench/apply.ts.
 */
const BENCHES: readonly { readonly file: string; readonly args: readonly string[] }[] = [
  { file: 'pki.ts', args: ['--runs', '3'] },
  { file: 'apply.ts', args: process.argv.slice(2) },
];
const MARK = 'BENCH-JSON ';

const summary: Record<string, unknown> = { startedAt: new Date().toISOString() };
for (const bench of BENCHES) {
  console.log(`\n== bench/${bench.file} ${bench.args.join(' ')}`);
  const { code, json } = await runBench(path.join(import.meta.dirname, bench.file), bench.args);
  Object.assign(summary, json);
  if (code !== 0) {
    process.exitCode = code;
    break;
  }
}
const out = path.join(import.meta.dirname, 'results', 'latest.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ ...summary, finishedAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`\nsummary written to ${path.relative(process.cwd(), out)}`);

function runBench(file: string, args: readonly string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let json: Record<string, unknown> = {};
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(MARK)) json = { ...json, ...(JSON.parse(line.slice(MARK.length)) as Record<string, unknown>) };
        else console.log(line);
      }
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit ?? 1, json }));
  });
}
