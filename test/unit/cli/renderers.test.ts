import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonRenderer } from '../../../src/cli/render/json-renderer.ts';
import { plainRenderer } from '../../../src/cli/render/plain-renderer.ts';
import { formatError } from '../../../src/cli/format-error.ts';
import { RemoteCommandError } from '../../../src/errors/remote-command-error.ts';
import { HostsFailedError } from '../../../src/workflow/hosts-failed-error.ts';

const fixedClock = (): Date => new Date('2026-01-02T03:04:05.000Z');
const failure = new RemoteCommandError({ host: 'cp1', command: 'systemctl start etcd', exitCode: 1, stderrTail: 'Job failed' }, 'journalctl -u etcd');

describe('plainRenderer', () => {
  it('prints timestamped lines with the phase and host', () => {
    const lines: string[] = [];
    const sink = plainRenderer({ write: (text) => lines.push(text), debug: false, now: fixedClock });
    sink({ type: 'phase-plan', phase: 'runtime', host: 'w1', changes: ['write /etc/containerd/config.toml', 'restart containerd'] });
    sink({ type: 'host-failed', phase: 'etcd', host: 'cp1', error: failure });
    assert.equal(lines[0], '2026-01-02T03:04:05.000Z [runtime] w1: write /etc/containerd/config.toml; restart containerd\n');
    assert.match(lines[1] ?? '', /\[etcd\] cp1: FAILED\nerror\[REMOTE_COMMAND_FAILED\]: cp1: `systemctl start etcd` exited 1/u);
    assert.match(lines[1] ?? '', /hint: journalctl -u etcd/u);
  });

  it('hides per-host start lines unless debugging', () => {
    const lines: string[] = [];
    plainRenderer({ write: (text) => lines.push(text), debug: false })({ type: 'host-start', phase: 'x', host: 'a' });
    assert.deepEqual(lines, []);
  });
});

describe('jsonRenderer', () => {
  it('writes one parseable object per event, errors serialised with code and hint', () => {
    const lines: string[] = [];
    const sink = jsonRenderer((line) => lines.push(line), fixedClock);
    sink({ type: 'host-failed', phase: 'etcd', host: 'cp1', error: failure });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.endsWith('\n'));
    const parsed = JSON.parse(lines[0] ?? '') as { time: string; error: { code: string; hint: string } };
    assert.equal(parsed.time, '2026-01-02T03:04:05.000Z');
    assert.equal(parsed.error.code, 'REMOTE_COMMAND_FAILED');
    assert.equal(parsed.error.hint, 'journalctl -u etcd');
  });
});

describe('formatError', () => {
  it('lists each failed host with its own error and hint, without a stack trace', () => {
    const text = formatError(new HostsFailedError('etcd', [{ host: 'cp1', error: failure }]), { debug: false });
    assert.match(text, /etcd failed on 1 host\(s\): cp1/u);
    assert.match(text, /- cp1:\n\s+error\[REMOTE_COMMAND_FAILED\]/u);
    assert.doesNotMatch(text, /at .*\.ts:\d+/u);
  });

  it('marks unexpected errors as bugs and shows the stack only with --debug', () => {
    assert.match(formatError(new TypeError('boom'), { debug: false }), /bug in kit/u);
    assert.match(formatError(new TypeError('boom'), { debug: true }), /TypeError: boom\n\s+at /u);
  });
});

describe('progressBar', () => {
  it('fills ten cells in proportion and never overflows', async () => {
    const { progressBar } = await import('../../../src/cli/render/listr-renderer.ts');
    assert.equal(progressBar(0, 100), '[----------]   0%');
    assert.equal(progressBar(42, 100), '[####------]  42%');
    assert.equal(progressBar(150, 100), '[##########] 100%');
    assert.equal(progressBar(0, 0), '[##########] 100%');
  });
});
