import type { Host, UploadOptions } from '../../../src/host/host.ts';
import type { PkiClusterSpec } from '../../../src/certs/pki-cluster-spec.ts';
import type { FileMap, Pki } from '../../../src/certs/pki.ts';
import { planPkiDelivery } from '../../../src/certs/pki-delivery.ts';

/** Three control planes and two workers, one of which TLS-bootstraps its kubelet. */
export function testSpec(overrides: Partial<PkiClusterSpec> = {}): PkiClusterSpec {
  return {
    clusterName: 'kubernetes',
    kubernetesMinor: 31,
    controlPlaneEndpoint: { host: 'api.kit.test', port: 6443 },
    serviceSubnet: '10.96.0.0/12',
    dnsDomain: 'cluster.local',
    extraSans: ['k8s.kit.test', '198.18.0.100'],
    controlPlanes: [
      { name: 'cp1', internalAddress: '198.18.0.11' },
      { name: 'cp2', internalAddress: '198.18.0.12' },
      { name: 'cp3', internalAddress: '198.18.0.13' },
    ],
    workers: [
      { name: 'w1', internalAddress: '198.18.0.21' },
      { name: 'w2', internalAddress: '198.18.0.22', tlsBootstrap: true },
    ],
    ...overrides,
  };
}

/** What each host would hold after delivery: the `existing.onHosts` of a re-run. */
export function hostsAfterDelivery(pki: Pki): Map<string, Map<string, Buffer>> {
  const hosts = new Map<string, Map<string, Buffer>>();
  for (const [host, uploads] of planPkiDelivery(pki)) {
    hosts.set(host, new Map(uploads.map((upload) => [upload.path, Buffer.from(upload.content)])));
  }
  return hosts;
}

export function withFile(hosts: ReadonlyMap<string, FileMap>, host: string, path: string, content: string | undefined): Map<string, FileMap> {
  const copy = new Map(hosts);
  const files = new Map(copy.get(host));
  if (content === undefined) files.delete(path);
  else files.set(path, Buffer.from(content));
  copy.set(host, files);
  return copy;
}

export function fileOf(pki: Pki, id: string, path: string): string {
  const file = pki.items.find((item) => item.id === id)?.files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no ${path} in ${id}`);
  return file.content;
}

/** A Host kept in memory, for unit tests of delivery logic (e2e tests use real hosts). */
export class MemoryHost implements Host {
  readonly name: string;
  readonly address = '198.18.0.1';
  readonly files = new Map<string, { content: Buffer; mode: number; owner: string }>();
  readonly commands: string[][] = [];
  uploads = 0;

  constructor(name: string) {
    this.name = name;
  }

  async exec(argv: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    this.commands.push([...argv]);
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  async upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<{ changed: boolean; bytesSent: number }> {
    const buffer = Buffer.from(content);
    const existing = this.files.get(remotePath);
    if (existing?.content.equals(buffer) === true && existing.mode === options.mode) return { changed: false, bytesSent: 0 };
    this.uploads += 1;
    this.files.set(remotePath, { content: buffer, mode: options.mode, owner: options.owner ?? 'root:root' });
    return { changed: true, bytesSent: buffer.length };
  }

  async download(remotePath: string): Promise<Buffer | undefined> {
    return this.files.get(remotePath)?.content;
  }

  stats(): { roundTrips: number; bytesSent: number; connects: number } {
    return { roundTrips: 0, bytesSent: 0, connects: 0 };
  }

  async close(): Promise<void> {}
}
