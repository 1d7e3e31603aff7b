import { posix } from 'node:path';
import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import { HostsFailedError } from '../workflow/hosts-failed-error.ts';
import { rowsForMinor } from './cert-list.ts';
import type { CertRow } from './cert-row.ts';
import type { FileMap, Pki } from './pki.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { PkiError } from './pki-error.ts';
import { receivingNodes, selectNodes } from './row-instances.ts';

export interface PlannedUpload {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
  readonly owner: 'root:root';
}

export interface HostIo {
  readonly hosts: readonly Host[];
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/** Which file goes to which host, with its mode: the whole delivery, computed without a host. */
export function planPkiDelivery(pki: Pki): ReadonlyMap<string, readonly PlannedUpload[]> {
  const plan = new Map<string, PlannedUpload[]>();
  for (const item of pki.items) {
    for (const file of item.files) {
      for (const host of file.hosts) {
        const uploads = plan.get(host) ?? [];
        uploads.push({ path: file.path, content: file.content, mode: file.mode, owner: 'root:root' });
        plan.set(host, uploads);
      }
    }
  }
  return plan;
}

/** Uploads each host's files (atomic, skipped when identical); returns the paths that changed per host. */
export async function deliverPki(pki: Pki, io: HostIo): Promise<ReadonlyMap<string, readonly string[]>> {
  const plan = planPkiDelivery(pki);
  const stray = io.hosts.filter((host) => !plan.has(host.name) && !isNode(pki.spec, host.name));
  if (stray.length > 0) throw new PkiError(`no PKI is planned for host(s) ${stray.map((host) => host.name).join(', ')}: they are not nodes of this cluster`);
  const { results, failures } = await fanOut(io.hosts, (host) => host.name, async (host) => {
    const uploads = plan.get(host.name) ?? [];
    const directories = [...new Set(uploads.map((upload) => posix.dirname(upload.path)))];
    if (directories.length > 0) await host.exec(['mkdir', '-p', ...directories], io.signal === undefined ? {} : { signal: io.signal });
    const changed: string[] = [];
    for (const upload of uploads) {
      const result = await host.upload(upload.content, upload.path, { mode: upload.mode, owner: upload.owner, ...(io.signal === undefined ? {} : { signal: io.signal }) });
      if (result.changed) changed.push(upload.path);
    }
    return changed;
  }, { concurrency: io.concurrency ?? 10, ...(io.signal === undefined ? {} : { signal: io.signal }) });
  if (failures.length > 0) throw new HostsFailedError('deliver PKI', failures);
  return new Map([...results].map(([host, changed]) => [host.name, changed]));
}

/** Downloads every PKI file a host should hold, for buildPki's `existing.onHosts`. */
export async function readExistingPki(spec: PkiClusterSpec, io: HostIo): Promise<ReadonlyMap<string, FileMap>> {
  const { results, failures } = await fanOut(io.hosts, (host) => host.name, async (host) => {
    // Downloads share the host's one connection; the transport bounds how many run at once.
    const paths = expectedPaths(spec, host.name);
    const contents = await Promise.all(paths.map((path) => host.download(path, io.signal === undefined ? {} : { signal: io.signal })));
    return new Map(paths.flatMap((path, index) => {
      const content = contents[index];
      return content === undefined ? [] : [[path, content] as const];
    }));
  }, { concurrency: io.concurrency ?? 10, ...(io.signal === undefined ? {} : { signal: io.signal }) });
  if (failures.length > 0) throw new HostsFailedError('read existing PKI', failures);
  return new Map([...results].map(([host, files]) => [host.name, files]));
}

/** The paths CERT_LIST places on one node: what a re-run reads back. */
export function expectedPaths(spec: PkiClusterSpec, nodeName: string): string[] {
  return rowsForMinor(spec.kubernetesMinor).flatMap((row) => pathsOnNode(row, spec, nodeName));
}

function pathsOnNode(row: CertRow, spec: PkiClusterSpec, nodeName: string): string[] {
  const receives = receivingNodes(row, spec).some((node) => node.name === nodeName);
  switch (row.kind) {
    case 'ca':
      return [
        ...(receives ? [row.certPath] : []),
        ...(selectNodes(row.keyHosts, spec).some((node) => node.name === nodeName) ? [row.keyPath] : []),
      ];
    case 'leaf':
      return receives ? [row.certPath, row.keyPath] : [];
    case 'keypair':
      return receives ? [row.privateKeyPath, row.publicKeyPath] : [];
    case 'kubeconfig':
      return receives ? [row.path] : [];
  }
}

function isNode(spec: PkiClusterSpec, name: string): boolean {
  return [...spec.controlPlanes, ...spec.workers].some((node) => node.name === name);
}
