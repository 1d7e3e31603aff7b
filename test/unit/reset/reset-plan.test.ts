import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeResetPlan } from '../../../src/reset/describe-plan.ts';
import { kitFootprint } from '../../../src/reset/footprint.ts';
import { parseSurvey } from '../../../src/reset/parse-survey.ts';
import { planHostReset } from '../../../src/reset/reset-plan.ts';

const footprint = kitFootprint({ clusterMarker: '/etc/kit/cluster' });
const subnets = ['10.244.0.0/16', '10.96.0.0/12'];

/** What the survey script prints on a host kit installed over a distribution's containerd. */
const INSTALLED = [
  'record yes',
  'record-tar',
  'record-state-dir absent',
  'rec-paths f 644 0 0 /etc/containerd/config.toml',
  'rec-paths d 755 0 0 /etc/containerd',
  'rec-paths d 755 0 0 /var/lib/containerd',
  'rec-paths d 755 0 0 /etc/systemd/system',
  'rec-listing /var/lib/containerd\tio.containerd.content.v1.content',
  'rec-units containerd.service enabled active',
  'rec-units kubelet.service not-found inactive',
  'rec-sysctls net.ipv4.ip_forward=0',
  'rec-sysctls net.bridge.bridge-nf-call-iptables',
  'rec-modules overlay',
  'rec-mounts /',
  'rec-mounts /var/lib/containerd',
  'file /etc/kit/cluster',
  'file /etc/containerd/config.toml',
  'file /etc/systemd/system/containerd.service',
  'dir /var/lib/containerd',
  'meta 700 0 0 /var/lib/containerd',
  'meta 755 0 0 /etc/kubernetes',
  'entry /var/lib/containerd\tio.containerd.content.v1.content',
  'entry /var/lib/containerd\tio.containerd.snapshotter.v1.overlayfs',
  'dir /var/lib/kit',
  'entry /var/lib/kit\timages',
  'entry /var/lib/kit\tpre-kit',
  'dir /etc/kubernetes',
  'ancestor /etc/containerd',
  'ancestor /etc/systemd/system',
  'ancestor /opt/cni',
  'ancestor /opt/cni/bin',
  'unit kubelet.service enabled active',
  'unit containerd.service enabled active',
  'unit kit-overlay.service enabled active',
  'sysctl net.ipv4.ip_forward=1',
  'sysctl net.bridge.bridge-nf-call-iptables=1',
  'module overlay',
  'module br_netfilter',
  'link lo',
  'link host0',
  'link kit.vxlan',
  'link kit0',
  'link veth1a2b kit0',
  'chain iptables nat POSTROUTING',
  'chain iptables nat KIT-POSTROUTING',
  'chain iptables nat KUBE-SERVICES',
  'chain iptables filter FORWARD',
  'chain iptables filter KIT-FORWARD',
  'chain iptables filter DOCKER',
  'mount /',
  'mount /var/lib/containerd',
  'mount /var/lib/kubelet/pods/abc/volumes/kubernetes.io~projected/token',
  'mount /var/lib/kubelet/pods/abc/volumes/kubernetes.io~projected',
  'mount /run/containerd/io.containerd.grpc.v1.cri/sandboxes/x/shm',
  'mount /run/netns/cni-77',
  'processes 4',
  'conntrack-tool',
].join('\n');

