import { formatEndpoint } from './endpoint.ts';
import { hostsWithRole } from './inventory.ts';
import type { Inventory } from './inventory.ts';

/** What `kit inventory validate` prints for a valid file: the facts a reader checks at a glance. */
export function describeInventory(inventory: Inventory, fileName: string): string {
  const { cluster, network } = inventory;
  const controlPlanes = hostsWithRole(inventory, 'control-plane').length;
  const workers = hostsWithRole(inventory, 'worker').length;
  const hostCount = inventory.hosts.length === 1 ? '1 host' : `${inventory.hosts.length} hosts`;
  const endpoint = cluster.controlPlaneEndpoint === undefined ? 'node-local load balancer' : formatEndpoint(cluster.controlPlaneEndpoint);
  const pod = network.plugin === 'vxlan' ? `vxlan (VNI ${network.vxlan.vni}, UDP ${network.vxlan.port})` : `manifest ${network.manifest.kind === 'url' ? network.manifest.url : network.manifest.path}`;
  return [
    `${fileName} is valid: cluster ${cluster.name}, Kubernetes ${cluster.kubernetesVersion}`,
    `  hosts:    ${hostCount} (${controlPlanes} control-plane, ${workers} worker)`,
    `  API:      ${endpoint}`,
    `  subnets:  pods ${cluster.podSubnet}, services ${cluster.serviceSubnet}, DNS ${cluster.dnsDomain}`,
    `  network:  ${pod}`,
    `  binaries: ${inventory.artifacts.source}`,
  ].join('\n');
}
