import { execFile } from 'node:child_process';
import type { ExecOptions, ExecResult, Host, TransportStats, UploadResult } from '../../../src/host/host.ts';

/** A Host that runs commands on this machine: lets unit tests drive runPreflight without SSH. */
export class LocalHost implements Host {
  readonly name: string;
  readonly address = '127.0.0.1';
  #roundTrips = 0;

  constructor(name: string) {
    this.name = name;
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.#roundTrips += 1;
    const [command = 'true', ...args] = argv;
    return new Promise((resolve, reject) => {
      execFile(command, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        if (!(options.allowedExitCodes ?? [0]).includes(exitCode)) reject(new Error(`${argv.join(' ')} exited ${exitCode}: ${stderr}`));
        else resolve({ stdout, stderr, exitCode });
      });
    });
  }

  upload(): Promise<UploadResult> {
    return Promise.reject(new Error('LocalHost does not upload'));
  }

  download(): Promise<Buffer | undefined> {
    return Promise.resolve(undefined);
  }

  stats(): TransportStats {
    return { roundTrips: this.#roundTrips, bytesSent: 0, connects: 0 };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
