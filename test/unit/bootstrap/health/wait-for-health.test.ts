import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitName, unitPath } from '../../../../src/bootstrap/daemons.ts';
import { DaemonUnhealthyError } from '../../../../src/bootstrap/health/daemon-unhealthy-error.ts';
import { likelyFix } from '../../../../src/bootstrap/health/likely-fix.ts';
import { waitForDaemonHealth } from '../../../../src/bootstrap/health/wait-for-health.ts';
import { FakeNode } from '../fake-node.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const node = controlPlaneNode();
const FAST = { intervalMs: 1, timeoutMs: 2000 };

function hostWith(daemon: 'kube-scheduler' | 'kube-apiserver'): FakeNode {
  const host = new FakeNode('cp1', node.ip);
  host.files.set(unitPath(daemon), { content: '[Service]\n', mode: 0o644 });
  host.start(unitName(daemon));
  return host;
}

describe('waitForDaemonHealth', () => {
  it('polls until the probes pass', async () => {
    const host = hostWith('kube-apiserver');
    host.unhealthy.add(unitName('kube-apiserver'));
    let probes = 0;
    host.handlers.push((argv, self) => {
      if (argv.some((arg) => arg.endsWith('/livez')) && ++probes === 3) self.unhealthy.clear();
      return undefined;
    });
    const result = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-apiserver', FAST);
    assert.equal(result.daemon, 'kube-apiserver');
    assert.ok(result.attempts >= 3);
  });

  it('gives up at once on a unit systemd does not know, naming host and unit', async () => {
    const host = new FakeNode('cp1', node.ip);
    const error = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-scheduler', { ...FAST, timeoutMs: 60_000 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError);
    assert.match(error.message, /^cp1: kube-scheduler\.service is not healthy: systemd has no such unit/u);
  });

  it('gives up early on a unit that stays stopped', async () => {
    const host = hostWith('kube-scheduler');
    host.unit(unitName('kube-scheduler')).active = false;
    const error = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-scheduler', { ...FAST, timeoutMs: 60_000 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError);
    assert.equal(error.failure.reason, 'the unit is stopped and nothing starts it');
  });

  it('gives up early on a crash loop, with the journal and the fix it points at', async () => {
    const host = hostWith('kube-scheduler');
    host.unhealthy.add(unitName('kube-scheduler'));
    host.journal = 'Nov 29 cp1 kube-scheduler[9]: Error: unknown flag: --port-typo\nNov 29 cp1 systemd[1]: kube-scheduler.service: Main process exited, code=exited, status=1/FAILURE';
    host.handlers.push((argv, self) => {
      if (argv[1] === 'show') self.unit(unitName('kube-scheduler')).restarts += 1;
      return undefined;
    });
    const error = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-scheduler', { ...FAST, timeoutMs: 60_000 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError);
    assert.match(error.failure.reason, /restarted \d+ times/u);
    assert.match(error.message, /unknown flag: --port-typo/u);
    assert.match(error.hint ?? '', /does not accept --port-typo/u);
    assert.deepEqual(host.ran('journalctl')[0]?.slice(0, 4), ['journalctl', '--unit', 'kube-scheduler.service', '--lines']);
  });

  it('shows the last 20 log lines and finds the cause above them', async () => {
    const host = hostWith('kube-scheduler');
    host.unhealthy.add(unitName('kube-scheduler'));
    const usage = Array.from({ length: 60 }, (_, index) => `cp1 kube-scheduler[9]:       --flag-${index} string   usage text`);
    host.journal = ['cp1 kube-scheduler[9]: Error: unknown flag: --port-typo', ...usage].join('\n');
    const error = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-scheduler', { intervalMs: 5, timeoutMs: 30 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError);
    assert.equal(error.failure.journal.split('\n').length, 20);
    assert.equal(error.failure.keyLine, 'cp1 kube-scheduler[9]: Error: unknown flag: --port-typo');
    assert.match(error.message, /the line that tells why:\n {4}cp1 kube-scheduler\[9\]: Error: unknown flag: --port-typo/u);
    assert.match(error.hint ?? '', /does not accept --port-typo/u);
  });

  it('gives up at the timeout', async () => {
    const host = hostWith('kube-apiserver');
    host.unhealthy.add(unitName('kube-apiserver'));
    const error = await waitForDaemonHealth({ host, cluster, node, hasKubectl: true }, 'kube-apiserver', { intervalMs: 5, timeoutMs: 50 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof DaemonUnhealthyError);
    assert.match(error.failure.reason, /^no health check passed within/u);
    assert.match(error.failure.lastProbe, /https:\/\/198\.18\.0\.11:6443\/livez \(kubectl\): exit 1/u);
    assert.match(error.hint ?? '', /journalctl -u kube-apiserver\.service/u);
  });
});

describe('likelyFix', () => {
  it('reads the usual causes out of a journal', () => {
    assert.match(likelyFix('kube-apiserver-lb', 'haproxy: error while loading shared libraries: liblua5.3.so.0: cannot open shared object file', 'cp1'), /liblua5\.3\.so\.0.*apt-get install haproxy/u);
    assert.match(likelyFix('etcd', 'etcdmain: member 8e9e05c52164694d has already been bootstrapped', 'cp1'), /move \/var\/lib\/etcd away/u);
    assert.match(likelyFix('kube-apiserver', 'open /etc/kubernetes/pki/apiserver.crt: no such file or directory', 'cp1'), /\/etc\/kubernetes\/pki\/apiserver\.crt is missing/u);
    assert.match(likelyFix('kubelet', 'listen tcp 127.0.0.1:10248: bind: address already in use', 'cp1'), /ss -ltnp/u);
    assert.match(likelyFix('kube-scheduler', 'nothing recognisable', 'cp1'), /ssh cp1 -- journalctl -u kube-scheduler\.service/u);
  });
});
