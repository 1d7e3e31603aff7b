import { CancelledError } from '../errors/cancelled-error.ts';
import { HostsFailedError } from './hosts-failed-error.ts';
import type { Phase, PhaseContext, PhasePlan, RunOptions } from './phase.ts';

export interface FlowFailure {
  readonly phase: string;
  readonly host: string;
  readonly error: unknown;
}

export interface FlowResult {
  readonly ok: boolean;
  readonly failures: readonly FlowFailure[];
  /** Phases whose plan was empty: nothing to do. */
  readonly unchangedPhases: readonly string[];
}

export interface Flow<S> {
  readonly name: string;
  readonly phases: readonly Phase<S>[];
}

export interface RunFlowOptions extends RunOptions {
  /** Phase names to leave out (`--skip-phases`). */
  readonly skipPhases?: readonly string[];
}

/**
 * Runs a flow's phases in order. A host that fails a phase is left out of the later ones,
 * the others go on; an error that is not per-host (or a cancel) ends the run.
 */
export async function runFlow<S>(flow: Flow<S>, state: S, options: RunFlowOptions): Promise<FlowResult> {
  const started = Date.now();
  const failures: FlowFailure[] = [];
  const failedHosts = new Set<string>();
  const unchangedPhases: string[] = [];
  const skip = new Set(options.skipPhases ?? []);
  const phases = flow.phases.filter((phase) => !skip.has(phase.name));
  options.emit({ type: 'run-start', flow: flow.name, phases: phases.map((phase) => phase.name), dryRun: options.dryRun });
  try {
    for (const phase of phases) {
      if (options.signal.aborted) throw new CancelledError();
      const context = phaseContext(phase.name, options, failedHosts);
      const outcome = await runPhase(phase, state, context);
      if (outcome.unchanged) unchangedPhases.push(phase.name);
      for (const failure of outcome.failures) {
        failures.push({ phase: phase.name, ...failure });
        failedHosts.add(failure.host);
      }
    }
  } finally {
    options.emit({ type: 'run-done', ok: failures.length === 0, ms: Date.now() - started, failedHosts: [...failedHosts] });
  }
  return { ok: failures.length === 0, failures, unchangedPhases };
}

interface PhaseOutcome {
  readonly unchanged: boolean;
  readonly failures: readonly { host: string; error: unknown }[];
}

async function runPhase<S>(phase: Phase<S>, state: S, context: PhaseContext): Promise<PhaseOutcome> {
  const { emit } = context.options;
  const started = Date.now();
  const hosts = phase.hosts(state).filter((host) => !context.failedHosts.has(host));
  emit({ type: 'phase-start', phase: phase.name, title: phase.title, hosts });
  try {
    const plan = await phase.plan(state, context);
    for (const [host, changes] of plan) emit({ type: 'phase-plan', phase: phase.name, host, changes });
    if (phase.readOnly === true) {
      await phase.apply(state, plan, context);
      return { unchanged: true, failures: [] };
    }
    if (isEmptyPlan(plan)) {
      emit({ type: 'phase-skip', phase: phase.name, reason: 'no changes' });
      return { unchanged: true, failures: [] };
    }
    if (context.options.dryRun) {
      emit({ type: 'phase-skip', phase: phase.name, reason: 'dry run' });
      return { unchanged: false, failures: [] };
    }
    await phase.apply(state, plan, context);
    return { unchanged: false, failures: [] };
  } catch (error) {
    if (error instanceof HostsFailedError) return { unchanged: false, failures: error.failures };
    throw error;
  } finally {
    emit({ type: 'phase-done', phase: phase.name, ms: Date.now() - started });
  }
}

function isEmptyPlan(plan: PhasePlan): boolean {
  return [...plan.values()].every((changes) => changes.length === 0);
}

function phaseContext(phase: string, options: RunOptions, failedHosts: ReadonlySet<string>): PhaseContext {
  return {
    options,
    failedHosts,
    log: (message, host) => options.emit({ type: 'log', level: 'info', message, phase, ...(host === undefined ? {} : { host }) }),
    progress: (host, done, total, detail) => options.emit({ type: 'host-progress', phase, host, done, total, detail }),
  };
}
