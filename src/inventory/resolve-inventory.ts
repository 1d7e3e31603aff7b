import { canonicalCidr, formatCidr, parseCidr } from './cidr.ts';
import { deepFreeze } from './deep-freeze.ts';
import { parseEndpoint } from './endpoint.ts';
import { expandPath } from './expand-path.ts';
import type { PathBase } from './expand-path.ts';
import type { ArtifactsConfig, Inventory, InventoryHost, NetworkConfig, PkiConfig, SshDefaults } from './inventory.ts';
import type { ArtifactsSpec, HostSpec, InventorySpec, NetworkSpec, PkiSpec } from './inventory-schema.ts';
import { resolveKubernetesVersion } from './kubernetes-versions.ts';
import { resolveSshDefaults, resolveSshTarget } from './resolve-ssh.ts';
import { VxlanSchema } from './schema/network-schema.ts';
import { DEFAULT_RSA_KEY_SIZE } from './schema/pki-schema.ts';

/**
 * Applies the defaults that depend on other fields or on the machine (home folder, the
 * inventory's folder). Only called on a spec that passed every check, so lookups that
 * "cannot fail" here really cannot.
 */
export function resolveInventory(spec: InventorySpec, base: PathBase): Inventory {
  const ssh = resolveSshDefaults(spec.ssh, base);
  const { cluster } = spec;
  const endpoint = cluster.controlPlaneEndpoint === undefined ? undefined : parseEndpoint(cluster.controlPlaneEndpoint, 6443);
  return deepFreeze({
    apiVersion: spec.apiVersion,
    cluster: {
      name: cluster.name,
      kubernetesVersion: resolveKubernetesVersion(cluster.kubernetesVersion) ?? cluster.kubernetesVersion,
      ...(endpoint === undefined ? {} : { controlPlaneEndpoint: endpoint }),
      podSubnet: canonical(cluster.podSubnet),
      serviceSubnet: canonical(cluster.serviceSubnet),
      dnsDomain: cluster.dnsDomain,
      extraSans: [...cluster.extraSans],
    },
    ssh,
    hosts: spec.hosts.map((host) => resolveHost(host, ssh, base)),
    network: resolveNetwork(spec.network, base),
    artifacts: resolveArtifacts(spec.artifacts, base),
    pki: resolvePki(spec.pki),
  });
}

function resolveHost(host: HostSpec, ssh: SshDefaults, base: PathBase): InventoryHost {
  return {
    name: host.name,
    address: host.address,
    internalAddress: host.internalAddress ?? host.address,
    roles: [...host.roles],
    labels: { ...host.labels },
    taints: host.taints.map((taint) => ({ key: taint.key, ...(taint.value === undefined ? {} : { value: taint.value }), effect: taint.effect })),
    ssh: resolveSshTarget(host, ssh, base),
  };
}

function resolveNetwork(network: NetworkSpec, base: PathBase): NetworkConfig {
  if (network.plugin === 'manifest') {
    const manifest = network.manifest ?? '';
    return { plugin: 'manifest', manifest: manifest.includes('://') ? { kind: 'url', url: manifest } : { kind: 'file', path: expandPath(manifest, base) } };
  }
  const vxlan = network.vxlan ?? VxlanSchema.parse({});
  return { plugin: 'vxlan', vxlan: { vni: vxlan.vni, port: vxlan.port, ...(vxlan.mtu === undefined ? {} : { mtu: vxlan.mtu }) } };
}

function resolveArtifacts(artifacts: ArtifactsSpec, base: PathBase): ArtifactsConfig {
  const cacheDir = expandPath(artifacts.cacheDir, base);
  if (artifacts.source === 'bundle') return { source: 'bundle', path: expandPath(artifacts.path ?? '', base), cacheDir };
  if (artifacts.source === 'os-packages') return { source: 'os-packages', cacheDir };
  return { source: 'download', ...(artifacts.mirror === undefined ? {} : { mirror: artifacts.mirror }), cacheDir };
}

function resolvePki(pki: PkiSpec): PkiConfig {
  const validity = { certificateValidityDays: pki.certificateValidityDays, caValidityDays: pki.caValidityDays };
  return pki.keyType === 'ecdsa' ? { keyType: 'ecdsa', curve: 'P-256', ...validity } : { keyType: 'rsa', keySize: pki.keySize ?? DEFAULT_RSA_KEY_SIZE, ...validity };
}

function canonical(cidr: string): string {
  const parsed = parseCidr(cidr);
  return parsed === undefined ? cidr : formatCidr(canonicalCidr(parsed));
}
