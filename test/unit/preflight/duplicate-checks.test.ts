import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateChecks } from '../../../src/preflight/duplicate-checks.ts';
import { CP, rigFacts, WORKER } from './fixtures.ts';

const W2 = { ...WORKER, name: 'w2', internalAddress: '198.18.0.13' };

function entries(overrides: { machineId?: string; hostname?: string; mac?: string; uuid?: string }[]): Parameters<typeof duplicateChecks>[0] {
  return [CP, WORKER, W2].map((node, index) => {
    const override = overrides[index] ?? {};
    return {
      node,
      facts: rigFacts({
        hostname: override.hostname ?? node.name,
        machineId: override.machineId ?? `id-${index}`,
        productUuid: override.uuid,
        interfaces: [{ name: 'eth0', mac: override.mac ?? `02:00:00:00:00:0${index}`, mtu: 1500, addresses: [node.internalAddress] }],
      }),
    };
  });
}

const statusOf = (name: string, results: ReturnType<typeof duplicateChecks>): string => results.find((result) => result.name === name)?.status ?? 'missing';

describe('duplicateChecks', () => {
  it('passes distinct identities', () => {
    const results = duplicateChecks(entries([]));
    assert.deepEqual(results.map((result) => `${result.name} ${result.status}`), [
      'DuplicateHostname ok',
      'DuplicateMachineID ok',
      'DuplicateMACAddress ok',
      'DuplicateProductUUID skipped',
    ]);
  });

  it('names the hosts sharing a machine-id and how to regenerate it', () => {
    const results = duplicateChecks(entries([{ machineId: 'same' }, {}, { machineId: 'same' }]));
    const check = results.find((result) => result.name === 'DuplicateMachineID');
    assert.equal(check?.status, 'error');
    assert.equal(check?.message, 'machine-id same is shared by cp1, w2');
    assert.match(check?.fix ?? '', /systemd-machine-id-setup/u);
    assert.equal(statusOf('DuplicateHostname', results), 'ok');
  });

  it('errors on shared hostnames and internal-interface MACs, only warns on shared product_uuid', () => {
    const results = duplicateChecks(entries([{ hostname: 'debian', mac: '02:aa:00:00:00:01', uuid: 'u' }, { hostname: 'debian', mac: '02:aa:00:00:00:01', uuid: 'u' }]));
    assert.equal(statusOf('DuplicateHostname', results), 'error');
    assert.equal(statusOf('DuplicateMACAddress', results), 'error');
    assert.equal(statusOf('DuplicateProductUUID', results), 'warn');
  });
});
