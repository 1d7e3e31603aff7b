import type { Host } from '../../host/host.ts';

/** The same host for a caller that closes what it opens, while the run's pool keeps the connection. */
export function borrowedHost(host: Host): Host {
  return {
    name: host.name,
    address: host.address,
    exec: (argv, options) => host.exec(argv, options),
    upload: (content, path, options) => host.upload(content, path, options),
    download: (path, options) => host.download(path, options),
    stats: () => host.stats(),
    close: async () => undefined,
  };
}
