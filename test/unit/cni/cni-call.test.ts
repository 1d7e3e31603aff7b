import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cniEnvironment, describeFailure, pluginNetconf, pluginOrder } from '../../../src/cni/cni-call.ts';
import type { CniConflist } from '../../../src/cni/cni-call.ts';
import { renderCniConflist } from '../../../src/cni/cni-conflist.ts';

const CONFLIST = JSON.parse(renderCniConflist({ cniVersion: '1.0.0', podSubnet: '10.244.1.0/24', mtu: 1450 })) as CniConflist;

describe('CNI calls as libcni makes them', () => {
  it('gives each plugin its own object plus the list name and version', () => {
    const first = pluginNetconf({ conflist: CONFLIST, index: 0 });
    assert.equal(first['type'], 'bridge');
    assert.equal(first['name'], 'kit');
    assert.equal(first['cniVersion'], '1.0.0');
    assert.equal('prevResult' in first, false);
    assert.equal('plugins' in first, false);
  });

  it('chains the previous result and passes only capabilities the plugin declares', () => {
    const prevResult = { cniVersion: '1.0.0', ips: [{ address: '10.244.1.2/24' }] };
    const mappings = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    const second = pluginNetconf({ conflist: CONFLIST, index: 1, prevResult, capabilityArgs: { portMappings: mappings, bandwidth: { ingressRate: 1 } } });
    assert.deepEqual(second['prevResult'], prevResult);
    assert.deepEqual(second['runtimeConfig'], { portMappings: mappings });
    const bridge = pluginNetconf({ conflist: CONFLIST, index: 0, capabilityArgs: { portMappings: mappings } });
    assert.equal('runtimeConfig' in bridge, false);
  });

  it('calls plugins forwards on ADD and CHECK, backwards on DEL', () => {
    assert.deepEqual(pluginOrder('ADD', 3), [0, 1, 2]);
    assert.deepEqual(pluginOrder('CHECK', 3), [0, 1, 2]);
    assert.deepEqual(pluginOrder('DEL', 3), [2, 1, 0]);
  });

  it('sets the CNI_* environment of the spec', () => {
    assert.deepEqual(cniEnvironment('ADD', { containerId: 'c1', netns: '/var/run/netns/pod1', ifName: 'eth0', args: { K8S_POD_NAME: 'web', K8S_POD_NAMESPACE: 'default' } }), [
      'CNI_COMMAND=ADD', 'CNI_CONTAINERID=c1', 'CNI_NETNS=/var/run/netns/pod1', 'CNI_IFNAME=eth0', 'CNI_PATH=/opt/cni/bin',
      'CNI_ARGS=K8S_POD_NAME=web;K8S_POD_NAMESPACE=default',
    ]);
  });

  it('reads the spec error object, else the tail of stderr', () => {
    assert.equal(describeFailure('{"code":11,"msg":"failed to allocate","details":"range is full"}', '', 1), 'failed to allocate (range is full) [CNI error 11]');
    assert.equal(describeFailure('', 'exec format error\n', 126), 'exit 126: exec format error');
  });
});
