import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OVERLAY_JUMPS, jumpCheckCommand, jumpInsertCommand, renderOverlayRules } from '../../../src/cni/overlay-rules.ts';

function required<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}

describe('overlay iptables rules', () => {
  const rules = renderOverlayRules({ clusterSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' });
  const lines = rules.split('\n');

  it('keeps pod-to-pod and pod-to-service sources and masquerades the rest, in that order', () => {
    const nat = lines.filter((line) => line.startsWith('-A KIT-POSTROUTING'));
    assert.equal(nat.length, 3);
    assert.match(nat[0] ?? '', /^-A KIT-POSTROUTING -s 10\.244\.0\.0\/16 -d 10\.244\.0\.0\/16 .* -j RETURN$/u);
    assert.match(nat[1] ?? '', /^-A KIT-POSTROUTING -s 10\.244\.0\.0\/16 -d 10\.96\.0\.0\/12 .* -j RETURN$/u);
    assert.match(nat[2] ?? '', /^-A KIT-POSTROUTING -s 10\.244\.0\.0\/16 ! -d 224\.0\.0\.0\/4 .* -j MASQUERADE --random-fully$/u);
  });

  it('declares only kit chains, so --noflush replaces them and nothing else', () => {
    assert.deepEqual(lines.filter((line) => line.startsWith(':')), [':KIT-POSTROUTING - [0:0]', ':KIT-FORWARD - [0:0]']);
    assert.ok(!lines.some((line) => /^-A (POSTROUTING|FORWARD) /u.test(line)), 'jumps are added by -C || -A, never by restore');
    assert.deepEqual(lines.filter((line) => line.startsWith('*') || line === 'COMMIT'), ['*nat', 'COMMIT', '*filter', 'COMMIT']);
  });

  it('checks and adds each jump with the same rule text', () => {
    for (const jump of OVERLAY_JUMPS) {
      const check = jumpCheckCommand(jump);
      const insert = jumpInsertCommand(jump);
      assert.deepEqual(check.slice(-jump.rule.length), jump.rule);
      assert.deepEqual(insert.slice(-jump.rule.length), jump.rule);
    }
    assert.deepEqual(jumpInsertCommand(required(OVERLAY_JUMPS.find((jump) => jump.table === 'filter'))).slice(0, 8), ['iptables', '-w', '5', '-t', 'filter', '-I', 'FORWARD', '1']);
  });
});
