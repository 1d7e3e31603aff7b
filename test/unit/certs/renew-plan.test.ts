import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { buildPki } from '../../../src/certs/build-pki.ts';
import { certFacts, keyMatches, signedBy } from '../../../src/certs/cert-inspect.ts';
import { issueRenewal, renewReadRequest } from '../../../src/certs/issue-renewal.ts';
import { parseKubeconfig } from '../../../src/certs/kubeconfig.ts';
import type { FileMap, Pki } from '../../../src/certs/pki.ts';
import { PkiError } from '../../../src/certs/pki-error.ts';
import { planRenewal } from '../../../src/certs/renew-plan.ts';
import { resolveRenewTargets } from '../../../src/certs/renew-targets.ts';
import { hostsAfterDelivery, testSpec, withFile } from './pki-fixtures.ts';

const HOUR = 3_600;
const shortSpec = testSpec({ keyAlgorithm: 'ecdsa-p256', validity: { leafSeconds: 2 * HOUR } });
const spec = testSpec({ keyAlgorithm: 'ecdsa-p256' });
const ETCD_CA_KEY = '/etc/kubernetes/pki/etcd/ca.key';
const HEALTHCHECK = '/etc/kubernetes/pki/etcd/healthcheck-client.crt';

function pkiError(run: () => unknown): PkiError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PkiError, String(error));
    return error;
  }
  assert.fail('no PkiError');
}

