import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDnsLabel, isDnsSubdomain, isHostname, isLabelKey, isLabelValue, toDnsLabel } from '../../../src/inventory/dns-names.ts';
import { formatEndpoint, parseEndpoint } from '../../../src/inventory/endpoint.ts';
import { contractPath, expandPath } from '../../../src/inventory/expand-path.ts';
import { DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS, resolveKubernetesVersion } from '../../../src/inventory/kubernetes-versions.ts';

describe('DNS and label names', () => {
  it('applies RFC 1123 to labels and subdomains', () => {
    assert.equal(isDnsLabel('prod-eu1'), true);
    for (const bad of ['Prod', '-a', 'a-', 'a_b', 'a.b', '', 'x'.repeat(64)]) assert.equal(isDnsLabel(bad), false, bad);
    assert.equal(isDnsSubdomain('node-1.example.com'), true);
    assert.equal(isDnsSubdomain('node..com'), false);
    assert.equal(isDnsSubdomain(`${'a'.repeat(63)}.`.repeat(4) + 'a'), false, 'longer than 253');
  });

  it('accepts host names in any case but not mistyped IPv4 addresses', () => {
    assert.equal(isHostname('API.Example.com'), true);
    assert.equal(isHostname('10.0.0.300'), false);
    assert.equal(isHostname('node_1'), false);
  });

  it('checks Kubernetes label keys and values', () => {
    assert.equal(isLabelKey('topology.kubernetes.io/zone'), true);
    assert.equal(isLabelKey('app'), true);
    assert.equal(isLabelKey('Bad Key'), false);
    assert.equal(isLabelKey('a/b/c'), false);
    assert.equal(isLabelValue(''), true);
    assert.equal(isLabelValue('eu1-a'), true);
    assert.equal(isLabelValue('-x'), false);
  });

  it('suggests a valid label for a bad name', () => {
    assert.equal(toDnsLabel('CP_1'), 'cp-1');
    assert.equal(toDnsLabel('--My Cluster!!'), 'my-cluster');
  });
});

describe('Kubernetes versions', () => {
  it('defaults to the newest supported version', () => {
    assert.equal(DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS[0]);
    assert.equal(DEFAULT_KUBERNETES_VERSION, 'v1.37.1');
  });

  it('accepts any patch of a supported minor, with or without v', () => {
    assert.equal(resolveKubernetesVersion('v1.36.3'), 'v1.36.3');
    assert.equal(resolveKubernetesVersion('1.36.3'), 'v1.36.3');
    assert.equal(resolveKubernetesVersion('v1.36'), 'v1.36.5');
    assert.equal(resolveKubernetesVersion('v1.20.2'), 'v1.20.2');
  });

  it('refuses unsupported minors and malformed text', () => {
    for (const text of ['v1.19.3', 'v1.38.0', 'v2.0.0', 'latest', 'v1.36.3-rc.1', '']) assert.equal(resolveKubernetesVersion(text), undefined, text);
  });
});

describe('endpoints and paths', () => {
  it('parses host[:port] with a default port and bracketed IPv6', () => {
    assert.deepEqual(parseEndpoint('api.example.com', 6443), { host: 'api.example.com', port: 6443 });
    assert.deepEqual(parseEndpoint('10.0.0.1:8443', 6443), { host: '10.0.0.1', port: 8443 });
    assert.deepEqual(parseEndpoint('[fd00::1]:6443', 1), { host: 'fd00::1', port: 6443 });
    for (const bad of ['fd00::1', 'api:0', 'api:65536', 'api:', '[10.0.0.1]:6443', 'a b:1', 'api:06443']) assert.equal(parseEndpoint(bad, 6443), undefined, bad);
    assert.equal(formatEndpoint({ host: 'fd00::1', port: 6443 }), '[fd00::1]:6443');
  });

  it('expands ~ and relative paths and contracts them back', () => {
    const base = { homeDir: '/home/kit', baseDir: '/srv/inv' };
    assert.equal(expandPath('~/.ssh/id', base), '/home/kit/.ssh/id');
    assert.equal(expandPath('~', base), '/home/kit');
    assert.equal(expandPath('keys/id', base), '/srv/inv/keys/id');
    assert.equal(expandPath('/etc/../etc/key', base), '/etc/key');
    assert.equal(contractPath('/home/kit/.ssh/id', '/home/kit'), '~/.ssh/id');
    assert.equal(contractPath('/home/kitty/id', '/home/kit'), '/home/kitty/id');
  });
});
