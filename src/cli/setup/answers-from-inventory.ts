import { formatEndpoint } from '../../inventory/endpoint.ts';
import { contractPath } from '../../inventory/expand-path.ts';
import type { ArtifactsConfig, Inventory, InventoryHost, NetworkConfig } from '../../inventory/inventory.ts';
import type { ArtifactsAnswers, HostAnswers, OverlayAnswers, SetupAnswers } from './setup-answers.ts';

/**
 * `kit setup --from FILE`: the answers that would write FILE again, used as every question's
 * default. Paths are shown with `~` for the home folder, as the file writes them.
 */
export function answersFromInventory(inventory: Inventory, homeDir: string): SetupAnswers {
  const { cluster } = inventory;
  return {
    clusterName: cluster.name,
    kubernetesVersion: cluster.kubernetesVersion,
    hosts: inventory.hosts.map(hostAnswers),
    ...(cluster.controlPlaneEndpoint === undefined ? {} : { controlPlaneEndpoint: formatEndpoint(cluster.controlPlaneEndpoint) }),
    podSubnet: cluster.podSubnet,
    serviceSubnet: cluster.serviceSubnet,
    overlay: overlayAnswers(inventory.network, homeDir),
    artifacts: artifactsAnswers(inventory.artifacts, homeDir),
  };
}

function hostAnswers(host: InventoryHost): HostAnswers {
  return {
    name: host.name,
    address: host.address,
    ...(host.internalAddress === host.address ? {} : { internalAddress: host.internalAddress }),
    port: host.ssh.port,
    user: host.ssh.user,
    keyFile: host.ssh.keyFile,
    ...(host.ssh.hostKey === undefined ? {} : { hostKey: host.ssh.hostKey }),
    roles: [...host.roles],
  };
}

function overlayAnswers(network: NetworkConfig, homeDir: string): OverlayAnswers {
  if (network.plugin === 'vxlan') return { plugin: 'vxlan' };
  return { plugin: 'manifest', manifest: network.manifest.kind === 'url' ? network.manifest.url : contractPath(network.manifest.path, homeDir) };
}

function artifactsAnswers(artifacts: ArtifactsConfig, homeDir: string): ArtifactsAnswers {
  if (artifacts.source === 'bundle') return { source: 'bundle', path: contractPath(artifacts.path, homeDir) };
  if (artifacts.source === 'os-packages') return { source: 'os-packages' };
  return { source: 'download', ...(artifacts.mirror === undefined ? {} : { mirror: artifacts.mirror }) };
}