describe('renewal planning and issuing', () => {
  let pki: Pki;
  let other: Pki;
  let onHosts: Map<string, FileMap>;

  before(async () => {
    [pki, other] = await Promise.all([buildPki({ spec: shortSpec }), buildPki({ spec: shortSpec })]);
    onHosts = hostsAfterDelivery(pki);
  });

  it('re-issues from the existing CA with the same subject and SANs and the full validity', async () => {
    const targets = resolveRenewTargets(['etcd-server', 'admin.conf'], spec);
    const plan = planRenewal({ spec, targets, onHosts });
    assert.deepEqual(plan.entries.map((entry) => entry.hosts), [['cp1'], ['cp2'], ['cp3'], ['cp1', 'cp2', 'cp3']]);
    assert.ok(plan.entries.every((entry) => entry.held.every((held) => held.state === 'ours') && entry.changes.length === 0));
    const now = new Date();
    const items = await issueRenewal(plan, { spec, now });
    const etcdCa = new X509Certificate(pki.cas.get('etcd-ca')?.certPem ?? '');
    const server = items.find((item) => item.id === 'etcd-server@cp2');
    const oldServer = new X509Certificate(onHosts.get('cp2')?.get('/etc/kubernetes/pki/etcd/server.crt') ?? '');
    const newServer = new X509Certificate(server?.files[0]?.content ?? '');
    assert.ok(signedBy(newServer, etcdCa));
    assert.ok(keyMatches(newServer, server?.files[1]?.content ?? ''));
    assert.notEqual(newServer.serialNumber, oldServer.serialNumber);
    assert.deepEqual(certFacts(newServer).subject, certFacts(oldServer).subject);
    assert.deepEqual(certFacts(newServer).sans, certFacts(oldServer).sans);
    const days = (newServer.validToDate.getTime() - now.getTime()) / 86_400_000;
    assert.ok(days > 364.9 && days <= 365, `${days} days`);
    const admin = parseKubeconfig(items.find((item) => item.id === 'admin.conf')?.files[0]?.content ?? '');
    assert.ok(admin !== undefined && signedBy(new X509Certificate(admin.clientCertPem), new X509Certificate(pki.cas.get('ca')?.certPem ?? '')));
    assert.equal(items.find((item) => item.id === 'admin.conf')?.files[0]?.mode, 0o600);
  });

  it('takes the inventory\'s current SANs and says what changed', async () => {
    const grown = testSpec({ keyAlgorithm: 'ecdsa-p256', extraSans: ['k8s.kit.test', 'new.kit.test'] });
    const plan = planRenewal({ spec: grown, targets: resolveRenewTargets(['apiserver@cp1'], grown), onHosts });
    assert.deepEqual(plan.entries[0]?.changes, ['SANs +new.kit.test -198.18.0.100']);
    const [item] = await issueRenewal(plan, { spec: grown });
    assert.match(new X509Certificate(item?.files[0]?.content ?? '').subjectAltName ?? '', /DNS:new\.kit\.test/);
  });

  it('refuses an external CA (certificate without key) with a clear message', () => {
    let hosts: Map<string, FileMap> = onHosts;
    for (const node of ['cp1', 'cp2', 'cp3']) hosts = withFile(hosts, node, ETCD_CA_KEY, undefined);
    const error = pkiError(() => planRenewal({ spec, targets: resolveRenewTargets(['all'], spec), onHosts: hosts }));
    assert.match(error.message, /cannot renew etcd-server@cp1, .*apiserver-etcd-client@cp3: kit holds no key of their CA \(external CA\)/);
    assert.match(error.message, /etcd-ca: cp1 has \/etc\/kubernetes\/pki\/etcd\/ca\.crt but not \/etc\/kubernetes\/pki\/etcd\/ca\.key/);
    assert.doesNotMatch(error.message, /apiserver@cp1/);
    assert.match(error.hint ?? '', /Renew these with your CA/);
    assert.doesNotThrow(() => planRenewal({ spec, targets: resolveRenewTargets(['apiserver', 'admin.conf'], spec), onHosts: hosts }));
  });

  it('reports a certificate another CA signed instead of replacing it, unless forced', () => {
    const foreign = other.items.find((item) => item.id === 'etcd-healthcheck-client@cp3')?.files[0]?.content;
    const hosts = withFile(onHosts, 'cp3', HEALTHCHECK, foreign);
    const targets = resolveRenewTargets(['all'], spec);
    const error = pkiError(() => planRenewal({ spec, targets, onHosts: hosts }));
    assert.match(error.message, /cp3: \/etc\/kubernetes\/pki\/etcd\/healthcheck-client\.crt \(etcd-healthcheck-client@cp3\): signed by CN=etcd-ca, not by the etcd-ca CA/);
    assert.match(error.hint ?? '', /--force/);
    const plan = planRenewal({ spec, targets, onHosts: hosts, force: true });
    assert.equal(plan.entries.find((entry) => entry.target.id === 'etcd-healthcheck-client@cp3')?.held[0]?.state, 'foreign');
    assert.doesNotThrow(() => planRenewal({ spec, targets: resolveRenewTargets(['etcd-server'], spec), onHosts: hosts }));
  });

  it('issues a certificate that is missing on its host', () => {
    const plan = planRenewal({ spec, targets: resolveRenewTargets(['etcd-peer@cp2'], spec), onHosts: withFile(onHosts, 'cp2', '/etc/kubernetes/pki/etcd/peer.crt', undefined) });
    assert.deepEqual(plan.entries[0]?.held, [{ host: 'cp2', state: 'missing' }]);
  });

  it('reads CA keys from the first control plane only, and only what the targets need', () => {
    const targets = resolveRenewTargets(['etcd-server', 'kube-proxy.conf'], spec);
    assert.deepEqual(renewReadRequest(spec, targets, 'cp1').contents.sort(), [
      '/etc/kubernetes/kube-proxy.conf', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/ca.key',
      '/etc/kubernetes/pki/etcd/ca.crt', '/etc/kubernetes/pki/etcd/ca.key', '/etc/kubernetes/pki/etcd/server.crt',
    ]);
    assert.deepEqual(renewReadRequest(spec, targets, 'cp2').contents.sort(), [
      '/etc/kubernetes/kube-proxy.conf', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/etcd/ca.crt', '/etc/kubernetes/pki/etcd/server.crt',
    ]);
    assert.deepEqual(renewReadRequest(spec, targets, 'w1').contents.sort(), ['/etc/kubernetes/kube-proxy.conf', '/etc/kubernetes/pki/ca.crt']);
  });
});
