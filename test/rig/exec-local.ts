import { spawn } from 'node:child_process';
import { LocalCommandError } from './rig-error.ts';

export interface LocalResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface LocalExecOptions {
  readonly stdin?: string;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  readonly allowFail?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The PATH every rig command runs with: the sbin tools (ip, iptables, debootstrap) live there. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Runs one local command (argv, no shell) and collects its output. A non-zero exit throws
 * LocalCommandError unless `allowFail` is set; a kill by timeout or signal always throws.
 */
export async function execLocal(argv: readonly string[], options: LocalExecOptions = {}): Promise<LocalResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('execLocal needs a command');
  const child = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? { ...process.env, PATH: SYSTEM_PATH, LC_ALL: 'C' },
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
  });
  const result = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
  if (code === 0 || (code !== null && options.allowFail === true)) return { ...result, exitCode: code };
  throw new LocalCommandError({ command: argv.join(' '), exitCode: code, signal, stderr: result.stderr });
}
