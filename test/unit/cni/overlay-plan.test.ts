import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overlayFiles } from '../../../src/cni/overlay-files.ts';
import { parseFdb, parseNeighbours, parseRoutes, parseVxlanLink } from '../../../src/cni/overlay-parsers.ts';
import { planOverlay } from '../../../src/cni/overlay-plan.ts';
import type { OverlayHostState } from '../../../src/cni/overlay-plan.ts';
import { OVERLAY_JUMPS } from '../../../src/cni/overlay-rules.ts';
import { sha256Hex } from '../../../src/runtime/managed-file.ts';
import { NODES, stateFor } from './overlay-fixtures.ts';

const state = stateFor('node1');
const files = overlayFiles(state, '1.0.0');
const LINK = required(parseVxlanLink('5: kit.vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue\n    link/ether 02:6b:c6:12:00:02 brd ff:ff:ff:ff:ff:ff\n    vxlan id 7 local 198.18.0.2 srcport 0 0 dstport 4789 nolearning ttl auto\n'));

function required<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}

/** A host on which the overlay is exactly as desired. */
function converged(): OverlayHostState {
  return {
    hashes: Object.fromEntries(files.map((file) => [file.path, sha256Hex(file.content)])),
    unitEnabled: true,
    link: LINK,
    addresses: ['10.244.0.0/32'],
    entries: {
      fdb: parseFdb('02:6b:c6:12:00:03 dst 198.18.0.3 self permanent\n02:6b:c6:12:00:04 dst 198.18.0.4 self permanent\n'),
      neighbours: parseNeighbours('10.244.1.0 lladdr 02:6b:c6:12:00:03 PERMANENT\n10.244.2.0 lladdr 02:6b:c6:12:00:04 PERMANENT\n'),
      routes: parseRoutes('10.244.1.0/24 via 10.244.1.0 onlink\n10.244.2.0/24 via 10.244.2.0 onlink\n'),
    },
    missingJumps: [],
  };
}

describe('planOverlay', () => {
  it('is empty on a host that is already right', () => {
    const plan = planOverlay(state, files, converged());
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(plan.steps, []);
  });

  it('installs a fresh host through the boot unit', () => {
    const plan = planOverlay(state, files, { hashes: {}, unitEnabled: false, link: undefined, addresses: [], entries: { fdb: [], neighbours: [], routes: [] }, missingJumps: OVERLAY_JUMPS });
    assert.equal(plan.writes.length, 5);
    assert.deepEqual(plan.steps.map((step) => step.argv.join(' ')), ['systemctl daemon-reload', 'systemctl enable kit-overlay.service', 'systemctl restart kit-overlay.service']);
    assert.match(plan.changes.at(-1) ?? '', /kit\.vxlan is missing: build the overlay with 2 peers/u);
  });

  it('adds a joined node with its three commands and rewrites only the state file', () => {
    const joined = stateFor('node1', [...NODES, { name: 'node4', address: '198.18.0.5', podSubnet: '10.244.3.0/24' }]);
    const plan = planOverlay(joined, overlayFiles(joined, '1.0.0'), converged());
    assert.deepEqual(plan.writes.map((file) => file.path), ['/etc/kit/overlay.json']);
    assert.deepEqual(plan.steps.map((step) => step.argv[0]), ['bridge', 'ip', 'ip']);
    assert.deepEqual(plan.changes, ['write /etc/kit/overlay.json', 'add peer node4 (198.18.0.5, pods 10.244.3.0/24)']);
  });

  it('rebuilds the device when its VNI changed instead of patching it', () => {
    const other = stateFor('node1');
    const plan = planOverlay({ ...other, vni: 8 }, overlayFiles({ ...other, vni: 8 }, '1.0.0'), converged());
    assert.deepEqual(plan.steps.map((step) => step.argv.join(' ')), ['systemctl restart kit-overlay.service']);
    assert.match(plan.changes.at(-1) ?? '', /has VNI 7, want 8/u);
  });

  it('fixes MTU in place and reloads rules whose jump went missing', () => {
    const current = { ...converged(), link: { ...LINK, mtu: 1500 }, missingJumps: [required(OVERLAY_JUMPS[0])] };
    const plan = planOverlay(state, files, current);
    assert.deepEqual(plan.steps.map((step) => step.argv.slice(0, 4).join(' ')), [
      'ip link set dev', 'iptables-restore -w 5 --noflush', 'iptables -w 5 -t',
    ]);
  });
});
