import { setTimeout as sleep } from 'node:timers/promises';
import type { Host } from '../../host/host.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { pauseImage } from '../spec/images.ts';
import { kubectl, kubectlApply, kubectlGetJson } from './kubectl.ts';
import { renderManifest } from './manifest.ts';

const LABEL = 'kit.dev/check';
const POD_TIMEOUT_MS = 120_000;

export interface ProbePod {
  readonly node: string;
  readonly ip: string;
}

export interface ReachabilityResult {
  readonly pods: readonly ProbePod[];
  /** `from → pod on node (ip)` pairs that failed. */
  readonly failures: readonly string[];
  readonly checked: number;
  /** Nodes whose pod never got an address, with the pod's phase. */
  readonly notRunning: readonly string[];
}

/**
 * One pause pod pinned to each node (nodeName, every taint tolerated; the image is the one the
 * runtime already has), then a ping from every node to every pod: proves the CNI gave each
 * pod an address and the overlay carries traffic between all nodes. The pods are deleted.
 */
export async function checkPodReachability(input: { readonly anchor: Host; readonly cluster: ClusterSpec; readonly nodes: readonly Host[]; readonly signal?: AbortSignal }): Promise<ReachabilityResult> {
  const { anchor, cluster } = input;
  const signal = input.signal === undefined ? {} : { signal: input.signal };
  const manifest = renderManifest(input.nodes.map((node) => probePod(node.name, pauseImage(cluster))));
  try {
    await applyWhenServiceAccountExists(anchor, cluster, manifest, input.signal);
    const pods = await waitForPodIps(anchor, cluster, input.nodes.map((node) => node.name), input.signal);
    const running = pods.filter((pod) => pod.ip !== '');
    const pairs = input.nodes.flatMap((from) => running.map((pod) => ({ from, pod })));
    const results = await Promise.all(pairs.map(async ({ from, pod }) => {
      // One reply within 10 s (a probe a second): a pod just marked Running may need a moment.
      const ping = await from.exec(['ping', '-c', '1', '-w', '10', pod.ip], { allowedExitCodes: [0, 1, 2, 127], ...signal });
      return ping.exitCode === 0 ? undefined : `${from.name} → pod on ${pod.node} (${pod.ip})${ping.exitCode === 127 ? ': no ping on the host' : ''}`;
    }));
    return {
      pods: running,
      failures: results.filter((failure): failure is string => failure !== undefined),
      checked: pairs.length,
      notRunning: pods.filter((pod) => pod.ip === '').map((pod) => pod.node),
    };
  } finally {
    await kubectl(anchor, cluster, ['delete', 'pods', '-n', 'default', '-l', LABEL, '--ignore-not-found', '--grace-period=0', '--wait=false'], { allowedExitCodes: [0, 1], ...signal });
  }
}

function probePod(node: string, image: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `kit-check-${node}`, namespace: 'default', labels: { [LABEL]: 'reachability', 'app.kubernetes.io/managed-by': 'kit' } },
    spec: {
      nodeName: node,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      tolerations: [{ operator: 'Exists' }],
      containers: [{ name: 'pause', image, imagePullPolicy: 'IfNotPresent' }],
    },
  };
}

/** A brand-new namespace has no `default` ServiceAccount for a few seconds; pods are refused until it exists. */
async function applyWhenServiceAccountExists(host: Host, cluster: ClusterSpec, manifest: string, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await kubectlApply(host, cluster, manifest, signal === undefined ? {} : { signal });
      return;
    } catch (error) {
      if (Date.now() >= deadline || !/serviceaccount/iu.test(String(error))) throw error;
      await sleep(2000, undefined, signal === undefined ? {} : { signal });
    }
  }
}

async function waitForPodIps(host: Host, cluster: ClusterSpec, nodes: readonly string[], signal?: AbortSignal): Promise<ProbePod[]> {
  const deadline = Date.now() + POD_TIMEOUT_MS;
  for (;;) {
    const list = await kubectlGetJson(host, cluster, ['pods', '-n', 'default', '-l', LABEL], signal) as { items?: { spec?: { nodeName?: string }; status?: { podIP?: string; phase?: string } }[] } | undefined;
    const pods = nodes.map((node) => {
      const item = list?.items?.find((candidate) => candidate.spec?.nodeName === node);
      return { node, ip: item?.status?.phase === 'Running' ? item.status.podIP ?? '' : '' };
    });
    if (pods.every((pod) => pod.ip !== '') || Date.now() >= deadline) return pods;
    await sleep(2000, undefined, signal === undefined ? {} : { signal });
  }
}
