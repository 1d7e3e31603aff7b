import type { SshEndpoint, SshTarget } from '../host/ssh-target.ts';
import { expandPath } from './expand-path.ts';
import type { PathBase } from './expand-path.ts';
import type { Inventory, SshDefaults } from './inventory.ts';
import type { BastionSpec, HostSpec, SshDefaultsSpec } from './inventory-schema.ts';

export function resolveSshDefaults(spec: SshDefaultsSpec, base: PathBase): SshDefaults {
  const bastion = spec.bastion;
  return {
    user: spec.user,
    port: spec.port,
    keyFile: expandPath(spec.keyFile, base),
    knownHostsFile: expandPath(spec.knownHostsFile, base),
    ...(bastion === undefined
      ? {}
      : {
          bastion: {
            address: bastion.address,
            port: bastion.port,
            ...(bastion.user === undefined ? {} : { user: bastion.user }),
            ...(bastion.keyFile === undefined ? {} : { keyFile: expandPath(bastion.keyFile, base) }),
            ...(bastion.hostKey === undefined ? {} : { hostKey: bastion.hostKey }),
          },
        }),
  };
}

/** One host's connection settings: its own `ssh` values over the shared defaults. */
export function resolveSshTarget(host: Pick<HostSpec, 'name' | 'address' | 'ssh'>, defaults: SshDefaults, base: PathBase): SshTarget {
  const own = host.ssh ?? {};
  const user = own.user ?? defaults.user;
  const keyFile = own.keyFile === undefined ? defaults.keyFile : expandPath(own.keyFile, base);
  const bastion = own.bastion ?? defaults.bastion;
  return {
    name: host.name,
    address: host.address,
    port: own.port ?? defaults.port,
    user,
    keyFile,
    knownHostsFile: defaults.knownHostsFile,
    ...(own.hostKey === undefined ? {} : { hostKey: own.hostKey }),
    ...(bastion === undefined ? {} : { bastion: resolveBastion(bastion, { user, keyFile }, base) }),
  };
}

/** A jump host borrows the target's user and key unless it names its own. */
function resolveBastion(bastion: BastionSpec | NonNullable<SshDefaults['bastion']>, target: { user: string; keyFile: string }, base: PathBase): SshEndpoint {
  return {
    address: bastion.address,
    port: bastion.port,
    user: bastion.user ?? target.user,
    keyFile: bastion.keyFile === undefined ? target.keyFile : expandPath(bastion.keyFile, base),
    ...(bastion.hostKey === undefined ? {} : { hostKey: bastion.hostKey }),
  };
}

/** What a host would get with no `ssh` block of its own: the renderer leaves out what matches. */
export function defaultSshTarget(inventory: Pick<Inventory, 'ssh'>, host: { name: string; address: string }, base: PathBase): SshTarget {
  return resolveSshTarget({ name: host.name, address: host.address }, inventory.ssh, base);
}
