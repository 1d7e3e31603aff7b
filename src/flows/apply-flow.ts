import type { Flow } from '../workflow/run-flow.ts';
import type { FlowState } from './flow-state.ts';
import { artifactsPhase } from './phases/artifacts-phase.ts';
import { certsPhase } from './phases/certs-phase.ts';
import { overlayPhase } from './phases/overlay-phase.ts';
import { prepareHostsPhase } from './phases/prepare-hosts-phase.ts';
import { preflightPhase } from './phases/preflight-phase.ts';
import { runtimePhase } from './phases/runtime-phase.ts';

/**
 * `kit apply`: converges every host toward the inventory. Phases still being built (etcd and
 * control plane, join, add-ons, verification) are listed in docs/status.md; each is added
 * here, in this order, as it lands.
 */
export const APPLY_FLOW: Flow<FlowState> = {
  name: 'apply',
  phases: [preflightPhase, prepareHostsPhase, certsPhase, artifactsPhase, runtimePhase, overlayPhase],
};
