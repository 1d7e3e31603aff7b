import { removeMember } from '../../reset/etcd-member-removal.ts';
import { CLUSTER, type Phase } from '../../workflow/phase.ts';
import type { ResetState } from './reset-state.ts';

/** Removes a leaving control plane's etcd member before its data goes (the check phase allowed it). */
export const resetEtcdPhase: Phase<ResetState> = {
  name: 'etcd',
  title: 'remove the etcd member',
  hosts: () => [],
  plan: (state) => {
    const etcd = state.computed.etcd;
    if (etcd === undefined) return Promise.resolve(new Map());
    return Promise.resolve(new Map([[CLUSTER, [`remove etcd member ${etcd.member.name || etcd.member.id} (through ${etcd.anchor.host.name})`]]]));
  },
  apply: async (state) => {
    const etcd = state.computed.etcd;
    if (etcd !== undefined) await removeMember(etcd.anchor, etcd.member);
  },
};
