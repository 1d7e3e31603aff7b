import path from 'node:path';
import { FIRST_HOST_INDEX, LAST_HOST_INDEX, hostAddress } from './bridge.ts';
import { RigError } from './rig-error.ts';
import type { HostState, RigRole, RigState } from './rig-state.ts';

export interface RigHostSpec {
  readonly name: string;
  readonly roles?: readonly RigRole[];
}

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/u;

/** `n` hosts named node1…nodeN: the first a control plane, the rest workers. */
export function defaultSpecs(count: number): RigHostSpec[] {
  if (!Number.isInteger(count) || count < 1) throw new RigError(`a rig needs at least one host, got ${count}`);
  return Array.from({ length: count }, (_, index) => ({ name: `node${index + 1}`, roles: index === 0 ? ['control-plane'] : ['worker'] }));
}

/**
 * Turns specs into host records for a rig: the lowest free addresses, unique machine names
 * (`k<rig id>-<index>`, so the `vb-` veth fits in 15 characters) and default roles (the rig's
 * first host is a control plane, later ones workers).
 */
export function planHosts(state: RigState, specs: readonly RigHostSpec[]): HostState[] {
  if (state.slot === null) throw new RigError(`rig ${state.name} has no network yet`);
  const slot = state.slot;
  const taken = new Set(state.hosts.map((host) => host.index));
  const names = new Set(state.hosts.map((host) => host.name));
  return specs.map((spec) => {
    if (!HOST_NAME.test(spec.name)) throw new RigError(`rig host name "${spec.name}" is not a lowercase DNS label of at most 32 characters`);
    if (names.has(spec.name)) throw new RigError(`rig ${state.name} already has a host named ${spec.name}`);
    names.add(spec.name);
    let index = FIRST_HOST_INDEX;
    while (taken.has(index)) index++;
    if (index > LAST_HOST_INDEX) throw new RigError(`rig ${state.name} has no address left for ${spec.name}`);
    taken.add(index);
    const isFirst = state.hosts.length === 0 && index === FIRST_HOST_INDEX;
    const machine = `k${state.id}-${index}`;
    return {
      name: spec.name,
      index,
      address: hostAddress(slot, index),
      roles: [...(spec.roles ?? (isFirst ? ['control-plane'] : ['worker']))],
      machine,
      veth: `vb-${machine}`,
      dir: path.join(state.dir, 'hosts', spec.name),
      cgroupDirs: [],
      nspawn: null,
    };
  });
}
