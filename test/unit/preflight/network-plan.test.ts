import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairRequirements, planListeners } from '../../../src/preflight/network-plan.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';
import { CP, rigFacts, WORKER } from './fixtures.ts';

const CP2 = { ...CP, name: 'cp2', internalAddress: '198.18.0.14' };
const ports = (from: typeof CP, to: typeof CP): string[] => pairRequirements(from, to, DEFAULT_PREFLIGHT_SETTINGS).map((need) => `${need.protocol}/${need.port}`);

describe('pairRequirements', () => {
  it('worker → control plane: the API server, the kubelet and the overlay', () => {
    assert.deepEqual(ports(WORKER, CP), ['tcp/6443', 'tcp/10250', 'udp/4789']);
  });

  it('control plane ↔ control plane adds etcd', () => {
    assert.deepEqual(ports(CP, CP2), ['tcp/6443', 'tcp/2379', 'tcp/2380', 'tcp/10250', 'udp/4789']);
  });

  it('control plane → worker and worker → worker: kubelet and overlay', () => {
    assert.deepEqual(ports(CP, WORKER), ['tcp/10250', 'udp/4789']);
    assert.deepEqual(ports(WORKER, { ...WORKER, name: 'w2' }), ['tcp/10250', 'udp/4789']);
  });
});

describe('planListeners', () => {
  it('listens on what peers will probe', () => {
    const plan = planListeners(CP, [CP, WORKER, CP2], rigFacts(), DEFAULT_PREFLIGHT_SETTINGS);
    assert.deepEqual(plan.tcp, [2379, 2380, 6443, 10250]);
    assert.deepEqual(plan.udp, [4789]);
    assert.equal(plan.unavailable.size, 0);
  });

  it('leaves a taken port alone and marks it busy; without socat nothing can listen', () => {
    const facts = rigFacts({ listeners: [{ protocol: 'tcp', address: '0.0.0.0', port: 6443, process: 'socat(1)' }] });
    const plan = planListeners(CP, [CP, WORKER], facts, DEFAULT_PREFLIGHT_SETTINGS);
    assert.deepEqual(plan.tcp, [10250]);
    assert.equal(plan.unavailable.get('t:6443'), 'busy');
    const bare = planListeners(CP, [CP, WORKER], rigFacts({ tools: {} }), DEFAULT_PREFLIGHT_SETTINGS);
    assert.deepEqual([bare.tcp, bare.udp, [...bare.unavailable.values()]], [[], [], ['no-socat', 'no-socat', 'no-socat']]);
  });
});
