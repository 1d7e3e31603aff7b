import type { Host, TransportStats } from './host.ts';
import { connectHost, type ConnectOptions } from './connect-host.ts';
import type { SshTarget } from './ssh-target.ts';

/**
 * One connection per host for a whole run: every phase asking for the same host gets the
 * same `Host`, so all its commands and transfers share one SSH connection. A failed connect
 * is not remembered; the next request tries again.
 */
export class HostPool {
  readonly #options: ConnectOptions;
  readonly #hosts = new Map<string, { readonly key: string; readonly host: Promise<Host> }>();
  /** Connections that opened, by host name: what `stats()` reads without waiting. */
  readonly #open = new Map<string, Host>();

  constructor(options: ConnectOptions) {
    this.#options = options;
  }

  /** The host's shared connection, opened on first request. */
  connect(target: SshTarget): Promise<Host> {
    const key = identity(target);
    const cached = this.#hosts.get(target.name);
    if (cached !== undefined) {
      if (cached.key !== key) {
        return Promise.reject(new TypeError(`host ${target.name} was already connected as ${cached.key}, not ${key}`));
      }
      return cached.host;
    }
    const host = connectHost(target, this.#options);
    this.#hosts.set(target.name, { key, host });
    host.then((opened) => {
      if (this.#hosts.get(target.name)?.host === host) this.#open.set(target.name, opened);
    }, () => undefined);
    host.catch(() => {
      if (this.#hosts.get(target.name)?.host === host) this.#hosts.delete(target.name);
    });
    return host;
  }

  /** Transport counters of every connection opened so far, by host name (benchmarks, --debug). */
  stats(): ReadonlyMap<string, TransportStats> {
    return new Map([...this.#open].map(([name, host]) => [name, host.stats()]));
  }

  /** Closes every connection the pool opened; the pool can be used again afterwards. */
  async closeAll(): Promise<void> {
    const entries = [...this.#hosts.values()];
    this.#hosts.clear();
    this.#open.clear();
    await Promise.all(entries.map(async (entry) => {
      const host = await entry.host.catch(() => undefined);
      await host?.close();
    }));
  }
}

function identity(target: SshTarget): string {
  const via = target.bastion === undefined ? '' : ` via ${target.bastion.user}@${target.bastion.address}:${target.bastion.port}`;
  return `${target.user}@${target.address}:${target.port}${via}`;
}
