import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderBootstrapKubeconfig } from '../../../../src/bootstrap/cluster/bootstrap-kubeconfig.ts';
import { bootstrapTokenSecret, generateBootstrapToken, TOKEN_PATTERN, tokenString } from '../../../../src/bootstrap/cluster/bootstrap-token.ts';
import type { BootstrapToken } from '../../../../src/bootstrap/cluster/bootstrap-token.ts';
import { clusterInfoKubeconfig } from '../../../../src/bootstrap/cluster/cluster-info.ts';
import { DiscoveryError } from '../../../../src/bootstrap/cluster/discovery-error.ts';
import { verifyClusterInfo } from '../../../../src/bootstrap/cluster/token-discovery.ts';
import { discoveryTokenCaCertHash } from '../../../../src/certs/discovery-hash.ts';
import { issueCaCertificate } from '../../../../src/certs/issue-certificate.ts';
import { generateKeyPair } from '../../../../src/certs/key-pair.ts';

/** What kube-controller-manager's bootstrap signer writes: a detached HS256 JWS keyed with the token secret. */
function sign(kubeconfig: string, token: Pick<BootstrapToken, 'id' | 'secret'>, alg = 'HS256'): string {
  const header = Buffer.from(JSON.stringify({ alg, kid: token.id })).toString('base64url');
  const signature = createHmac('sha256', token.secret).update(`${header}.${Buffer.from(kubeconfig).toString('base64url')}`).digest('base64url');
  return `${header}..${signature}`;
}

async function newCa(): Promise<string> {
  const key = await generateKeyPair('ecdsa-p256');
  return issueCaCertificate({ subject: { commonName: 'kubernetes', organizations: [] }, key, validity: { now: new Date(), seconds: 3600 } });
}

describe('token discovery (kubeadm --discovery-token-ca-cert-hash, done by kit)', () => {
  let ca = '';
  let otherCa = '';
  let token: BootstrapToken;
  let kubeconfig = '';
  before(async () => {
    ca = await newCa();
    otherCa = await newCa();
    token = generateBootstrapToken();
    kubeconfig = clusterInfoKubeconfig({ server: 'https://198.18.0.11:6443', caCertPem: ca });
  });

  it('accepts cluster-info signed with the token whose CA matches the pin, and returns server and CA', () => {
    const result = verifyClusterInfo({ kubeconfig, [`jws-kubeconfig-${token.id}`]: sign(kubeconfig, token) }, token, discoveryTokenCaCertHash(ca));
    assert.equal(result.state, 'signed');
    assert.ok(result.state === 'signed');
    assert.equal(result.cluster.server, 'https://198.18.0.11:6443');
    assert.equal(result.cluster.caCertPem, ca);
  });

  it('says unsigned (retry) while the signer has not signed for this token yet', () => {
    assert.deepEqual(verifyClusterInfo({ kubeconfig, 'jws-kubeconfig-zzzzzz': 'x..y' }, token, discoveryTokenCaCertHash(ca)), { state: 'unsigned' });
  });

  it('refuses a signature made with another secret, a tampered kubeconfig, a non-HS256 header, or a CA that is not the pinned one', () => {
    const pin = discoveryTokenCaCertHash(ca);
    const forged = sign(kubeconfig, { id: token.id, secret: 'aaaaaaaaaaaaaaaa' });
    assert.throws(() => verifyClusterInfo({ kubeconfig, [`jws-kubeconfig-${token.id}`]: forged }, token, pin), DiscoveryError);
    const tampered = kubeconfig.replace('198.18.0.11', '198.18.0.66');
    assert.throws(() => verifyClusterInfo({ kubeconfig: tampered, [`jws-kubeconfig-${token.id}`]: sign(kubeconfig, token) }, token, pin), /not signed with token/u);
    assert.throws(() => verifyClusterInfo({ kubeconfig, [`jws-kubeconfig-${token.id}`]: sign(kubeconfig, token, 'none') }, token, pin), /alg=none/u);
    assert.throws(() => verifyClusterInfo({ kubeconfig, [`jws-kubeconfig-${token.id}`]: sign(kubeconfig, token) }, token, discoveryTokenCaCertHash(otherCa)), /not the pinned/u);
  });

  it('generates kubeadm-shaped tokens with an expiry, and a Secret with both usages and kit\'s group', () => {
    const now = new Date('2026-11-29T06:00:00.000Z');
    const generated = generateBootstrapToken(30 * 60_000, now);
    assert.match(tokenString(generated), new RegExp(`^${TOKEN_PATTERN.source}$`, 'u'));
    assert.notEqual(generateBootstrapToken().secret, generateBootstrapToken().secret);
    const secret = bootstrapTokenSecret(generated) as { type: string; metadata: { name: string }; stringData: Record<string, string> };
    assert.equal(secret.type, 'bootstrap.kubernetes.io/token');
    assert.equal(secret.metadata.name, `bootstrap-token-${generated.id}`);
    assert.equal(secret.stringData['expiration'], '2026-11-29T06:30:00Z');
    assert.equal(secret.stringData['usage-bootstrap-authentication'], 'true');
    assert.equal(secret.stringData['usage-bootstrap-signing'], 'true');
    assert.match(secret.stringData['auth-extra-groups'] ?? '', /^system:bootstrappers:/u);
  });

  it('renders the bootstrap kubeconfig with the token and the discovered CA, nothing else', () => {
    const text = renderBootstrapKubeconfig({ server: 'https://127.0.0.1:6443', caCertPem: ca, caCertHash: discoveryTokenCaCertHash(ca) }, token, 'rig');
    const config = parse(text) as { clusters: { cluster: Record<string, string> }[]; users: { user: Record<string, string> }[] };
    assert.equal(config.users[0]?.user['token'], tokenString(token));
    assert.deepEqual(Object.keys(config.users[0]?.user ?? {}), ['token']);
    assert.equal(Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString('utf8'), ca);
  });
});
