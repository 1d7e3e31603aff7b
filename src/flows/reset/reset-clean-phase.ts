import { cleanHost } from '../../reset/clean-host.ts';
import { describeResetPlan } from '../../reset/describe-plan.ts';
import { planHostReset, type HostResetPlan } from '../../reset/reset-plan.ts';
import { surveyHost } from '../../reset/survey-host.ts';
import { fanOut } from '../../workflow/fan-out.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connectReset, type ResetState } from './reset-state.ts';

function subnets(state: ResetState): string[] {
  return [state.inventory.cluster.podSubnet, state.inventory.cluster.serviceSubnet];
}

/**
 * Takes kit off each target host and puts back what was there before. A host that cannot be
 * read (unreachable) is kept aside and reported at the end: the others are still reset.
 */
export const resetCleanPhase: Phase<ResetState> = {
  name: 'clean',
  title: 'remove what kit installed, restore what was there',
  hosts: (state) => state.targets,
  plan: async (state, context) => {
    const { results, failures } = await fanOut(state.targets.filter((name) => !context.failedHosts.has(name)), (name) => name, async (name) => {
      const host = await connectReset(state, name);
      return planHostReset({ footprint: state.footprint, subnets: subnets(state), survey: await surveyHost(host, state.footprint, context.options.signal) });
    }, { concurrency: context.options.concurrency, signal: context.options.signal });
    state.computed.unreadable.push(...failures);
    state.computed.plans = new Map<string, HostResetPlan>(results);
    return new Map([...results].map(([name, plan]) => [name, describeResetPlan(plan)]));
  },
  apply: async (state, plan, context) => {
    const changing = [...plan].filter(([, changes]) => changes.length > 0).map(([name]) => name);
    await forEachHost({ phase: 'clean', items: changing, nameOf: (name) => name, context }, async (name) => {
      await cleanHost(await connectReset(state, name), { footprint: state.footprint, subnets: subnets(state), signal: context.options.signal, warn: (message) => context.log(message, name) });
    });
  },
};
