import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderAuditPolicy } from '../../../../src/bootstrap/render/audit-policy.ts';
import { renderEncryptionConfig } from '../../../../src/bootstrap/render/encryption-config.ts';
import { EncryptionKeyError } from '../../../../src/bootstrap/render/encryption-key-error.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster } from '../fixtures.ts';

const KEY = Buffer.alloc(32, 1).toString('base64');
const ENCRYPTING = { features: { auditLog: false, encryptionAtRest: true, kubeletServerTlsBootstrap: false } };

interface Rule { level: string; nonResourceURLs?: string[]; resources?: { group: string; resources: string[] }[]; verbs?: string[] }

describe('renderAuditPolicy', () => {
  for (const version of ALL_VERSIONS) {
    it(`${version}: is an audit.k8s.io/v1 Policy that never logs secret bodies`, () => {
      const policy = parse(renderAuditPolicy(testCluster(version))) as { apiVersion: string; kind: string; rules: Rule[] };
      assert.equal(policy.apiVersion, 'audit.k8s.io/v1');
      assert.equal(policy.kind, 'Policy');
      // First match wins: the rule that covers secrets must come before any Request-level rule.
      const secretsRule = policy.rules.findIndex((rule) => rule.resources?.some((r) => r.group === '' && r.resources.includes('secrets')));
      const firstRequest = policy.rules.findIndex((rule) => rule.level === 'Request' || rule.level === 'RequestResponse');
      assert.ok(secretsRule >= 0 && secretsRule < firstRequest);
      assert.equal(policy.rules[secretsRule]?.level, 'Metadata');
      assert.equal(policy.rules.at(-1)?.level, 'Metadata');
    });
  }
});

describe('renderEncryptionConfig', () => {
  for (const version of ALL_VERSIONS) {
    it(`${version}: encrypts Secrets with the given keys, first one first, identity last`, () => {
      const second = Buffer.alloc(32, 2).toString('base64');
      const config = parse(renderEncryptionConfig({ cluster: testCluster(version), keys: [{ name: 'k2', secret: second }, { name: 'k1', secret: KEY }] }));
      assert.equal(config.apiVersion, 'apiserver.config.k8s.io/v1');
      assert.equal(config.kind, 'EncryptionConfiguration');
      assert.deepEqual(config.resources, [{
        resources: ['secrets'],
        providers: [{ secretbox: { keys: [{ name: 'k2', secret: second }, { name: 'k1', secret: KEY }] } }, { identity: {} }],
      }]);
    });
  }

  for (const [what, keys] of [
    ['no key', []],
    ['a 16-byte key', [{ name: 'k1', secret: Buffer.alloc(16, 3).toString('base64') }]],
    ['a key that is not base64', [{ name: 'k1', secret: 'not base64!'.padEnd(44, '?') }]],
    ['a name used twice', [{ name: 'k1', secret: KEY }, { name: 'k1', secret: KEY }]],
    ['an upper-case name', [{ name: 'Key', secret: KEY }]],
  ] as const) {
    it(`refuses ${what}, without putting a secret in the message`, () => {
      assert.throws(() => renderEncryptionConfig({ cluster: testCluster('v1.37'), keys }), (error: unknown) => {
        assert.ok(error instanceof EncryptionKeyError);
        for (const key of keys) assert.ok(!error.message.includes(key.secret) && !(error.hint ?? '').includes(key.secret));
        return true;
      });
    });
  }

  it('is written 0600 on control planes, and refused when the cluster encrypts but no key came', () => {
    const cluster = testCluster('v1.37', ENCRYPTING);
    const files = renderNodeFiles({ cluster, node: controlPlaneNode(), encryptionKeys: [{ name: 'k1', secret: KEY }] });
    const config = files.find((file) => file.path === '/etc/kubernetes/encryption-config.yaml');
    assert.equal(config?.mode, 0o600);
    assert.throws(() => renderNodeFiles({ cluster, node: controlPlaneNode() }), EncryptionKeyError);
  });
});
