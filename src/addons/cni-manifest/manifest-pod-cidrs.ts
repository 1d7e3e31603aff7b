import type { ManifestObject } from '../../inventory/kubernetes-manifest.ts';

/** A pod network range a CNI manifest sets, and where it was found (for the warning). */
export interface ManifestPodCidr {
  readonly cidr: string;
  /** `ConfigMap kube-flannel/kube-flannel-cfg net-conf.json Network`. */
  readonly source: string;
}

/**
 * The pod ranges the common CNI manifests carry, where kit can read them: flannel's
 * net-conf.json `Network`, Calico's `CALICO_IPV4POOL_CIDR` (manifest install) or its
 * operator's Installation ipPools, Cilium's `cluster-pool-ipv4-cidr`. Others are not guessed.
 */
export function manifestPodCidrs(objects: readonly ManifestObject[]): ManifestPodCidr[] {
  return objects.flatMap((object) => {
    const where = `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
    if (object.kind === 'ConfigMap') return configMapCidrs(object, where);
    if (object.kind === 'Installation') return installationCidrs(object, where);
    return containerEnvCidrs(object, where);
  });
}

function configMapCidrs(object: ManifestObject, where: string): ManifestPodCidr[] {
  const data = record(object.body['data']);
  const found: ManifestPodCidr[] = [];
  const netConf = data['net-conf.json'];
  if (typeof netConf === 'string') {
    const network = parseJson(netConf)['Network'];
    if (typeof network === 'string') found.push({ cidr: network, source: `${where} net-conf.json Network` });
  }
  for (const key of ['cluster-pool-ipv4-cidr', 'cluster-pool-ipv6-cidr']) {
    const value = data[key];
    if (typeof value === 'string') found.push(...value.split(/[\s,]+/u).filter((cidr) => cidr !== '').map((cidr) => ({ cidr, source: `${where} ${key}` })));
  }
  return found;
}

function installationCidrs(object: ManifestObject, where: string): ManifestPodCidr[] {
  const pools = record(record(object.body['spec'])['calicoNetwork'])['ipPools'];
  if (!Array.isArray(pools)) return [];
  return pools.flatMap((pool) => {
    const cidr = record(pool)['cidr'];
    return typeof cidr === 'string' ? [{ cidr, source: `${where} calicoNetwork.ipPools cidr` }] : [];
  });
}

/** Calico's env var sits on the calico-node container of its DaemonSet. */
function containerEnvCidrs(object: ManifestObject, where: string): ManifestPodCidr[] {
  const containers = record(record(record(record(object.body['spec'])['template'])['spec']))['containers'];
  if (!Array.isArray(containers)) return [];
  return containers.flatMap((container) => {
    const env = record(container)['env'];
    if (!Array.isArray(env)) return [];
    return env.flatMap((variable) => {
      const { name, value } = record(variable);
      return name === 'CALICO_IPV4POOL_CIDR' && typeof value === 'string' ? [{ cidr: value, source: `${where} env CALICO_IPV4POOL_CIDR` }] : [];
    });
  });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return record(JSON.parse(text));
  } catch {
    return {};
  }
}
