import { buildOverlayState } from '../../../src/cni/overlay-state.ts';
import type { OverlayNode, OverlayState } from '../../../src/cni/overlay-state.ts';

export const NODES: readonly OverlayNode[] = [
  { name: 'node1', address: '198.18.0.2', podSubnet: '10.244.0.0/24' },
  { name: 'node2', address: '198.18.0.3', podSubnet: '10.244.1.0/24' },
  { name: 'node3', address: '198.18.0.4', podSubnet: '10.244.2.0/24' },
];

export function stateFor(self: string, nodes: readonly OverlayNode[] = NODES): OverlayState {
  return buildOverlayState({ self, nodes, settings: { vni: 7, port: 4789, mtu: 1450 }, clusterSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' });
}
