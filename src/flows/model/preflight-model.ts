import { borrowedHost } from './borrowed-host.ts';
import type { HostPool } from '../../host/host-pool.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import type { PreflightHostInput } from '../../preflight/preflight-input.ts';
import { preflightSettings, type PreflightSettings } from '../../preflight/preflight-settings.ts';

/** Preflight's view of the inventory: every host with a connector that uses the run's pool. */
export function preflightInputs(inventory: Inventory, pool: HostPool): PreflightHostInput[] {
  return inventory.hosts.map((host) => ({
    node: { name: host.name, internalAddress: host.internalAddress, roles: host.roles },
    host: { name: host.name, address: host.address, connect: async () => borrowedHost(await pool.connect(host.ssh)) },
  }));
}

/** The overlay's port and MTU come from the inventory; everything else keeps its default. */
export function preflightSettingsFor(inventory: Inventory): PreflightSettings {
  const defaults = preflightSettings();
  if (inventory.network.plugin !== 'vxlan') return defaults;
  const { port, mtu } = inventory.network.vxlan;
  return preflightSettings({ overlay: { ...defaults.overlay, port, mtu: mtu ?? defaults.overlay.mtu } });
}
