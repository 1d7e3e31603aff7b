import type { NodePlan } from '../../bootstrap/install/plan-node.ts';

/** A node plan in the words a dry run prints. */
export function nodePlanLines(plan: NodePlan): string[] {
  return [
    ...plan.writes.map((path) => `write ${path}`),
    ...plan.start.map((daemon) => `start ${daemon}`),
    ...plan.changes.map((change) => `${change.action} ${change.daemon} (${change.because.join(', ')} changed)`),
  ];
}
