import type { Flow } from '../workflow/run-flow.ts';
import { resetCheckPhase } from './reset/reset-check-phase.ts';
import { resetCleanPhase } from './reset/reset-clean-phase.ts';
import { resetDrainPhase } from './reset/reset-drain-phase.ts';
import { resetEtcdPhase } from './reset/reset-etcd-phase.ts';
import { resetOverlayPhase } from './reset/reset-overlay-phase.ts';
import type { ResetState } from './reset/reset-state.ts';

/**
 * `kit reset`: one node leaves a cluster that stays (check → drain → etcd → clean → overlay),
 * or the whole cluster goes (clean only: the other phases have nothing to do). Each host ends
 * as it was before kit's first write.
 */
export const RESET_FLOW: Flow<ResetState> = {
  name: 'reset',
  phases: [resetCheckPhase, resetDrainPhase, resetEtcdPhase, resetCleanPhase, resetOverlayPhase],
};
