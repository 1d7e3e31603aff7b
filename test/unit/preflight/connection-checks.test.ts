import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KitError } from '../../../src/errors/kit-error.ts';
import { connectionChecks } from '../../../src/preflight/connection-checks.ts';

const statuses = (results: ReturnType<typeof connectionChecks>): string[] => results.map((result) => `${result.name} ${result.status}`);

describe('connectionChecks: telling a down host from a refused SSH', () => {
  const refused = new KitError('SSH_AUTH_FAILED', 'cp1: 198.18.0.11:22 refused the key', { hint: 'try: ssh -i KEY root@198.18.0.11' });

  it('ping and SSH fine', () => {
    assert.deepEqual(statuses(connectionChecks({ alive: true, timeMs: 0.4 }, { address: '198.18.0.11' })), ['OperatorReachability ok', 'SSHConnection ok']);
  });

  it('answers ping but SSH fails: the host is up, SSH is at fault, with the SSH error\'s hint', () => {
    const results = connectionChecks({ alive: true, timeMs: 0.4 }, { address: '198.18.0.11', error: refused });
    assert.deepEqual(statuses(results), ['OperatorReachability error', 'SSHConnection error']);
    assert.match(results[0]?.message ?? '', /is up \(answers ping in 0\.4 ms\) but SSH failed/u);
    assert.equal(results[1]?.fix, refused.hint);
  });

  it('no ping and no SSH: the host is down or unreachable', () => {
    const results = connectionChecks({ alive: false }, { address: '198.18.0.11', error: new Error('connect ETIMEDOUT') });
    assert.match(results[0]?.message ?? '', /answers neither ping nor SSH/u);
  });

  it('no ping but SSH works: ICMP filtered, only a warning', () => {
    assert.deepEqual(statuses(connectionChecks({ alive: false }, { address: '198.18.0.11' })), ['OperatorReachability warn', 'SSHConnection ok']);
  });

  it('ping unavailable here or switched off: SSH decides', () => {
    assert.deepEqual(statuses(connectionChecks({ alive: false, unavailable: 'no ping binary' }, { address: 'x' })), ['OperatorReachability skipped', 'SSHConnection ok']);
    assert.deepEqual(statuses(connectionChecks(undefined, { address: 'x' })), ['OperatorReachability ok', 'SSHConnection ok']);
  });
});
