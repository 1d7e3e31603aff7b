import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCniVersion, renderCniConflist, runtimeCniVersionLimit } from '../../../src/cni/cni-conflist.ts';

// What Debian bookworm's containernetworking-plugins 1.1.1 prints for CNI_COMMAND=VERSION.
const PLUGINS_1_1 = '{"cniVersion":"1.0.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0"]}';
const PLUGINS_0_9 = '{"cniVersion":"0.4.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0"]}';

describe('CNI conflist', () => {
  it('renders bridge kit0 with host-local in the node subnet, then portmap', () => {
    const conflist = JSON.parse(renderCniConflist({ cniVersion: '1.0.0', podSubnet: '10.244.2.0/24', mtu: 1450 })) as Record<string, unknown>;
    assert.equal(conflist['cniVersion'], '1.0.0');
    assert.equal(conflist['name'], 'kit');
    const [bridge, portmap] = conflist['plugins'] as Record<string, unknown>[];
    assert.deepEqual(bridge, {
      type: 'bridge', bridge: 'kit0', isGateway: true, isDefaultGateway: true, ipMasq: false, hairpinMode: true, mtu: 1450,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.244.2.0/24', gateway: '10.244.2.1' }]] },
    });
    assert.deepEqual(portmap, { type: 'portmap', snat: true, capabilities: { portMappings: true } });
  });

  it('chooses 1.0.0 for plugins 1.x and a containerd 1.6+', () => {
    const outputs = { bridge: PLUGINS_1_1, 'host-local': PLUGINS_1_1, portmap: PLUGINS_1_1 };
    assert.equal(chooseCniVersion({ versionOutputs: outputs, runtimeMax: runtimeCniVersionLimit({ major: 1, minor: 6 }) }), '1.0.0');
  });

  it('falls back to 0.4.0 when one plugin or the runtime is older', () => {
    assert.equal(chooseCniVersion({ versionOutputs: { bridge: PLUGINS_1_1, portmap: PLUGINS_0_9 } }), '0.4.0');
    assert.equal(chooseCniVersion({ versionOutputs: { bridge: PLUGINS_1_1 }, runtimeMax: runtimeCniVersionLimit({ major: 1, minor: 5 }) }), '0.4.0');
    assert.equal(runtimeCniVersionLimit({ major: 2, minor: 0 }), '1.0.0');
  });

  it('says which plugin supports what when nothing fits', () => {
    assert.throws(
      () => chooseCniVersion({ versionOutputs: { bridge: '{"supportedVersions":["0.3.1"]}' } }),
      /no CNI version kit writes \(1\.0\.0, 0\.4\.0\) is supported by all CNI plugins \(bridge: 0\.3\.1\)/u,
    );
    assert.throws(() => chooseCniVersion({ versionOutputs: { bridge: 'Segmentation fault' } }), /bridge answered VERSION with something that is not JSON/u);
  });
});
