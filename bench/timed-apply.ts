import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runKit } from '../test/support/run-kit.ts';
import { parseApplyEvents, type ApplyEvents } from './apply-events.ts';

export interface ApplyMeasurement extends ApplyEvents {
  readonly wallS: number;
  readonly exitCode: number;
  /** Peak resident set of the kit process, MiB. */
  readonly maxRssMiB: number;
  /** The end of stderr/stdout when kit failed, to say where. */
  readonly failure?: string;
}

const PROBE = path.join(import.meta.dirname, 'max-rss-probe.ts');

/** Runs `kit apply` as a user would (JSON events, --debug for transport counters) and measures it. */
export async function timedApply(inventory: string, extraArgs: readonly string[] = []): Promise<ApplyMeasurement> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-bench-'));
  const rssFile = path.join(dir, 'max-rss');
  try {
    const started = performance.now();
    const run = await runKit(['-o', 'json', '--debug', 'apply', '-f', inventory, ...extraArgs], { timeoutMs: 1_500_000, nodeArgs: ['--import', PROBE], env: { KIT_BENCH_RSS_FILE: rssFile } });
    const wallS = (performance.now() - started) / 1000;
    const events = parseApplyEvents(run.stdout);
    const maxRssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
    const failure = run.exitCode === 0 ? undefined : `${run.stderr}${run.stdout}`.slice(-1500);
    return { ...events, wallS, exitCode: run.exitCode, maxRssMiB, ...(failure === undefined ? {} : { failure }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
