import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { unitName } from '../../../../src/bootstrap/daemons.ts';
import { ensureEtcdCluster, type EtcdMemberHost } from '../../../../src/bootstrap/etcd/ensure-etcd-cluster.ts';
import { EtcdMembershipError } from '../../../../src/bootstrap/etcd/etcd-membership-error.ts';
import { renderEtcdUnit } from '../../../../src/bootstrap/render/etcd-unit.ts';
import { exit, FakeNode } from '../fake-node.ts';
import { controlPlaneNode, testCluster } from '../fixtures.ts';

const cluster = testCluster('v1.20');
const ETCD = unitName('etcd');
const DATA = '/var/lib/etcd/member';

interface Member { id: string; name: string; peerUrl: string; started: boolean }

/**
 * Three fake control planes sharing one fake etcd cluster: starting etcd on a node founds
 * the cluster (when empty) or turns its announced member into a started one; `member add`
 * refuses a few times as etcd does right after a join.
 */
class FakeEtcdCluster {
  members: Member[] = [];
  refuseAdds = 0;
  readonly nodes: FakeNode[];

  constructor() {
    this.nodes = cluster.controlPlanes.map((member) => {
      const node = new FakeNode(member.name, member.ip);
      node.handlers.push((argv, self) => this.#handle(argv, self));
      return node;
    });
  }

  hosts(): EtcdMemberHost[] {
    return this.nodes.map((host) => ({ host, node: controlPlaneNode({ name: host.name, ip: host.address }) }));
  }

  #handle(argv: readonly string[], node: FakeNode): ReturnType<FakeNode['handlers'][number]> {
    const peerUrl = `https://${node.address}:2380`;
    if (argv[0] === 'systemctl' && (argv[1] === 'start' || argv[1] === 'restart') && argv.includes(ETCD)) {
      const member = this.members.find((candidate) => candidate.peerUrl === peerUrl);
      if (member === undefined && this.members.length > 0) return exit(1, '', 'would found a second cluster');
      if (member === undefined) this.members.push({ id: hexId(node.name), name: node.name, peerUrl, started: true });
      else Object.assign(member, { started: true, name: node.name });
      node.dirs.add(DATA);
      return undefined;
    }
    if (!argv[0]?.endsWith('etcdctl')) return undefined;
    if (argv.includes('list')) {
      return exit(0, this.members.map((m) => `${m.id}, ${m.started ? 'started' : 'unstarted'}, ${m.started ? m.name : ''}, ${m.peerUrl}, , false`).join('\n'));
    }
    const add = argv.indexOf('add');
    if (add > 0) {
      if (this.refuseAdds-- > 0) return exit(1, '', 'Error: etcdserver: unhealthy cluster');
      const url = argv.find((arg) => arg.startsWith('--peer-urls='))?.slice('--peer-urls='.length) ?? '';
      this.members.push({ id: hexId(argv[add + 1] ?? ''), name: '', peerUrl: url, started: false });
      return exit(0, 'Member added');
    }
    return undefined;
  }
}

function hexId(name: string): string {
  return Buffer.from(name).toString('hex');
}

let world: FakeEtcdCluster;
beforeEach(() => { world = new FakeEtcdCluster(); });

const run = (): ReturnType<typeof ensureEtcdCluster> => ensureEtcdCluster({ cluster, members: world.hosts(), memberAddRetry: { retryIntervalMs: 1 } });

describe('ensureEtcdCluster', () => {
  it('founds the cluster on the first control plane and adds the others one by one', async () => {
    world.refuseAdds = 2;
    const outcomes = await run();
    assert.deepEqual(outcomes.map((outcome) => [outcome.node, outcome.action]), [['cp1', 'created'], ['cp2', 'added'], ['cp3', 'added']]);
    assert.deepEqual(outcomes.map((outcome) => [outcome.start.initialClusterState, outcome.start.initialMembers?.map((member) => member.name)]), [
      ['new', ['cp1']], ['existing', ['cp1', 'cp2']], ['existing', ['cp1', 'cp2', 'cp3']],
    ]);
    assert.deepEqual(world.members.map((member) => [member.name, member.started]), [['cp1', true], ['cp2', true], ['cp3', true]]);
    const adds = world.nodes[0]?.ran('/usr/local/bin/etcdctl').filter((argv) => argv.includes('add')) ?? [];
    assert.equal(adds.length, 4, 'two refusals, then one add per joining member');
    assert.ok(adds.every((argv) => argv.includes('--cert=/etc/kubernetes/pki/apiserver-etcd-client.crt')));
  });

  it('changes nothing on a re-run and hands back the same start flags', async () => {
    const first = await run();
    const counts = world.nodes.map((node) => node.commands.length);
    const again = await run();
    assert.deepEqual(again.map((outcome) => outcome.action), ['present', 'present', 'present']);
    const units = (outcomes: typeof first): string[] => outcomes.map((outcome, index) => {
      const node = world.hosts()[index]?.node ?? assert.fail();
      return renderEtcdUnit({ cluster, node, ...outcome.start });
    });
    assert.deepEqual(units(again), units(first), 'the re-run renders every etcd unit exactly as it is');
    for (const [index, node] of world.nodes.entries()) {
      const since = node.commands.slice(counts[index]);
      assert.deepEqual(since.filter((argv) => ['start', 'restart', 'enable', 'daemon-reload'].includes(argv[1] ?? '') || argv.includes('add')), [], node.name);
    }
  });

  it('starts a member that was added by an interrupted run without adding it again', async () => {
    await run();
    const cp3 = world.nodes[2] ?? assert.fail();
    const member = world.members[2] ?? assert.fail();
    Object.assign(member, { started: false, name: '' });
    cp3.dirs.clear();
    Object.assign(cp3.unit(ETCD), { active: false, enabled: false });
    const outcomes = await run();
    assert.deepEqual(outcomes.map((outcome) => outcome.action), ['present', 'present', 'joined']);
    assert.equal(world.members.length, 3);
  });

  it('starts a stopped member that has data and keeps it', async () => {
    await run();
    const cp2 = world.nodes[1] ?? assert.fail();
    cp2.unit(ETCD).active = false;
    const outcomes = await run();
    assert.deepEqual(outcomes.map((outcome) => outcome.action), ['present', 'present', 'present']);
    assert.equal(cp2.unit(ETCD).active, true);
  });

  it('refuses a started member whose data is gone, and data of a removed member', async () => {
    await run();
    const cp3 = world.nodes[2] ?? assert.fail();
    cp3.dirs.clear();
    await assert.rejects(run(), (error: unknown) => error instanceof EtcdMembershipError && /cp3: etcd is a started member .* lost its data/u.test(error.message) && new RegExp(`member remove ${hexId('cp3')}`, 'u').test(error.hint ?? ''));
    cp3.dirs.add(DATA);
    world.members = world.members.filter((member) => !member.peerUrl.includes(cp3.address));
    await assert.rejects(run(), (error: unknown) => error instanceof EtcdMembershipError && /cp3: etcd has data in \/var\/lib\/etcd but is not a member/u.test(error.message));
  });
});
