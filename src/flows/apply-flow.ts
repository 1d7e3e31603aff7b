import type { Flow } from '../workflow/run-flow.ts';
import type { FlowState } from './flow-state.ts';
import { certsPhase } from './phases/certs-phase.ts';
import { prepareHostsPhase } from './phases/prepare-hosts-phase.ts';
import { preflightPhase } from './phases/preflight-phase.ts';

/**
 * `kit apply`: converges every host toward the inventory. Phases still being built (artifacts
 * and runtime, etcd and control plane, join, overlay, add-ons, verification) are listed in
 * docs/status.md; each is added here, in this order, as it lands.
 */
export const APPLY_FLOW: Flow<FlowState> = {
  name: 'apply',
  phases: [preflightPhase, prepareHostsPhase, certsPhase],
};
