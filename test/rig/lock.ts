import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive, processRef, sleep, type ProcessRef } from './process-info.ts';
import { RigError } from './rig-error.ts';

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes a machine-wide lock: a directory (mkdir is atomic) holding the owner's PID and start
 * time. A lock whose owner died is broken; otherwise we wait up to `timeoutMs`.
 */
export async function acquireLock(options: { dir: string; timeoutMs: number; what: string; signal?: AbortSignal }): Promise<Lock> {
  const deadline = Date.now() + options.timeoutMs;
  const self = await processRef(process.pid);
  if (self === undefined) throw new RigError('cannot read this process from /proc');
  await mkdir(path.dirname(options.dir), { recursive: true });
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryTake(options.dir, self)) {
      return { release: () => rm(options.dir, { recursive: true, force: true }) };
    }
    const owner = await readOwner(options.dir);
    if (owner === undefined ? await isAbandoned(options.dir) : !(await isAlive(owner))) {
      await rm(options.dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new RigError(`timed out after ${options.timeoutMs} ms waiting for the lock on ${options.what} (${options.dir}, held by PID ${owner?.pid ?? '?'})`, {
        hint: `If no rig command is running, remove ${options.dir}.`,
      });
    }
    await sleep(250);
  }
}

async function tryTake(dir: string, self: ProcessRef): Promise<boolean> {
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(path.join(dir, 'owner'), `${self.pid} ${self.startTime}\n`);
  return true;
}

async function readOwner(dir: string): Promise<ProcessRef | undefined> {
  const text = await readFile(path.join(dir, 'owner'), 'utf8').catch(() => undefined);
  // A lock directory without an owner file is being created right now: treat it as held.
  if (text === undefined) return undefined;
  const [pid, startTime] = text.trim().split(' ');
  return pid === undefined || startTime === undefined ? undefined : { pid: Number(pid), startTime };
}

/** A lock directory left without an owner file by a process killed between mkdir and write. */
async function isAbandoned(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > 10_000;
}
