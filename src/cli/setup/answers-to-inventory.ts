import { join } from 'node:path';
import type { SshEndpoint } from '../../host/ssh-target.ts';
import { canonicalCidr, formatCidr, parseCidr } from '../../inventory/cidr.ts';
import { parseEndpoint } from '../../inventory/endpoint.ts';
import { expandPath } from '../../inventory/expand-path.ts';
import type { PathBase } from '../../inventory/expand-path.ts';
import type { ArtifactsConfig, Inventory, InventoryHost, NetworkConfig, PkiConfig, SshDefaults } from '../../inventory/inventory.ts';
import { resolveKubernetesVersion } from '../../inventory/kubernetes-versions.ts';
import { DEFAULT_DNS_DOMAIN } from '../../inventory/schema/cluster-schema.ts';
import { DEFAULT_CA_VALIDITY_DAYS, DEFAULT_CERTIFICATE_VALIDITY_DAYS, DEFAULT_RSA_KEY_SIZE } from '../../inventory/schema/pki-schema.ts';
import type { ArtifactsAnswers, HostAnswers, OverlayAnswers, SetupAnswers } from './setup-answers.ts';

export interface InventoryFromAnswersOptions {
  /** `~` in answers and where relative answers are relative to (the output file's folder). */
  readonly paths: PathBase;
  /**
   * The inventory `--from` read: what the wizard does not ask (labels, taints, bastions,
   * dnsDomain, extraSans, PKI, VXLAN settings, cache folder, SSH defaults) is kept from it.
   */
  readonly base?: Inventory;
}

/** The resolved inventory the answers describe, ready for `renderInventory`. */
export function inventoryFromAnswers(answers: SetupAnswers, options: InventoryFromAnswersOptions): Inventory {
  const { base, paths } = options;
  const ssh = base?.ssh ?? sharedSshDefaults(answers.hosts, paths.homeDir);
  const endpoint = answers.controlPlaneEndpoint === undefined ? undefined : parseEndpoint(answers.controlPlaneEndpoint, 6443);
  return {
    apiVersion: 'kit/v1',
    cluster: {
      name: answers.clusterName,
      kubernetesVersion: resolveKubernetesVersion(answers.kubernetesVersion) ?? answers.kubernetesVersion,
      ...(endpoint === undefined ? {} : { controlPlaneEndpoint: endpoint }),
      podSubnet: canonical(answers.podSubnet),
      serviceSubnet: canonical(answers.serviceSubnet),
      dnsDomain: base?.cluster.dnsDomain ?? DEFAULT_DNS_DOMAIN,
      extraSans: [...(base?.cluster.extraSans ?? [])],
    },
    ssh,
    hosts: answers.hosts.map((host) => inventoryHost(host, ssh, base?.hosts.find((known) => known.name === host.name))),
    network: network(answers.overlay, base?.network, paths),
    artifacts: artifacts(answers.artifacts, base?.artifacts, paths),
    pki: base?.pki ?? DEFAULT_PKI,
  };
}

const DEFAULT_PKI: PkiConfig = {
  keyType: 'rsa',
  keySize: DEFAULT_RSA_KEY_SIZE,
  certificateValidityDays: DEFAULT_CERTIFICATE_VALIDITY_DAYS,
  caValidityDays: DEFAULT_CA_VALIDITY_DAYS,
};

/** The most common user, port and key become the shared defaults, so hosts list only what differs. */
function sharedSshDefaults(hosts: readonly HostAnswers[], homeDir: string): SshDefaults {
  return {
    user: mostCommon(hosts.map((host) => host.user)) ?? 'root',
    port: mostCommon(hosts.map((host) => host.port)) ?? 22,
    keyFile: mostCommon(hosts.map((host) => host.keyFile)) ?? join(homeDir, '.ssh', 'id_ed25519'),
    knownHostsFile: join(homeDir, '.ssh', 'known_hosts'),
  };
}

/** The value most hosts have; the first one seen wins a tie. */
function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

function inventoryHost(host: HostAnswers, ssh: SshDefaults, known: InventoryHost | undefined): InventoryHost {
  // A bastion the wizard did not ask about stays as the old inventory had it for this host.
  const bastion: SshEndpoint | undefined = known?.ssh.bastion;
  return {
    name: host.name,
    address: host.address,
    internalAddress: host.internalAddress ?? host.address,
    roles: [...host.roles],
    labels: { ...known?.labels },
    taints: (known?.taints ?? []).map((taint) => ({ ...taint })),
    ssh: {
      name: host.name,
      address: host.address,
      port: host.port,
      user: host.user,
      keyFile: host.keyFile,
      knownHostsFile: ssh.knownHostsFile,
      ...(host.hostKey === undefined ? {} : { hostKey: host.hostKey }),
      ...(bastion === undefined ? {} : { bastion }),
    },
  };
}

function network(answer: OverlayAnswers, known: NetworkConfig | undefined, paths: PathBase): NetworkConfig {
  if (answer.plugin === 'vxlan') return { plugin: 'vxlan', vxlan: known?.plugin === 'vxlan' ? { ...known.vxlan } : { vni: 1, port: 4789 } };
  const manifest = answer.manifest.includes('://') ? { kind: 'url' as const, url: answer.manifest } : { kind: 'file' as const, path: expandPath(answer.manifest, paths) };
  return { plugin: 'manifest', manifest };
}

function artifacts(answer: ArtifactsAnswers, known: ArtifactsConfig | undefined, paths: PathBase): ArtifactsConfig {
  const cacheDir = known?.cacheDir ?? join(paths.homeDir, '.cache', 'kit');
  if (answer.source === 'bundle') return { source: 'bundle', path: expandPath(answer.path, paths), cacheDir };
  if (answer.source === 'os-packages') return { source: 'os-packages', cacheDir };
  return { source: 'download', ...(answer.mirror === undefined ? {} : { mirror: answer.mirror }), cacheDir };
}

function canonical(text: string): string {
  const cidr = parseCidr(text);
  return cidr === undefined ? text : formatCidr(canonicalCidr(cidr));
}
