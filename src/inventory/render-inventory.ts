import { isDeepStrictEqual } from 'node:util';
import { homedir } from 'node:os';
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { formatEndpoint } from './endpoint.ts';
import { contractPath } from './expand-path.ts';
import type { PathBase } from './expand-path.ts';
import type { Inventory, InventoryHost, NetworkConfig, ArtifactsConfig, PkiConfig } from './inventory.ts';
import { resolveSshTarget } from './resolve-ssh.ts';
import { descriptionAt } from './schema-lookup.ts';

export interface RenderInventoryOptions {
  /** Paths under this folder are written with `~`. Default: the current user's home. */
  readonly homeDir?: string;
}

const HEADER = [
  ' kit inventory: everything kit needs to know to build one cluster.',
  ' Reference: docs/inventory.md. Editors get completion from `kit inventory schema`.',
].join('\n');

/**
 * Writes a resolved inventory as commented YAML (what the setup wizard saves). Everything is
 * explicit except per-host SSH values equal to the shared defaults, so
 * `parseInventory(renderInventory(x))` equals `x` with the same home folder.
 */
export function renderInventory(inventory: Inventory, options: RenderInventoryOptions = {}): string {
  const homeDir = options.homeDir ?? homedir();
  const path = (value: string): string => contractPath(value, homeDir);
  const { cluster, ssh } = inventory;
  const document = new Document({
    apiVersion: inventory.apiVersion,
    cluster: {
      name: cluster.name,
      kubernetesVersion: cluster.kubernetesVersion,
      ...(cluster.controlPlaneEndpoint === undefined ? {} : { controlPlaneEndpoint: formatEndpoint(cluster.controlPlaneEndpoint) }),
      podSubnet: cluster.podSubnet,
      serviceSubnet: cluster.serviceSubnet,
      dnsDomain: cluster.dnsDomain,
      ...(cluster.extraSans.length === 0 ? {} : { extraSans: [...cluster.extraSans] }),
    },
    ssh: {
      user: ssh.user,
      port: ssh.port,
      keyFile: path(ssh.keyFile),
      knownHostsFile: path(ssh.knownHostsFile),
      ...(ssh.bastion === undefined ? {} : { bastion: { ...ssh.bastion, ...(ssh.bastion.keyFile === undefined ? {} : { keyFile: path(ssh.bastion.keyFile) }) } }),
    },
    hosts: inventory.hosts.map((host) => renderHost(inventory, host, { homeDir, baseDir: '/' })),
    network: renderNetwork(inventory.network, path),
    artifacts: renderArtifacts(inventory.artifacts, path),
    pki: renderPki(inventory.pki),
  });
  document.commentBefore = HEADER;
  addComments(document.contents, []);
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function renderHost(inventory: Inventory, host: InventoryHost, base: PathBase): Record<string, unknown> {
  const target = host.ssh;
  const fallback = inventory.ssh;
  if (target.knownHostsFile !== fallback.knownHostsFile) throw new RangeError(`${host.name}: knownHostsFile can only be set for all hosts (ssh.knownHostsFile)`);
  const own: Record<string, unknown> = {
    ...(target.user === fallback.user ? {} : { user: target.user }),
    ...(target.port === fallback.port ? {} : { port: target.port }),
    ...(target.keyFile === fallback.keyFile ? {} : { keyFile: contractPath(target.keyFile, base.homeDir) }),
    ...(target.hostKey === undefined ? {} : { hostKey: target.hostKey }),
  };
  // The bastion a host would inherit depends on its own user and key, so compare after those.
  const inherited = resolveSshTarget({ name: host.name, address: host.address, ssh: { ...own, keyFile: target.keyFile } }, fallback, base).bastion;
  if (!isDeepStrictEqual(inherited, target.bastion)) {
    if (target.bastion === undefined) throw new RangeError(`${host.name}: an inventory cannot opt one host out of ssh.bastion`);
    own['bastion'] = { ...target.bastion, keyFile: contractPath(target.bastion.keyFile, base.homeDir) };
  }
  return {
    name: host.name,
    address: host.address,
    ...(host.internalAddress === host.address ? {} : { internalAddress: host.internalAddress }),
    roles: [...host.roles],
    ...(Object.keys(own).length === 0 ? {} : { ssh: own }),
    ...(Object.keys(host.labels).length === 0 ? {} : { labels: { ...host.labels } }),
    ...(host.taints.length === 0 ? {} : { taints: host.taints.map((taint) => ({ ...taint })) }),
  };
}

function renderNetwork(network: NetworkConfig, path: (value: string) => string): Record<string, unknown> {
  if (network.plugin === 'vxlan') return { plugin: 'vxlan', vxlan: { ...network.vxlan } };
  return { plugin: 'manifest', manifest: network.manifest.kind === 'url' ? network.manifest.url : path(network.manifest.path) };
}

function renderArtifacts(artifacts: ArtifactsConfig, path: (value: string) => string): Record<string, unknown> {
  const cacheDir = path(artifacts.cacheDir);
  if (artifacts.source === 'bundle') return { source: 'bundle', path: path(artifacts.path), cacheDir };
  if (artifacts.source === 'download') return { source: 'download', ...(artifacts.mirror === undefined ? {} : { mirror: artifacts.mirror }), cacheDir };
  return { source: artifacts.source, cacheDir };
}

function renderPki(pki: PkiConfig): Record<string, unknown> {
  const validity = { certificateValidityDays: pki.certificateValidityDays, caValidityDays: pki.caValidityDays };
  return pki.keyType === 'rsa' ? { keyType: 'rsa', keySize: pki.keySize, ...validity } : { keyType: 'ecdsa', ...validity };
}

/**
 * Puts each field's schema description above it, except inside host entries, where the same
 * text repeated for every host would bury the values. Roles stay on one line.
 */
function addComments(node: unknown, path: readonly (string | number)[]): void {
  if (isSeq(node)) {
    if (path[path.length - 1] === 'roles') node.flow = true;
    node.items.forEach((item, index) => addComments(item, [...path, index]));
    return;
  }
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const childPath = [...path, String(pair.key.value)];
    const description = path[0] === 'hosts' && path.length > 1 ? undefined : descriptionAt(childPath);
    if (description !== undefined) pair.key.commentBefore = wrap(description);
    if (path.length === 0 && childPath[0] !== 'apiVersion') pair.key.spaceBefore = true;
    addComments(pair.value, childPath);
  }
}

function wrap(text: string, width = 90): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(` ${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(` ${line}`);
  return lines.join('\n');
}
