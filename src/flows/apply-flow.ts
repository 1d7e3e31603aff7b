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
