import { setTimeout as sleep } from 'node:timers/promises';
import type { Host } from '../../host/host.ts';
import { discoveryTokenCaCertHash } from '../../certs/discovery-hash.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { bootstrapTokenSecret, generateBootstrapToken, tokenSecretName } from './bootstrap-token.ts';
import type { BootstrapToken } from './bootstrap-token.ts';
import { CLUSTER_INFO } from './cluster-info.ts';
import { DiscoveryError } from './discovery-error.ts';
import { kubectl, kubectlApply, kubectlGetJson } from './kubectl.ts';
import { renderManifest } from './manifest.ts';
import { verifyClusterInfo } from './token-discovery.ts';
import type { DiscoveredCluster } from './token-discovery.ts';

/** The bootstrap signer signs within seconds of a token appearing; a minute means it is not running. */
const SIGNING_TIMEOUT_MS = 60_000;

export interface JoinCredentials {
  readonly token: BootstrapToken;
  readonly cluster: DiscoveredCluster;
}

/**
 * Creates a fresh bootstrap token through the control plane and performs token discovery with
 * it: waits for the bootstrap signer's signature on cluster-info and checks it, and the CA
 * against the hash pinned from kit's own CA. The token goes to the API on stdin only.
 */
export async function createJoinCredentials(host: Host, cluster: ClusterSpec, caCertPem: string, signal?: AbortSignal): Promise<JoinCredentials> {
  const token = generateBootstrapToken();
  await kubectlApply(host, cluster, renderManifest([bootstrapTokenSecret(token)]), signal === undefined ? {} : { signal });
  const pinned = discoveryTokenCaCertHash(caCertPem);
  const deadline = Date.now() + SIGNING_TIMEOUT_MS;
  for (;;) {
    const configMap = await kubectlGetJson(host, cluster, ['configmap', '-n', CLUSTER_INFO.namespace, CLUSTER_INFO.name], signal) as { data?: Record<string, string> } | undefined;
    if (configMap?.data === undefined) throw new DiscoveryError(`${CLUSTER_INFO.namespace}/${CLUSTER_INFO.name} does not exist (the init phase creates it)`);
    const result = verifyClusterInfo(configMap.data, token, pinned);
    if (result.state === 'signed') return { token, cluster: result.cluster };
    if (Date.now() >= deadline) throw new DiscoveryError(`cluster-info was not signed for token ${token.id} within ${SIGNING_TIMEOUT_MS / 1000} s`);
    await sleep(1000, undefined, signal === undefined ? {} : { signal });
  }
}

/** The ids of the bootstrap tokens kit created that still exist (a killed run can leave one). */
export async function listKitTokens(host: Host, cluster: ClusterSpec, signal?: AbortSignal): Promise<string[]> {
  const list = await kubectlGetJson(host, cluster, ['secrets', '-n', 'kube-system', '-l', 'app.kubernetes.io/managed-by=kit', '--field-selector=type=bootstrap.kubernetes.io/token'], signal) as { items?: { metadata?: { name?: string } }[] } | undefined;
  return (list?.items ?? []).flatMap((item) => (item.metadata?.name === undefined ? [] : [item.metadata.name.replace(tokenSecretName(''), '')]));
}

/** Deletes every bootstrap token kit created (this run's and any a killed run left); returns their ids. */
export async function deleteKitTokens(host: Host, cluster: ClusterSpec, signal?: AbortSignal): Promise<string[]> {
  const ids = await listKitTokens(host, cluster, signal);
  if (ids.length > 0) await kubectl(host, cluster, ['delete', 'secret', '-n', 'kube-system', '--ignore-not-found', ...ids.map(tokenSecretName)], signal === undefined ? {} : { signal });
  return ids;
}
