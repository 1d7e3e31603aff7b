import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import { parseKubeconfig, renderKubeconfig } from '../../../src/certs/kubeconfig.ts';
import type { Pki } from '../../../src/certs/pki.ts';
import { PkiError } from '../../../src/certs/pki-error.ts';
import { fileOf, hostsAfterDelivery, testSpec, withFile } from './pki-fixtures.ts';

// ECDSA keys generate in a millisecond, which keeps these many rebuilds fast; the logic is the same for RSA.
const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });
const DAY_MS = 86_400_000;

const actions = (pki: Pki, action: string): string[] => pki.decisions.filter((decision) => decision.action === action).map((decision) => decision.id).sort();

describe('buildPki on a re-run', () => {
  let first: Pki;
  let onHosts: ReturnType<typeof hostsAfterDelivery>;

  before(async () => {
    first = await buildPki({ spec });
    onHosts = hostsAfterDelivery(first);
  });

  it('reuses everything when nothing changed', async () => {
    const again = await buildPki({ spec, existing: { onHosts } });
    assert.deepEqual(actions(again, 'reused').length, again.decisions.length);
    assert.deepEqual(hostsAfterDelivery(again), onHosts, 'every file is byte-for-byte the same');
    assert.equal(again.decisions.find((decision) => decision.id === 'apiserver@cp2')?.source, 'host cp2');
  });

  it('re-issues only the API server certificates when a SAN is added', async () => {
    const changed = await buildPki({ spec: { ...spec, extraSans: [...spec.extraSans, 'new.kit.test'] }, existing: { onHosts } });
    assert.deepEqual(actions(changed, 'reissued'), ['apiserver@cp1', 'apiserver@cp2', 'apiserver@cp3']);
    assert.match(changed.decisions.find((decision) => decision.id === 'apiserver@cp1')?.reasons.join() ?? '', /SANs changed \(\+new\.kit\.test\)/);
    assert.equal(actions(changed, 'reused').length, changed.decisions.length - 3);
    assert.equal(fileOf(changed, 'ca', '/etc/kubernetes/pki/ca.crt'), fileOf(first, 'ca', '/etc/kubernetes/pki/ca.crt'));
  });

  it('re-issues leaves that expire within the threshold, never the CAs', async () => {
    const later = await buildPki({ spec, existing: { onHosts }, now: new Date(Date.now() + 340 * DAY_MS) });
    assert.deepEqual(actions(later, 'reused'), ['ca', 'etcd-ca', 'front-proxy-ca', 'sa']);
    assert.match(later.decisions.find((decision) => decision.id === 'admin.conf')?.reasons.join() ?? '', /^expires /);
  });

  it('re-issues a leaf that is missing, unparsable, of another key or of another CA', async () => {
    const other = await buildPki({ spec });
    let broken = withFile(onHosts, 'cp1', '/etc/kubernetes/pki/apiserver.crt', undefined);
    broken = withFile(broken, 'cp2', '/etc/kubernetes/pki/etcd/peer.crt', 'not a certificate');
    broken = withFile(broken, 'cp3', '/etc/kubernetes/pki/front-proxy-client.key', fileOf(other, 'front-proxy-client@cp3', '/etc/kubernetes/pki/front-proxy-client.key'));
    broken = withFile(broken, 'cp3', '/etc/kubernetes/pki/etcd/server.crt', fileOf(other, 'etcd-server@cp3', '/etc/kubernetes/pki/etcd/server.crt'));
    broken = withFile(broken, 'cp3', '/etc/kubernetes/pki/etcd/server.key', fileOf(other, 'etcd-server@cp3', '/etc/kubernetes/pki/etcd/server.key'));
    const again = await buildPki({ spec, existing: { onHosts: broken } });
    assert.deepEqual(actions(again, 'reissued'), ['apiserver@cp1', 'etcd-peer@cp2', 'etcd-server@cp3', 'front-proxy-client@cp3']);
    const reasons = Object.fromEntries(again.decisions.map((decision) => [decision.id, decision.reasons.join('; ')]));
    assert.equal(reasons['apiserver@cp1'], 'missing (host cp1)');
    assert.equal(reasons['etcd-peer@cp2'], 'certificate unparsable (host cp2)');
    assert.equal(reasons['front-proxy-client@cp3'], 'key unparsable or not the certificate\'s key (host cp3)');
    assert.equal(reasons['etcd-server@cp3'], 'not signed by the etcd-ca CA in use (host cp3)');
  });

  it('rewrites a kubeconfig around its certificate when only the server changed', async () => {
    const moved = await buildPki({ spec: { ...spec, controlPlaneEndpoint: { host: '198.18.0.200', port: 8443 } }, existing: { onHosts } });
    const decision = moved.decisions.find((candidate) => candidate.id === 'admin.conf');
    assert.equal(decision?.action, 'rerendered');
    assert.deepEqual(decision.reasons, ['server https://api.kit.test:6443, want https://198.18.0.200:8443']);
    const before = parseKubeconfig(fileOf(first, 'admin.conf', '/etc/kubernetes/admin.conf'));
    const after = parseKubeconfig(fileOf(moved, 'admin.conf', '/etc/kubernetes/admin.conf'));
    assert.equal(after?.clientCertPem, before?.clientCertPem);
    assert.equal(after?.server, 'https://198.18.0.200:8443');
    assert.equal(actions(moved, 'reissued').length, 3, 'the API server certificates name the endpoint');
  });

  it('refuses a host whose CA differs from the one in use, naming host, file and fingerprints', async () => {
    const foreign = await buildPki({ spec });
    const mixed = withFile(onHosts, 'w1', '/etc/kubernetes/pki/ca.crt', fileOf(foreign, 'ca', '/etc/kubernetes/pki/ca.crt'));
    await assert.rejects(buildPki({ spec, existing: { onHosts: mixed } }), (error: unknown) => {
      assert.ok(error instanceof PkiError);
      assert.equal(error.code, 'PKI_INVALID');
      assert.match(error.message, /^host w1: \/etc\/kubernetes\/pki\/ca\.crt is a different ca CA \(SHA-256 [0-9A-F:]{95}\) than the one from host cp1 \(SHA-256 [0-9A-F:]{95}\)/);
      assert.ok(error.message.includes(first.cas.get('ca')?.cert.fingerprint256 ?? 'x'));
      assert.ok(error.message.includes(foreign.cas.get('ca')?.cert.fingerprint256 ?? 'x'));
      return true;
    });
    const inHand = { cluster: new Map([['/etc/kubernetes/pki/etcd/ca.crt', Buffer.from(fileOf(foreign, 'etcd-ca', '/etc/kubernetes/pki/etcd/ca.crt'))]]), nodes: new Map(), label: '--pki-dir ./pki' };
    await assert.rejects(buildPki({ spec, existing: { onHosts, inHand } }), /^PkiError: host cp1: \/etc\/kubernetes\/pki\/etcd\/ca\.crt is a different etcd-ca CA .* than the one from --pki-dir \.\/pki/);
  });

  it('refuses service-account keys that differ between control planes', async () => {
    const foreign = await buildPki({ spec });
    const mixed = withFile(onHosts, 'cp3', '/etc/kubernetes/pki/sa.key', fileOf(foreign, 'sa', '/etc/kubernetes/pki/sa.key'));
    await assert.rejects(buildPki({ spec, existing: { onHosts: mixed } }), /host cp3: \/etc\/kubernetes\/pki\/sa\.key .* differs from the one from host cp1/);
  });

  it('brings kube-proxy.conf to a host that lacks it from a host that has it', async () => {
    const partial = withFile(onHosts, 'w1', '/etc/kubernetes/kube-proxy.conf', undefined);
    const again = await buildPki({ spec, existing: { onHosts: partial } });
    assert.equal(again.decisions.find((decision) => decision.id === 'kube-proxy.conf')?.action, 'reused');
    assert.equal(fileOf(again, 'kube-proxy.conf', '/etc/kubernetes/kube-proxy.conf'), fileOf(first, 'kube-proxy.conf', '/etc/kubernetes/kube-proxy.conf'));
  });

  it('re-issues a kubeconfig that is not YAML kit can read', async () => {
    const config = parseKubeconfig(fileOf(first, 'scheduler.conf@cp1', '/etc/kubernetes/scheduler.conf'));
    assert.ok(config !== undefined);
    const stripped = renderKubeconfig({ ...config, clientKeyPem: '' }).replace(/client-key-data.*\n/, '');
    const broken = withFile(onHosts, 'cp1', '/etc/kubernetes/scheduler.conf', stripped);
    const again = await buildPki({ spec, existing: { onHosts: broken } });
    assert.deepEqual(actions(again, 'reissued'), ['scheduler.conf@cp1']);
  });
});
