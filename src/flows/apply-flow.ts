import type { Flow } from '../workflow/run-flow.ts';
import type { FlowState } from './flow-state.ts';
import { addonsPhase } from './phases/addons-phase.ts';
import { artifactsPhase } from './phases/artifacts-phase.ts';
import { certsPhase } from './phases/certs-phase.ts';
import { controlPlanePhase } from './phases/control-plane-phase.ts';
import { etcdPhase } from './phases/etcd-phase.ts';
import { initPhase } from './phases/init-phase.ts';
import { joinPhase } from './phases/join-phase.ts';
import { overlayPhase } from './phases/overlay-phase.ts';
import { prepareHostsPhase } from './phases/prepare-hosts-phase.ts';
import { preflightPhase } from './phases/preflight-phase.ts';
import { runtimePhase } from './phases/runtime-phase.ts';
import { verifyPhase } from './phases/verify-phase.ts';

/**
 * `kit apply`: converges every host toward the inventory. The overlay comes before the
 * daemons so a kubelet finds its CNI config at its first start; init runs once the first
 * control plane serves, join after it; add-ons (CoreDNS, a third-party CNI
 * manifest) once every node has joined.
 */
export const APPLY_FLOW: Flow<FlowState> = {
  name: 'apply',
  phases: [preflightPhase, prepareHostsPhase, certsPhase, artifactsPhase, runtimePhase, overlayPhase, etcdPhase, controlPlanePhase, initPhase, joinPhase, addonsPhase, verifyPhase],
};

/** `kit init`: everything up to a serving control plane with the bootstrap objects; no worker joins. */
export const INIT_FLOW: Flow<FlowState> = {
  name: 'init',
  phases: APPLY_FLOW.phases.slice(0, APPLY_FLOW.phases.indexOf(initPhase) + 1),
};

/**
 * `kit join --host`: the whole flow, but the daemon phases touch only the named nodes
 * (FlowState.nodeScope); cluster-wide phases (PKI, overlay peers, etcd membership) stay whole,
 * since a joining node changes what every other node must know.
 */
export const JOIN_FLOW: Flow<FlowState> = { name: 'join', phases: APPLY_FLOW.phases };
