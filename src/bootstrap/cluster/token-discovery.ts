import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse } from 'yaml';
import { discoveryTokenCaCertHash } from '../../certs/discovery-hash.ts';
import type { BootstrapToken } from './bootstrap-token.ts';
import { DiscoveryError } from './discovery-error.ts';

export interface DiscoveredCluster {
  readonly server: string;
  readonly caCertPem: string;
  /** `sha256:<hex>` of the CA's public key, as `kubeadm join --discovery-token-ca-cert-hash`. */
  readonly caCertHash: string;
}

/** `signed`: discovery done; `unsigned`: the bootstrap signer has not signed for this token yet (retry). */
export type DiscoveryResult = { readonly state: 'signed'; readonly cluster: DiscoveredCluster } | { readonly state: 'unsigned' };

/**
 * kubeadm's token discovery, done by kit: the cluster-info kubeconfig must carry a detached
 * JWS (HS256, keyed with the token's secret) for the token's id — proof that whoever holds
 * the token's secret published it — and its CA's public key must hash to the pinned value.
 */
export function verifyClusterInfo(data: Readonly<Record<string, string>>, token: BootstrapToken, pinnedCaHash: string): DiscoveryResult {
  const kubeconfig = data['kubeconfig'];
  if (kubeconfig === undefined) throw new DiscoveryError('the cluster-info ConfigMap has no kubeconfig');
  const jws = data[`jws-kubeconfig-${token.id}`];
  if (jws === undefined) return { state: 'unsigned' };
  const [header, payload, signature] = jws.split('.');
  if (header === undefined || payload !== '' || signature === undefined) throw new DiscoveryError(`the signature jws-kubeconfig-${token.id} is not a detached JWS`);
  const fields = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
  if (fields.alg !== 'HS256' || fields.kid !== token.id) throw new DiscoveryError(`the signature's header says alg=${String(fields.alg)} kid=${String(fields.kid)}, expected HS256 and ${token.id}`);
  const expected = createHmac('sha256', token.secret).update(`${header}.${Buffer.from(kubeconfig).toString('base64url')}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DiscoveryError(`cluster-info is not signed with token ${token.id}: someone else published it, or the token was replaced`);
  }
  const cluster = onlyCluster(kubeconfig);
  const caHash = discoveryTokenCaCertHash(cluster.caCertPem);
  if (caHash !== pinnedCaHash) throw new DiscoveryError(`cluster-info's CA hashes to ${caHash}, not the pinned ${pinnedCaHash}`);
  return { state: 'signed', cluster: { ...cluster, caCertHash: caHash } };
}

function onlyCluster(kubeconfig: string): { server: string; caCertPem: string } {
  const config = parse(kubeconfig) as { clusters?: { cluster?: Record<string, unknown> }[] } | null;
  const cluster = config?.clusters?.[0]?.cluster;
  const server = cluster?.['server'];
  const ca = cluster?.['certificate-authority-data'];
  if (typeof server !== 'string' || typeof ca !== 'string') throw new DiscoveryError('the cluster-info kubeconfig names no server or CA');
  return { server, caCertPem: Buffer.from(ca, 'base64').toString('utf8') };
}
