import { createHash } from 'node:crypto';
import { RemoteCommandError } from '../../../src/errors/remote-command-error.ts';
import type { ExecOptions, ExecResult, Host, TransportStats, UploadOptions, UploadResult } from '../../../src/host/host.ts';

/** One unit as the fake systemd keeps it. */
export interface FakeUnit {
  enabled: boolean;
  active: boolean;
  pid: number;
  invocation: number;
  restarts: number;
}

export type CommandHandler = (argv: readonly string[], node: FakeNode) => ExecResult | undefined;

/**
 * A Host backed by memory, for unit tests of the install, health and etcd logic: files,
 * a small systemd (show, enable, start, restart, reload, daemon-reload), and health probes
 * that pass for running units unless a test says otherwise. Anything else goes to `handlers`;
 * an unknown command fails the test loudly. End-to-end tests use real hosts instead.
 */
export class FakeNode implements Host {
  readonly name: string;
  readonly address: string;
  readonly files = new Map<string, { content: string; mode: number }>();
  readonly units = new Map<string, FakeUnit>();
  readonly commands: string[][] = [];
  readonly handlers: CommandHandler[] = [];
  /** Units whose probes fail (by unit name); others are healthy while active. */
  readonly unhealthy = new Set<string>();
  readonly dirs = new Set<string>();
  journal = '';
  #nextPid = 100;

  constructor(name: string, address: string) {
    this.name = name;
    this.address = address;
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push([...argv]);
    const result = this.#answer(argv);
    if (!(options.allowedExitCodes ?? [0]).includes(result.exitCode)) {
      return Promise.reject(new RemoteCommandError({ host: this.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr }));
    }
    return Promise.resolve(result);
  }

  upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<UploadResult> {
    const text = content.toString();
    const old = this.files.get(remotePath);
    if (old?.content === text && old.mode === options.mode) return Promise.resolve({ changed: false, bytesSent: 0 });
    this.files.set(remotePath, { content: text, mode: options.mode });
    return Promise.resolve({ changed: true, bytesSent: text.length });
  }

  download(remotePath: string): Promise<Buffer | undefined> {
    const file = this.files.get(remotePath);
    return Promise.resolve(file === undefined ? undefined : Buffer.from(file.content));
  }

  stats(): TransportStats {
    return { roundTrips: this.commands.length, bytesSent: 0, connects: 1 };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Commands whose first words match, e.g. `ran('systemctl', 'restart')`. */
  ran(...prefix: string[]): string[][] {
    return this.commands.filter((argv) => prefix.every((word, index) => argv[index] === word));
  }

  unit(name: string): FakeUnit {
    const unit = this.units.get(name) ?? { enabled: false, active: false, pid: 0, invocation: 0, restarts: 0 };
    this.units.set(name, unit);
    return unit;
  }

  start(name: string): void {
    const unit = this.unit(name);
    unit.active = true;
    unit.pid = this.#nextPid++;
    unit.invocation += 1;
  }

  #answer(argv: readonly string[]): ExecResult {
    for (const handler of this.handlers) {
      const result = handler(argv, this);
      if (result !== undefined) return result;
    }
    const [command, ...args] = argv;
    if (command === 'systemctl') return this.#systemctl(args);
    if (command === 'test' && args[0] === '-x') return exit(0);
    if (command === 'test' && args[0] === '-d') return exit(this.dirs.has(args[1] ?? '') ? 0 : 1);
    if (command === 'journalctl') return { stdout: this.journal, stderr: '', exitCode: 0 };
    if (command === 'sha256sum') return this.#sha256sum(args.filter((arg) => arg !== '--'));
    const probed = this.#probe(argv);
    if (probed !== undefined) return probed;
    throw new Error(`FakeNode ${this.name}: unexpected command ${argv.join(' ')}`);
  }

  #systemctl(args: readonly string[]): ExecResult {
    const [verb] = args;
    const units = args.filter((arg) => arg.endsWith('.service'));
    if (verb === 'daemon-reload') return exit(0);
    if (verb === 'show') return { stdout: units.map((unit) => this.#show(unit)).join('\n\n'), stderr: '', exitCode: 0 };
    for (const unit of units) {
      if (verb === 'enable') this.unit(unit).enabled = true;
      if (verb === 'start' && !this.unit(unit).active) this.start(unit);
      if (verb === 'restart') this.start(unit);
      if (verb === 'stop') Object.assign(this.unit(unit), { active: false, pid: 0 });
    }
    return exit(0);
  }

  #sha256sum(paths: readonly string[]): ExecResult {
    const present = paths.filter((path) => this.files.has(path));
    const lines = present.map((path) => `${createHash('sha256').update(this.files.get(path)?.content ?? '').digest('hex')}  ${path}`);
    return exit(present.length === paths.length ? 0 : 1, lines.join('\n'));
  }

  #show(name: string): string {
    const unit = this.units.get(name);
    const loaded = this.files.has(`/etc/systemd/system/${name}`);
    return [
      `Id=${name}`, `LoadState=${loaded ? 'loaded' : 'not-found'}`, `ActiveState=${unit?.active === true ? 'active' : 'inactive'}`,
      `SubState=${unit?.active === true ? 'running' : 'dead'}`, `UnitFileState=${unit?.enabled === true ? 'enabled' : loaded ? 'disabled' : ''}`,
      `MainPID=${unit?.pid ?? 0}`, `ActiveEnterTimestamp=${unit?.active === true ? `t${unit.invocation}` : ''}`,
      `InvocationID=${unit?.invocation ?? ''}`, `NRestarts=${unit?.restarts ?? 0}`, 'Job=',
    ].join('\n');
  }

  /** Health probes: etcdctl endpoint health, kubectl get --raw, bash /dev/tcp. */
  #probe(argv: readonly string[]): ExecResult | undefined {
    const text = argv.join(' ');
    const unit = text.includes('etcdctl') && text.includes('endpoint health') ? 'etcd.service'
      : /:10257/u.test(text) ? 'kube-controller-manager.service'
        : /:10259/u.test(text) ? 'kube-scheduler.service'
          : /:10248/u.test(text) || argv.includes('10248') ? 'kubelet.service'
            : argv.includes('10256') ? 'kube-proxy.service'
              : /127\.0\.0\.1:6443|127\.0\.0\.1 6443/u.test(text) || (argv.includes('127.0.0.1') && argv.includes('6443')) ? 'kube-apiserver-lb.service'
                : /:6443/u.test(text) ? 'kube-apiserver.service' : undefined;
    if (unit === undefined) return undefined;
    const healthy = this.units.get(unit)?.active === true && !this.unhealthy.has(unit);
    if (!healthy) return { stdout: '', stderr: 'connection refused', exitCode: 1 };
    if (unit === 'etcd.service') return { stdout: '', stderr: 'https://127.0.0.1:2379 is healthy: successfully committed proposal', exitCode: 0 };
    if (argv.includes('bash')) return { stdout: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nok', stderr: '', exitCode: 0 };
    return { stdout: 'ok', stderr: '', exitCode: 0 };
  }
}

export function exit(exitCode: number, stdout = '', stderr = ''): ExecResult {
  return { stdout, stderr, exitCode };
}
