import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appliedPath } from '../../../../src/addons/addon-paths.ts';
import type { HostArtifacts } from '../../../../src/artifacts/host-artifacts.ts';
import type { FlowState } from '../../../../src/flows/flow-state.ts';
import { addonsPhase } from '../../../../src/flows/phases/addons-phase.ts';
import type { HostPool } from '../../../../src/host/host-pool.ts';
import { parseInventory } from '../../../../src/inventory/parse-inventory.ts';
import type { RunEvent } from '../../../../src/workflow/run-events.ts';
import { runFlow } from '../../../../src/workflow/run-flow.ts';
import { FakeKubectlHost } from '../../addons/fake-kubectl-host.ts';
import { BASE_INVENTORY, PARSE_OPTIONS } from '../../inventory/inventory-fixtures.ts';

const WITH_COREDNS: HostArtifacts = { files: [], ignored: [], images: [{ ref: 'registry.k8s.io/coredns/coredns:v1.14.2', remotePath: '/var/lib/kit/images/coredns.tar' }] };
const WITHOUT: HostArtifacts = { files: [], ignored: [], images: [{ ref: 'k8s.gcr.io/pause:3.2', remotePath: '/var/lib/kit/images/pause.tar' }] };

function stateFor(host: FakeKubectlHost, artifacts: HostArtifacts): FlowState {
  const pool = { connect: () => Promise.resolve(host) } as unknown as HostPool;
  // Only what this phase reads; the other phases' computed fields stay unset.
  const computed = { artifacts: new Map([['cp1', artifacts], ['w1', artifacts]]) } as unknown as FlowState['computed'];
  return { inventory: parseInventory(BASE_INVENTORY, 'inventory.yaml', PARSE_OPTIONS), pool, ignorePreflightErrors: [] as unknown as FlowState['ignorePreflightErrors'], computed };
}

async function run(state: FlowState, dryRun: boolean): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  await runFlow({ name: 'test', phases: [addonsPhase] }, state, { dryRun, concurrency: 2, signal: new AbortController().signal, emit: (event) => events.push(event) });
  return events;
}

const logs = (events: readonly RunEvent[]): string[] => events.flatMap((event) => (event.type === 'log' ? [event.message] : []));
const skips = (events: readonly RunEvent[]): string[] => events.flatMap((event) => (event.type === 'phase-skip' ? [event.reason] : []));

describe('addonsPhase', () => {
  it('plans CoreDNS on the first control plane, touches nothing in a dry run, applies, then has nothing to do', async () => {
    const host = new FakeKubectlHost();
    const state = stateFor(host, WITH_COREDNS);
    assert.deepEqual(addonsPhase.hosts(state), ['cp1']);

    const dry = await run(state, true);
    assert.deepEqual(skips(dry), ['dry run']);
    assert.ok(dry.some((event) => event.type === 'phase-plan' && event.host === 'cp1' && event.changes[0] === 'apply CoreDNS 1.14.2 (6 objects, 6 not in the cluster yet)'));
    assert.equal(host.cluster.size, 0);
    assert.equal(host.files.has(appliedPath('coredns')), false);

    const first = await run(state, false);
    assert.ok(logs(first).some((line) => line.startsWith('CoreDNS 1.14.2: created serviceaccount/coredns, ')), logs(first).join('\n'));
    assert.equal(host.cluster.size, 6);

    assert.deepEqual(skips(await run(state, false)), ['no changes']);
  });

  it('skips CoreDNS with a one-line reason when the bundle has no CoreDNS image', async () => {
    const host = new FakeKubectlHost();
    const events = await run(stateFor(host, WITHOUT), false);
    assert.deepEqual(logs(events), ['skipped CoreDNS: the bundle has no CoreDNS image (images/coredns.tar), so the cluster gets no DNS']);
    assert.deepEqual(skips(events), ['no changes']);
    assert.equal(host.commands.length, 0);
  });
});
