import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { MANAGED_MARKER, parseKubeconfig, renderKubeconfig } from '../../../src/certs/kubeconfig.ts';

const input = {
  clusterName: 'kubernetes',
  server: 'https://[fd00::10]:6443',
  caCertPem: '-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n',
  userName: 'system:node:w1',
  clientCertPem: '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n',
  clientKeyPem: '-----BEGIN EC PRIVATE KEY-----\na2V5\n-----END EC PRIVATE KEY-----\n',
};

describe('renderKubeconfig', () => {
  it('writes kubeadm\'s shape with everything embedded', () => {
    const text = renderKubeconfig(input);
    assert.ok(text.startsWith(`#${MANAGED_MARKER}\n`));
    const config = parse(text) as Record<string, unknown>;
    assert.equal(config['current-context'], 'system:node:w1@kubernetes');
    assert.deepEqual(config['contexts'], [{ name: 'system:node:w1@kubernetes', context: { cluster: 'kubernetes', user: 'system:node:w1' } }]);
    assert.deepEqual(config['clusters'], [{ name: 'kubernetes', cluster: { 'certificate-authority-data': Buffer.from(input.caCertPem).toString('base64'), server: 'https://[fd00::10]:6443' } }]);
    assert.equal(text.includes('BEGIN EC PRIVATE KEY'), false, 'the key is base64 data, not PEM text');
  });

  it('reads back what it wrote', () => {
    assert.deepEqual(parseKubeconfig(renderKubeconfig(input)), input);
  });

  it('returns undefined for what is no kubeconfig', () => {
    assert.equal(parseKubeconfig('::: not yaml'), undefined);
    assert.equal(parseKubeconfig('apiVersion: v1\nkind: Config\n'), undefined);
    assert.equal(parseKubeconfig(renderKubeconfig(input).replace('current-context: system:node:w1@kubernetes', 'current-context: nope')), undefined);
  });
});
