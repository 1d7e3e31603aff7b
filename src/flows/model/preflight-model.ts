import { borrowedHost } from './borrowed-host.ts';
import type { HostPool } from '../../host/host-pool.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import type { PreflightHostInput } from '../../preflight/preflight-input.ts';
import { needsLocalLoadBalancer } from '../../bootstrap/spec/api-endpoint.ts';
import { clusterSpecFor } from './cluster-model.ts';
import { preflightSettings, type PreflightSettings } from '../../preflight/preflight-settings.ts';

/** Preflight's view of the inventory: every host with a connector that uses the run's pool. */
export function preflightInputs(inventory: Inventory, pool: HostPool): PreflightHostInput[] {
  return inventory.hosts.map((host) => ({
    node: { name: host.name, internalAddress: host.internalAddress, roles: host.roles },
    host: { name: host.name, address: host.address, connect: async () => borrowedHost(await pool.connect(host.ssh)) },
  }));
}

/**
 * The overlay's port and MTU come from the inventory; haproxy is required when every node runs
 * the node-local API load balancer (several control planes, no controlPlaneEndpoint).
 */
export function preflightSettingsFor(inventory: Inventory): PreflightSettings {
  const defaults = preflightSettings();
  const requiredTools = needsLocalLoadBalancer(clusterSpecFor(inventory)) ? [...defaults.requiredTools, 'haproxy'] : defaults.requiredTools;
  if (inventory.network.plugin !== 'vxlan') return preflightSettings({ requiredTools });
  const { port, mtu } = inventory.network.vxlan;
  return preflightSettings({ requiredTools, overlay: { ...defaults.overlay, port, mtu: mtu ?? defaults.overlay.mtu } });
}
