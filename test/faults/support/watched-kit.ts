import { spawn } from 'node:child_process';
import path from 'node:path';
import { captureKitRun } from '../../support/e2e-log-dir.ts';

export interface WatchedRun {
  /** Exit code, or undefined when a signal ended kit. */
  readonly exitCode: number | undefined;
  readonly signal: NodeJS.Signals | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** A running `kit` whose output a test watches, to strike at the moment a line appears. */
export interface WatchedKit {
  /** stdout and stderr as they arrived, interleaved. */
  output(): string;
  /** Resolves with the match once the output matches; rejects if kit ends (or time runs out) first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGKILL: kit gets no chance to clean up. */
  kill(): void;
  readonly done: Promise<WatchedRun>;
}

const KIT = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'kit.js');

/** Starts the real `kit` binary without a TTY (plain output); the run is captured for the secrets check. */
export function startKit(args: readonly string[], options: { readonly timeoutMs: number }): WatchedKit {
  const started = Date.now();
  const child = spawn(process.execPath, [KIT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const streams = { stdout: '', stderr: '', both: '' };
  const watchers = new Set<() => void>();
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const collect = (name: 'stdout' | 'stderr') => (chunk: string): void => {
    streams[name] += chunk;
    streams.both += chunk;
    for (const check of [...watchers]) check();
  };
  child.stdout.setEncoding('utf8').on('data', collect('stdout'));
  child.stderr.setEncoding('utf8').on('data', collect('stderr'));
  const done = new Promise<WatchedRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const check of [...watchers]) check();
      const run = { exitCode: code ?? undefined, signal: signal ?? undefined, stdout: streams.stdout, stderr: streams.stderr, ms: Date.now() - started };
      captureKitRun({ via: 'faults', argv: args, exitCode: code ?? 128, streams: { stdout: run.stdout, stderr: run.stderr } });
      resolve(run);
    });
  });
  let ended = false;
  void done.finally(() => (ended = true));
  return {
    output: () => streams.both,
    kill: () => child.kill('SIGKILL'),
    done,
    waitFor: (pattern, timeoutMs = options.timeoutMs) => new Promise((resolve, reject) => {
      const giveUp = setTimeout(() => finish(new Error(`no output matched ${String(pattern)} within ${timeoutMs} ms`)), timeoutMs);
      const finish = (error: Error | undefined, match?: RegExpExecArray): void => {
        clearTimeout(giveUp);
        watchers.delete(check);
        if (match !== undefined) resolve(match);
        else reject(error ?? new Error('unreachable'));
      };
      const check = (): void => {
        const match = pattern.exec(streams.both);
        if (match !== null) finish(undefined, match);
        else if (ended || child.exitCode !== null || child.signalCode !== null) finish(new Error(`kit ended before its output matched ${String(pattern)}:\n${streams.both.slice(-4000)}`));
      };
      watchers.add(check);
      check();
    }),
  };
}
