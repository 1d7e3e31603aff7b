import { UsageError } from '../errors/usage-error.ts';
import type { HostRole, Inventory, InventoryHost } from '../inventory/inventory.ts';

export interface HostSelection {
  /** Host names from `--hosts a,b`; empty means every host. */
  readonly names: readonly string[];
  readonly role?: HostRole;
}

/** The inventory hosts a command works on; an unknown name is a usage error listing the valid ones. */
export function selectHosts(inventory: Inventory, selection: HostSelection): readonly InventoryHost[] {
  const known = new Set(inventory.hosts.map((host) => host.name));
  const unknown = selection.names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UsageError(`--hosts names ${unknown.join(', ')}, not in the inventory`, `Hosts in the inventory: ${[...known].join(', ')}`);
  }
  const wanted = new Set(selection.names);
  return inventory.hosts.filter(
    (host) => (wanted.size === 0 || wanted.has(host.name)) && (selection.role === undefined || host.roles.includes(selection.role)),
  );
}

export function parseHostList(value: string): string[] {
  return value.split(',').map((name) => name.trim()).filter((name) => name !== '');
}
