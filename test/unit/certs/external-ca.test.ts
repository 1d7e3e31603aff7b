import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import { signedBy } from '../../../src/certs/cert-inspect.ts';
import { parseCertificate } from '../../../src/certs/cert-inspect.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { PkiError } from '../../../src/certs/pki-error.ts';
import { fileOf, testSpec } from './pki-fixtures.ts';

const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });
const CA_CRT = '/etc/kubernetes/pki/ca.crt';
const CA_KEY = '/etc/kubernetes/pki/ca.key';

/** What an operator with an external Kubernetes CA hands kit: ca.crt and every leaf it signs. */
function externalHand(issued: Pki, options: { drop?: string } = {}): { label: string; cluster: Map<string, Buffer>; nodes: Map<string, Map<string, Buffer>> } {
  const cluster = new Map<string, Buffer>();
  const nodes = new Map<string, Map<string, Buffer>>();
  for (const item of issued.items) {
    for (const file of item.files) {
      if (file.path === CA_KEY || item.id === options.drop) continue;
      const target = item.node === undefined ? cluster : nodes.get(item.node) ?? new Map<string, Buffer>();
      target.set(file.path, Buffer.from(file.content));
      if (item.node !== undefined) nodes.set(item.node, target);
    }
  }
  return { label: 'external CA files', cluster, nodes };
}

describe('external CA mode', () => {
  let issuedElsewhere: Pki;

  before(async () => {
    issuedElsewhere = await buildPki({ spec });
  });

  it('issues nothing for a CA without its key and keeps the pre-issued leaves', async () => {
    const pki = await buildPki({ spec, existing: { inHand: externalHand(issuedElsewhere) } });
    const caSigned = pki.items.filter((item) => (item.row.kind === 'leaf' || item.row.kind === 'kubeconfig') && item.row.ca === 'ca');
    assert.equal(caSigned.length, 19);
    for (const item of caSigned) {
      assert.equal(pki.decisions.find((decision) => decision.id === item.id)?.action, 'reused', item.id);
    }
    const caItem = pki.items.find((item) => item.id === 'ca');
    assert.deepEqual(caItem?.files.map((file) => file.path), [CA_CRT], 'no CA key is delivered');
    assert.equal(pki.cas.get('ca')?.keyPem, undefined);
  });

  it('names every missing leaf and the directory it belongs in', async () => {
    const hand = externalHand(issuedElsewhere, { drop: 'apiserver@cp2' });
    hand.nodes.get('cp3')?.delete('/etc/kubernetes/controller-manager.conf');
    await assert.rejects(buildPki({ spec, existing: { inHand: hand } }), (error: unknown) => {
      assert.ok(error instanceof PkiError);
      assert.match(error.message, /^external CA mode: kit holds no CA key, so it cannot issue these:\n/);
      assert.match(error.message, /\n {2}apiserver@cp2 \(\/etc\/kubernetes\/pki\/apiserver\.crt\): missing\n/);
      assert.match(error.message, /\n {2}controller-manager\.conf@cp3 \(\/etc\/kubernetes\/controller-manager\.conf\): missing$/m);
      assert.match(error.hint ?? '', /nodes\/<node>/);
      return true;
    });
  });

  it('rejects a pre-issued leaf that does not chain to the external CA', async () => {
    const other = await buildPki({ spec });
    const hand = externalHand(issuedElsewhere);
    hand.nodes.get('cp1')?.set('/etc/kubernetes/pki/apiserver.crt', Buffer.from(fileOf(other, 'apiserver@cp1', '/etc/kubernetes/pki/apiserver.crt')));
    hand.nodes.get('cp1')?.set('/etc/kubernetes/pki/apiserver.key', Buffer.from(fileOf(other, 'apiserver@cp1', '/etc/kubernetes/pki/apiserver.key')));
    await assert.rejects(buildPki({ spec, existing: { inHand: hand } }), /apiserver@cp1 .*: not signed by the ca CA in use \(external CA files\)/);
  });

  it('signs new leaves with a CA brought by the operator (ca.crt + ca.key)', async () => {
    const cluster = new Map([
      [CA_CRT, Buffer.from(fileOf(issuedElsewhere, 'ca', CA_CRT))],
      [CA_KEY, Buffer.from(fileOf(issuedElsewhere, 'ca', CA_KEY))],
    ]);
    const pki = await buildPki({ spec, existing: { inHand: { cluster, nodes: new Map() } } });
    const broughtCa = parseCertificate(fileOf(issuedElsewhere, 'ca', CA_CRT));
    assert.ok(broughtCa !== undefined);
    assert.equal(pki.cas.get('ca')?.cert.fingerprint256, broughtCa.fingerprint256);
    assert.equal(pki.decisions.find((decision) => decision.id === 'ca')?.source, 'the PKI in hand');
    const apiserver = parseCertificate(fileOf(pki, 'apiserver@cp1', '/etc/kubernetes/pki/apiserver.crt'));
    assert.ok(apiserver !== undefined && signedBy(apiserver, broughtCa));
    assert.equal(pki.decisions.find((decision) => decision.id === 'apiserver@cp1')?.action, 'generated');
    assert.equal(pki.decisions.find((decision) => decision.id === 'etcd-ca')?.action, 'generated', 'other CAs are still made');
  });
});
