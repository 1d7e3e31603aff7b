import { readFile } from 'node:fs/promises';

/** A process identified by PID and start time, so a reused PID is never mistaken for it. */
export interface ProcessRef {
  readonly pid: number;
  /** Field 22 of /proc/PID/stat (clock ticks since boot). */
  readonly startTime: string;
}

interface ProcStat {
  readonly state: string;
  readonly startTime: string;
}

async function readStat(pid: number): Promise<ProcStat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // The command name may hold spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state === undefined || startTime === undefined ? undefined : { state, startTime };
}

export async function processRef(pid: number): Promise<ProcessRef | undefined> {
  const stat = await readStat(pid);
  return stat === undefined ? undefined : { pid, startTime: stat.startTime };
}

/** True while the very process `ref` names runs (zombies count as gone). */
export async function isAlive(ref: ProcessRef): Promise<boolean> {
  const stat = await readStat(ref.pid);
  return stat !== undefined && stat.startTime === ref.startTime && stat.state !== 'Z' && stat.state !== 'X';
}

/** Sends a signal to `ref` only if it is still the same process; false when it was gone. */
export async function signalProcess(ref: ProcessRef, signal: NodeJS.Signals): Promise<boolean> {
  if (!(await isAlive(ref))) return false;
  try {
    process.kill(ref.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true once `ref` has exited, false when `timeoutMs` passed first. */
export async function waitForExit(ref: ProcessRef, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(ref)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The PID-namespace chain of a process (`NSpid:` in /proc/PID/status), outermost first. */
export async function namespacePids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const line = text.split('\n').find((entry) => entry.startsWith('NSpid:'));
  return line === undefined ? [] : line.slice('NSpid:'.length).trim().split(/\s+/u).map(Number);
}
