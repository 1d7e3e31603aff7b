import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fullOverlayCommands } from '../../../src/cni/overlay-commands.ts';
import { renderOverlayRules } from '../../../src/cni/overlay-rules.ts';
import { renderOverlayScript, renderOverlayUnit } from '../../../src/cni/overlay-script.ts';
import { renderOverlayState } from '../../../src/cni/overlay-state-file.ts';
import { stateFor } from './overlay-fixtures.ts';

/**
 * Runs the real overlay-up.sh under /bin/sh with stand-ins for ip, bridge and iptables that log
 * their argv and print canned kernel state: proves the script's sed reads the state file kit
 * writes and issues the same commands as the TypeScript side. (The e2e test runs it for real.)
 */
const FAKE_TOOL = `#!/bin/sh
echo "$(basename "$0") $*" >> "$FAKE/log"
case "$(basename "$0") $*" in
  "ip -4 -o addr show") echo "2: host0    inet 198.18.0.2/16 brd 198.18.255.255 scope global host0" ;;
  "ip -d link show dev kit.vxlan") if [ -f "$FAKE/link" ]; then cat "$FAKE/link"; else exit 1; fi ;;
  "ip route show dev kit.vxlan") cat "$FAKE/routes" 2>/dev/null || true ;;
  "ip neigh show dev kit.vxlan") cat "$FAKE/neigh" 2>/dev/null || true ;;
  "bridge fdb show dev kit.vxlan") cat "$FAKE/fdb" 2>/dev/null || true ;;
  "iptables -w 5 -t "*" -C "*) exit 1 ;;
esac
exit 0
`;

let dir = '';

function run(): string[] {
  writeFileSync(join(dir, 'log'), '');
  execFileSync('/bin/sh', [join(dir, 'up.sh')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${dir}:/usr/bin:/bin`, FAKE: dir, KIT_OVERLAY_STATE: join(dir, 'overlay.json'), KIT_OVERLAY_RULES: join(dir, 'overlay.rules') },
  });
  return readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
}

const changing = (lines: readonly string[]): string[] => lines.filter((line) => !/ show| -C /u.test(line));

describe('overlay-up.sh', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kit-overlay-script-'));
    for (const tool of ['ip', 'bridge', 'iptables', 'iptables-restore']) {
      writeFileSync(join(dir, tool), FAKE_TOOL);
      chmodSync(join(dir, tool), 0o755);
    }
    const state = stateFor('node1');
    writeFileSync(join(dir, 'overlay.json'), renderOverlayState(state));
    writeFileSync(join(dir, 'overlay.rules'), renderOverlayRules(state));
    writeFileSync(join(dir, 'up.sh'), renderOverlayScript());
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the device and every peer from the state file, like fullOverlayCommands', () => {
    const expected = fullOverlayCommands(stateFor('node1')).map((argv) => argv.join(' '));
    const lines = changing(run());
    assert.deepEqual(lines.slice(0, expected.length), expected);
    assert.deepEqual(lines.slice(expected.length), [
      `iptables-restore -w 5 --noflush ${join(dir, 'overlay.rules')}`,
      'iptables -w 5 -t nat -A POSTROUTING -m comment --comment kit: pod masquerade -j KIT-POSTROUTING',
      'iptables -w 5 -t filter -I FORWARD 1 -m comment --comment kit: pod forwarding -j KIT-FORWARD',
    ]);
  });

  it('keeps a matching device and removes entries of nodes that left', () => {
    writeFileSync(join(dir, 'link'), '5: kit.vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\n    vxlan id 7 local 198.18.0.2 srcport 0 0 dstport 4789 nolearning ttl auto\n');
    writeFileSync(join(dir, 'routes'), '10.244.1.0/24 via 10.244.1.0 onlink\n10.244.9.0/24 via 10.244.9.0 onlink\n');
    writeFileSync(join(dir, 'neigh'), '10.244.9.0 lladdr 02:6b:c6:12:00:63 PERMANENT\n10.244.8.8 lladdr 02:00:00:00:00:01 STALE\n');
    writeFileSync(join(dir, 'fdb'), '02:6b:c6:12:00:03 dst 198.18.0.3 self permanent\n02:6b:c6:12:00:63 dst 198.18.0.99 self permanent\n');
    const lines = changing(run());
    assert.ok(!lines.some((line) => line.startsWith('ip link add') || line.startsWith('ip link del')));
    assert.ok(lines.includes('ip route del 10.244.9.0/24 dev kit.vxlan'));
    assert.ok(lines.includes('ip neigh del 10.244.9.0 dev kit.vxlan'));
    assert.ok(lines.includes('bridge fdb del 02:6b:c6:12:00:63 dev kit.vxlan dst 198.18.0.99 self'));
    assert.ok(!lines.some((line) => line.includes('10.244.8.8')), 'a dynamic neighbour is left alone');
    assert.ok(!lines.some((line) => line.includes('del') && line.includes('10.244.1.0')), 'a current peer is kept');
  });

  it('recreates a device whose VNI differs', () => {
    writeFileSync(join(dir, 'link'), '5: kit.vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\n    vxlan id 9 local 198.18.0.2 srcport 0 0 dstport 4789 nolearning ttl auto\n');
    const lines = changing(run());
    assert.equal(lines[0], 'ip link del dev kit.vxlan');
    assert.equal(lines[1], 'ip link add kit.vxlan type vxlan id 7 local 198.18.0.2 dstport 4789 nolearning');
  });

  it('fails loudly when the state file lacks what it needs', () => {
    writeFileSync(join(dir, 'overlay.json'), '{\n  "vni": 7,\n}\n');
    assert.throws(() => run(), (error: unknown) => {
      assert.match(String((error as { stderr?: Buffer }).stderr), /overlay-up: .*cannot read DEV/u);
      return true;
    });
  });

  it('comes with a oneshot unit that restores the overlay at boot', () => {
    const unit = renderOverlayUnit();
    for (const line of ['Type=oneshot', 'RemainAfterExit=yes', 'After=network-online.target', 'ExecStart=/usr/local/lib/kit/overlay-up.sh', 'WantedBy=multi-user.target']) {
      assert.ok(unit.split('\n').includes(line), `missing ${line}`);
    }
  });
});
