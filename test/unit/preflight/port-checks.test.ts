import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostChecks } from '../../../src/preflight/host-checks.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';
import { CP, evaluate, rigFacts, WORKER } from './fixtures.ts';

describe('Port-*', () => {
  it('names the process holding a port and how to find it', () => {
    const facts = rigFacts({ listeners: [{ protocol: 'tcp', address: '0.0.0.0', port: 6443, process: 'socat(4242)' }] });
    const outcome = evaluate('Port-6443', { facts });
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.message, '6443/tcp is in use by socat(4242) on 0.0.0.0');
    assert.match(outcome.fix ?? '', /ss -lpnt 'sport = :6443'/u);
    assert.equal(evaluate('Port-2379', { facts }).status, 'ok');
  });

  it('checks the overlay port over UDP only', () => {
    const tcp = rigFacts({ listeners: [{ protocol: 'tcp', address: '0.0.0.0', port: 4789, process: undefined }] });
    assert.equal(evaluate('Port-4789', { facts: tcp }).status, 'ok');
    const udp = rigFacts({ listeners: [{ protocol: 'udp', address: '*', port: 4789, process: undefined }] });
    assert.equal(evaluate('Port-4789', { facts: udp }).status, 'error');
  });

  it('skips when listeners could not be listed', () => {
    assert.equal(evaluate('Port-6443', { facts: rigFacts({ listeners: undefined }) }).status, 'skipped');
  });

  it('checks control-plane ports on control planes only, node ports everywhere', () => {
    const names = (roles: typeof CP.roles): string[] =>
      hostChecks(DEFAULT_PREFLIGHT_SETTINGS).filter((check) => check.name.startsWith('Port-') && check.appliesTo(roles)).map((check) => check.name);
    assert.deepEqual(names(CP.roles), ['Port-2379', 'Port-2380', 'Port-6443', 'Port-10250', 'Port-10256', 'Port-10257', 'Port-10259', 'Port-4789']);
    assert.deepEqual(names(WORKER.roles), ['Port-10250', 'Port-10256', 'Port-4789']);
  });
});
