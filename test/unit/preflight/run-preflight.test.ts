import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError } from '../../../src/errors/cancelled-error.ts';
import { HostUnreachableError } from '../../../src/errors/ssh-errors.ts';
import { runPreflight } from '../../../src/preflight/run-preflight.ts';
import { LocalHost } from './local-host.ts';

const local = { node: { name: 'here', internalAddress: '127.0.0.1', roles: ['control-plane'] as const }, host: new LocalHost('here') };
const refusing = {
  node: { name: 'gone', internalAddress: '127.0.0.2', roles: ['worker'] as const },
  host: { name: 'gone', address: '127.0.0.1', connect: (): Promise<never> => Promise.reject(new HostUnreachableError('gone', '127.0.0.1:1', 'connection refused')) },
};

describe('runPreflight (this machine as the one host, plus a host whose SSH is refused)', () => {
  it('reports facts checks for the host that answered and the SSH failure for the other', async () => {
    const steps: string[] = [];
    const report = await runPreflight({ hosts: [local, refusing], onProgress: (event) => steps.push(`${event.step} ${event.host} ${event.status}`) });
    const [here, gone] = report.hosts;
    assert.ok((here?.checks.length ?? 0) > 30);
    assert.equal(here?.checks.find((check) => check.name === 'SSHConnection')?.status, 'ok');
    assert.deepEqual(gone?.checks.map((check) => `${check.name} ${check.status}`), ['OperatorReachability error', 'SSHConnection error']);
    assert.match(gone?.checks[0]?.message ?? '', /is up \(answers ping/u);
    assert.match(gone?.checks[1]?.message ?? '', /connection refused/u);
    assert.deepEqual(report.pairs, [], 'one answering host has no pairs');
    assert.equal(report.hasErrors, true);
    assert.ok(steps.includes('facts gone failed') && steps.includes('facts here finished'));
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'the report is plain JSON data');
  });

  it('lowers every error with ignore "all"', async () => {
    const report = await runPreflight({ hosts: [local, refusing], ignore: 'all' });
    assert.equal(report.hasErrors, false);
    assert.equal(report.counts.error, 0);
    assert.ok(report.counts.ignored >= 2);
  });

  it('rejects with CancelledError when cancelled', async () => {
    await assert.rejects(runPreflight({ hosts: [local], signal: AbortSignal.abort() }), CancelledError);
  });
});