describe('planHostReset', () => {
  const plan = planHostReset({ footprint, subnets, survey: parseSurvey(INSTALLED) });

  it('stops and disables what runs, kubelet before containerd', () => {
    assert.deepEqual(plan.stopUnits, ['kubelet.service', 'containerd.service', 'kit-overlay.service']);
    assert.deepEqual(plan.disableUnits, ['kubelet.service', 'containerd.service', 'kit-overlay.service']);
    assert.equal(plan.killProcesses, 4);
  });

  it('unmounts only what kit\'s daemons mounted, deepest first, keeping mounts that predate kit', () => {
    assert.deepEqual(plan.unmounts, [
      '/var/lib/kubelet/pods/abc/volumes/kubernetes.io~projected/token',
      '/var/lib/kubelet/pods/abc/volumes/kubernetes.io~projected',
      '/run/containerd/io.containerd.grpc.v1.cri/sandboxes/x/shm',
      '/run/netns/cni-77',
    ]);
  });

  it('deletes pod veths before the bridge and the VXLAN device, and only kit\'s or kube-proxy\'s chains', () => {
    assert.deepEqual(plan.deleteLinks, ['veth1a2b', 'kit.vxlan', 'kit0']);
    assert.deepEqual(plan.chains.map((ref) => `${ref.table}/${ref.chain}`), ['nat/KIT-POSTROUTING', 'nat/KUBE-SERVICES', 'filter/KIT-FORWARD']);
    assert.deepEqual(plan.conntrackSubnets, subnets);
  });

  it('removes kit\'s files and dirs, keeps what a pre-existing dir held, and restores files that predate kit', () => {
    assert.ok(plan.removePaths.includes('/etc/kit/cluster'));
    assert.ok(plan.removePaths.includes('/etc/kubernetes'));
    assert.ok(plan.removePaths.includes('/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs'));
    assert.ok(!plan.removePaths.includes('/var/lib/containerd/io.containerd.content.v1.content'));
    assert.ok(!plan.removePaths.includes('/var/lib/containerd'), 'a directory that predates kit (and is a mount point) stays');
    assert.ok(plan.removePaths.includes('/var/lib/kit/images'));
    assert.ok(!plan.removePaths.some((path) => path.startsWith('/var/lib/kit/pre-kit')), 'the record goes last, on its own');
    assert.deepEqual(plan.restorePaths, ['/etc/containerd/config.toml']);
    assert.ok(plan.removePaths.includes('/run/netns/cni-77'));
  });

  it('puts back units, sysctls and modules as they were, removes the dirs kit made, then the record', () => {
    assert.deepEqual(plan.enableUnits, ['containerd.service']);
    assert.deepEqual(plan.startUnits, ['containerd.service']);
    assert.deepEqual(plan.sysctls, [{ key: 'net.ipv4.ip_forward', value: '0' }]);
    assert.deepEqual(plan.unloadModules, ['br_netfilter']);
    assert.deepEqual(plan.emptyDirs, ['/opt/cni/bin', '/opt/cni']);
    assert.deepEqual(plan.retouchDirs, [{ path: '/var/lib/containerd', mode: '755', owner: '0:0' }], 'containerd made its root 0700');
    assert.equal(plan.removeRecord, true);
    assert.equal(plan.removeStateDir, true);
  });

  it('describes each change in a line, restored files as restored', () => {
    const lines = describeResetPlan(plan);
    assert.ok(lines.includes('restore /etc/containerd/config.toml as it was before kit'));
    assert.ok(!lines.includes('remove /etc/containerd/config.toml'));
    assert.ok(lines.includes('set net.ipv4.ip_forward back to 0'));
    assert.ok(lines.includes('remove iptables nat chain(s) KIT-POSTROUTING, KUBE-SERVICES and the rules jumping to them'));
    assert.equal(lines.at(-1), 'remove the pre-kit record');
  });
});

describe('planHostReset on other hosts', () => {
  it('plans nothing on a host kit never touched (and so on a host already reset)', () => {
    const survey = parseSurvey(['unit containerd.service enabled active', 'file /etc/containerd/config.toml', 'dir /var/lib/containerd', 'link kit0', 'processes 3'].join('\n'));
    assert.deepEqual(describeResetPlan(planHostReset({ footprint, subnets, survey })), []);
  });

  it('removes everything of kit\'s on a host without a usable record, and restores nothing', () => {
    const survey = parseSurvey(['record yes', 'record-legacy', 'record-state-dir absent', 'file /etc/kit/cluster', 'file /etc/containerd/config.toml', 'dir /etc/kubernetes', 'ancestor /opt/cni', 'sysctl net.ipv4.ip_forward=1'].join('\n'));
    const plan = planHostReset({ footprint, subnets, survey });
    assert.deepEqual(plan.removePaths, ['/etc/kit/cluster', '/etc/containerd/config.toml', '/etc/kubernetes']);
    assert.deepEqual(plan.restorePaths, []);
    assert.deepEqual(plan.emptyDirs, [], 'without a record kit cannot tell which directories it made');
    assert.deepEqual(plan.sysctls, []);
  });

  it('cleans up a record cut short by a killed run', () => {
    const plan = planHostReset({ footprint, subnets, survey: parseSurvey(['record-partial absent', 'dir /var/lib/kit', 'entry /var/lib/kit\tpre-kit.partial'].join('\n')) });
    assert.deepEqual(describeResetPlan(plan), ['remove the pre-kit record']);
    assert.equal(plan.removeStateDir, true);
  });
});
