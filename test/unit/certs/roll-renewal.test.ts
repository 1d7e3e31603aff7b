import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import type { DaemonRestarter, RestartRequest } from '../../../src/certs/daemon-restarter.ts';
import { DaemonUnhealthyError } from '../../../src/bootstrap/health/daemon-unhealthy-error.ts';
import { issueRenewal } from '../../../src/certs/issue-renewal.ts';
import type { PkiItem } from '../../../src/certs/pki.ts';
import { planRenewal } from '../../../src/certs/renew-plan.ts';
import { resolveRenewTargets } from '../../../src/certs/renew-targets.ts';
import { rollRenewal } from '../../../src/certs/roll-renewal.ts';
import { HostsFailedError } from '../../../src/workflow/hosts-failed-error.ts';
import { hostsAfterDelivery, MemoryHost, testSpec } from './pki-fixtures.ts';

const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });

/** MemoryHost that also carries out the staged-file swap, so the test sees what ends up in place. */
class SwappingHost extends MemoryHost {
  override async exec(argv: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const result = await super.exec(argv);
    if (argv[3] === 'kit-swap') {
      for (const path of argv.slice(4)) {
        const staged = this.files.get(`${path}.kit-renew`);
        if (staged === undefined) throw new Error(`nothing staged for ${path}`);
        this.files.set(path, staged);
        this.files.delete(`${path}.kit-renew`);
      }
    }
    return result;
  }
}

/** Records each restart with the time it was called and finished, to prove the ordering. */
function recordingRestarter(events: string[], failOn?: string): DaemonRestarter {
  return {
    async restart(request: RestartRequest) {
      events.push(`start ${request.host.name}/${request.daemon}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failOn === request.host.name) throw new DaemonUnhealthyError({ host: request.host.name, daemon: request.daemon, reason: 'test', unitState: 'failed', lastProbe: '-', journal: '', hint: '-' });
      events.push(`healthy ${request.host.name}/${request.daemon}`);
      return { daemon: request.daemon, action: 'restarted', healthyAfterMs: 5 };
    },
  };
}

describe('rollRenewal', () => {
  let items: PkiItem[];

  before(async () => {
    const pki = await buildPki({ spec });
    const targets = resolveRenewTargets(['etcd-server', 'apiserver-etcd-client', 'admin.conf', 'kube-proxy.conf', 'kubelet.conf'], spec);
    items = await issueRenewal(planRenewal({ spec, targets, onHosts: hostsAfterDelivery(pki) }), { spec });
  });

  function hosts(): Map<string, SwappingHost> {
    return new Map(['cp1', 'cp2', 'cp3', 'w1', 'w2'].map((name) => [name, new SwappingHost(name)]));
  }

  it('restarts one control plane at a time, each healthy before the next, and only what reads the files', async () => {
    const events: string[] = [];
    const connected = hosts();
    const done = await rollRenewal({ spec, hosts: connected, items, restarter: recordingRestarter(events) });
    const controlPlaneEvents = events.filter((event) => /cp\d/.test(event));
    assert.deepEqual(controlPlaneEvents, ['cp1', 'cp2', 'cp3'].flatMap((name) => [
      `start ${name}/etcd`, `healthy ${name}/etcd`,
      `start ${name}/kube-apiserver`, `healthy ${name}/kube-apiserver`,
      `start ${name}/kubelet`, `healthy ${name}/kubelet`,
      `start ${name}/kube-proxy`, `healthy ${name}/kube-proxy`,
    ]));
    assert.ok(events.indexOf('healthy cp3/kube-proxy') < events.findIndex((event) => event.includes('w1')), 'workers come after every control plane');
    assert.deepEqual(done.find((entry) => entry.host === 'w2')?.restarts.map((outcome) => outcome.daemon), ['kube-proxy']);
    const cp2 = connected.get('cp2');
    assert.equal(cp2?.files.get('/etc/kubernetes/pki/etcd/server.key')?.mode, 0o600);
    assert.equal(cp2?.files.get('/etc/kubernetes/pki/etcd/server.crt')?.content.toString(), items.find((item) => item.id === 'etcd-server@cp2')?.files[0]?.content);
    assert.ok(![...(cp2?.files.keys() ?? [])].some((path) => path.endsWith('.kit-renew')), 'no staged file is left behind');
    assert.equal(connected.get('w2')?.files.has('/etc/kubernetes/kubelet.conf'), false, 'w2 TLS-bootstraps its kubelet');
  });

  it('stops at the first control plane that does not come back, leaving the others untouched', async () => {
    const events: string[] = [];
    const connected = hosts();
    await assert.rejects(rollRenewal({ spec, hosts: connected, items, restarter: recordingRestarter(events, 'cp2') }), (error: unknown) => {
      assert.ok(error instanceof HostsFailedError);
      assert.equal(error.failures[0]?.host, 'cp2');
      assert.match(error.hint ?? '', /Control planes already renewed: cp1/);
      return true;
    });
    assert.equal(connected.get('cp3')?.uploads, 0);
    assert.equal(connected.get('w1')?.uploads, 0);
  });
});
