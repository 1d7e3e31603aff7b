import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/errors/cancelled-error.ts';
import { forEachHost } from '../../../src/workflow/for-each-host.ts';
import type { Phase, PhasePlan } from '../../../src/workflow/phase.ts';
import { runFlow } from '../../../src/workflow/run-flow.ts';
import type { RunEvent } from '../../../src/workflow/run-events.ts';

interface State {
  readonly hosts: readonly string[];
  readonly applied: string[];
  readonly failOn: ReadonlySet<string>;
}

function recordingPhase(name: string, changesFor: (host: string) => readonly string[]): Phase<State> {
  return {
    name,
    title: `phase ${name}`,
    hosts: (state) => state.hosts,
    plan: async (state, context) => new Map(state.hosts.filter((host) => !context.failedHosts.has(host)).map((host) => [host, changesFor(host)])),
    apply: async (state, plan: PhasePlan, context) => {
      await forEachHost({ phase: name, items: [...plan.keys()], nameOf: (host) => host, context }, async (host) => {
        if (state.failOn.has(`${name}:${host}`)) throw new Error(`${host} broke in ${name}`);
        state.applied.push(`${name}:${host}`);
      });
    },
  };
}

function run(state: State, phases: Phase<State>[], extra: { dryRun?: boolean; skipPhases?: string[]; signal?: AbortSignal } = {}) {
  const events: RunEvent[] = [];
  const result = runFlow({ name: 'test', phases }, state, {
    dryRun: extra.dryRun ?? false,
    concurrency: 2,
    signal: extra.signal ?? new AbortController().signal,
    emit: (event) => events.push(event),
    ...(extra.skipPhases === undefined ? {} : { skipPhases: extra.skipPhases }),
  });
  return { result, events };
}

describe('runFlow', () => {
  it('runs phases in order over every host', async () => {
    const state: State = { hosts: ['a', 'b', 'c'], applied: [], failOn: new Set() };
    const { result } = run(state, [recordingPhase('one', () => ['x']), recordingPhase('two', () => ['y'])]);
    const outcome = await result;
    assert.equal(outcome.ok, true);
    assert.deepEqual(state.applied.filter((entry) => entry.startsWith('one:')).sort(), ['one:a', 'one:b', 'one:c']);
    const firstTwo = state.applied.findIndex((entry) => entry.startsWith('two:'));
    const lastOne = state.applied.findLastIndex((entry) => entry.startsWith('one:'));
    assert.ok(lastOne < firstTwo, 'phase two started before phase one finished');
  });

  it('skips a phase whose plan is empty and reports it unchanged', async () => {
    const state: State = { hosts: ['a', 'b'], applied: [], failOn: new Set() };
    const { result, events } = run(state, [recordingPhase('noop', () => [])]);
    const outcome = await result;
    assert.deepEqual(outcome.unchangedPhases, ['noop']);
    assert.deepEqual(state.applied, []);
    assert.ok(events.some((event) => event.type === 'phase-skip' && event.reason === 'no changes'));
  });

  it('changes nothing in a dry run but still reports the plan per host', async () => {
    const state: State = { hosts: ['a', 'b'], applied: [], failOn: new Set() };
    const { result, events } = run(state, [recordingPhase('one', (host) => [`write /etc/${host}`])], { dryRun: true });
    await result;
    assert.deepEqual(state.applied, []);
    const plans = events.filter((event) => event.type === 'phase-plan');
    assert.deepEqual(plans.map((event) => event.type === 'phase-plan' && event.changes[0]), ['write /etc/a', 'write /etc/b']);
  });

  it('keeps other hosts going when one fails and leaves the failed host out of later phases', async () => {
    const state: State = { hosts: ['a', 'b', 'c'], applied: [], failOn: new Set(['one:b']) };
    const { result } = run(state, [recordingPhase('one', () => ['x']), recordingPhase('two', () => ['y'])]);
    const outcome = await result;
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.failures.map((failure) => `${failure.phase}:${failure.host}`), ['one:b']);
    assert.deepEqual(state.applied.filter((entry) => entry.startsWith('two:')).sort(), ['two:a', 'two:c']);
  });

  it('honours --skip-phases', async () => {
    const state: State = { hosts: ['a'], applied: [], failOn: new Set() };
    await run(state, [recordingPhase('one', () => ['x']), recordingPhase('two', () => ['y'])], { skipPhases: ['one'] }).result;
    assert.deepEqual(state.applied, ['two:a']);
  });

  it('stops before the next phase once cancelled', async () => {
    const controller = new AbortController();
    const state: State = { hosts: ['a'], applied: [], failOn: new Set() };
    const cancelling: Phase<State> = { ...recordingPhase('one', () => ['x']), apply: async () => controller.abort() };
    await assert.rejects(run(state, [cancelling, recordingPhase('two', () => ['y'])], { signal: controller.signal }).result, CancelledError);
    assert.deepEqual(state.applied, []);
  });
});

describe('runFlow with a read-only phase', () => {
  it('runs the check in a dry run and counts it as no change', async () => {
    const state: State = { hosts: ['a'], applied: [], failOn: new Set() };
    const check: Phase<State> = { ...recordingPhase('check', () => []), readOnly: true };
    const { result } = run(state, [check, recordingPhase('change', () => ['x'])], { dryRun: true });
    const outcome = await result;
    assert.deepEqual(state.applied, ['check:a']);
    assert.deepEqual(outcome.unchangedPhases, ['check']);
  });
});
