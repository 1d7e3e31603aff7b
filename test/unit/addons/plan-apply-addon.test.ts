import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Addon } from '../../../src/addons/addon.ts';
import { appliedPath, pendingPath } from '../../../src/addons/addon-paths.ts';
import { applyAddon, describeApplyOutcome } from '../../../src/addons/apply-addon.ts';
import { coreDnsAddon } from '../../../src/addons/coredns/coredns-addon.ts';
import { coreDnsSpecFor } from '../../../src/addons/coredns/coredns-spec.ts';
import { planAddon } from '../../../src/addons/plan-addon.ts';
import { RemoteCommandError } from '../../../src/errors/remote-command-error.ts';
import { FakeKubectlHost } from './fake-kubectl-host.ts';

const coreDns = (dnsDomain = 'cluster.local'): Addon => coreDnsAddon(coreDnsSpecFor({ kubernetesVersion: 'v1.20', serviceSubnet: '10.96.0.0/12', dnsDomain }));

describe('planAddon and applyAddon', () => {
  it('plans a first apply, applies it, and then plans nothing; a second apply reports unchanged', async () => {
    const host = new FakeKubectlHost();
    const addon = coreDns();
    assert.deepEqual(await planAddon(host, addon), ['apply CoreDNS 1.7.0 (6 objects, 6 not in the cluster yet)']);
    const first = await applyAddon(host, addon);
    assert.equal(first['created']?.length, 6);
    assert.equal(host.files.get(appliedPath('coredns'))?.content, addon.manifest);
    assert.equal(host.files.get(appliedPath('coredns'))?.mode, 0o600);
    assert.equal(host.files.has(pendingPath('coredns')), false);
    assert.deepEqual(await planAddon(host, addon), []);
    assert.equal(describeApplyOutcome(await applyAddon(host, addon)), '6 unchanged');
  });

  it('plans an apply when the manifest changed or an object was deleted', async () => {
    const host = new FakeKubectlHost();
    await applyAddon(host, coreDns());
    assert.deepEqual(await planAddon(host, coreDns('k8s.example')), ['apply CoreDNS 1.7.0 (6 objects; the manifest changed since kit last applied it)']);
    host.cluster.delete('deployment.apps/coredns');
    assert.deepEqual(await planAddon(host, coreDns()), ['apply CoreDNS 1.7.0 (missing from the cluster: deployment.apps/coredns)']);
    assert.equal(describeApplyOutcome(await applyAddon(host, coreDns())), 'created deployment.apps/coredns; 5 unchanged');
  });

  it('only reads while planning, and says why it cannot compare before kubectl or the API exist', async () => {
    const bare = new FakeKubectlHost({ installed: false });
    assert.deepEqual(await planAddon(bare, coreDns()), ['apply CoreDNS 1.7.0 (6 objects; /usr/local/bin/kubectl is not installed yet)']);
    const down = new FakeKubectlHost();
    down.apiDown = true;
    const [line] = await planAddon(down, coreDns());
    assert.match(line ?? '', /cannot compare with the cluster: The connection to the server .* was refused/u);
    assert.ok(down.commands.every((argv) => !argv.includes('apply')));
    assert.equal([...down.files.keys()].some((path) => path.includes('addons')), false);
  });

  it('keeps the last good record when kubectl fails, and names the kept manifest in the hint', async () => {
    const host = new FakeKubectlHost();
    await applyAddon(host, coreDns());
    host.applyFailures = { remaining: 1, stderr: 'Error from server (Forbidden): nope\n' };
    await assert.rejects(applyAddon(host, coreDns('k8s.example')), (error: unknown) => {
      assert.ok(error instanceof RemoteCommandError);
      assert.match(error.message, /Forbidden/u);
      assert.match(error.hint ?? '', /\.coredns\.pending\.yaml/u);
      return true;
    });
    assert.equal(host.files.get(appliedPath('coredns'))?.content, coreDns().manifest);
    assert.equal(host.files.get(pendingPath('coredns'))?.mode, 0o600);
  });

  it('retries while a CRD is being registered and falls back to server-side apply for huge objects', async () => {
    const host = new FakeKubectlHost();
    host.applyFailures = { remaining: 2, stderr: 'error: resource mapping not found for name: "default": no matches for kind "Installation"\nensure CRDs are installed first\n' };
    assert.equal((await applyAddon(host, coreDns(), { retryDelayMs: 1 }))['created']?.length, 6);
    assert.equal(host.commands.filter((argv) => argv.includes('apply')).length, 3);
    const big = new FakeKubectlHost();
    big.applyFailures = { remaining: 1, stderr: 'The CustomResourceDefinition "x" is invalid: metadata.annotations: Too long: must have at most 262144 bytes\n' };
    assert.equal((await applyAddon(big, coreDns()))['serverside-applied']?.length, 6);
    assert.ok(big.commands.some((argv) => argv.includes('--server-side') && argv.includes('--field-manager=kit')));
  });
});
