import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOverlayState, renderOverlayState } from '../../../src/cni/overlay-state-file.ts';
import { stateFor } from './overlay-fixtures.ts';

describe('overlay state file', () => {
  it('renders one scalar per line and one node per line', () => {
    const text = renderOverlayState(stateFor('node1'));
    const lines = text.split('\n');
    assert.ok(lines.includes('  "vni": 7,'));
    assert.ok(lines.includes('  "self": {"name": "node1", "address": "198.18.0.2", "mac": "02:6b:c6:12:00:02", "vtep": "10.244.0.0", "podSubnet": "10.244.0.0/24"},'));
    assert.ok(lines.includes('    {"name": "node2", "address": "198.18.0.3", "mac": "02:6b:c6:12:00:03", "vtep": "10.244.1.0", "podSubnet": "10.244.1.0/24"},'));
    assert.ok(lines.includes('    {"name": "node3", "address": "198.18.0.4", "mac": "02:6b:c6:12:00:04", "vtep": "10.244.2.0", "podSubnet": "10.244.2.0/24"}'));
  });

  it('reads back exactly what it wrote', () => {
    const state = stateFor('node2');
    assert.deepEqual(parseOverlayState(renderOverlayState(state), 'node2:/etc/kit/overlay.json'), state);
  });

  it('renders a node without peers as valid JSON', () => {
    const state = stateFor('node1', [{ name: 'node1', address: '198.18.0.2', podSubnet: '10.244.0.0/24' }]);
    assert.deepEqual(parseOverlayState(renderOverlayState(state), 'x').peers, []);
  });

  it('names the host and file when the content is not a kit state', () => {
    assert.throws(() => parseOverlayState('{"vni": 1', 'node2:/etc/kit/overlay.json'), /node2:\/etc\/kit\/overlay\.json is not a kit overlay state file/u);
    const wrong = renderOverlayState(stateFor('node1')).replace('"mac": "02:6b:c6:12:00:03"', '"mac": "zz"');
    assert.throws(() => parseOverlayState(wrong, 'node1:/etc/kit/overlay.json'), /peers\.0\.mac/u);
  });
});
