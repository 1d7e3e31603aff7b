import { MANAGED_BY_LABEL } from '../addon.ts';
import type { KubernetesObject } from '../manifest-yaml.ts';
import { COREDNS_ACCOUNT, COREDNS_NAMESPACE } from './coredns-rbac.ts';
import type { CoreDnsSpec } from './coredns-spec.ts';

/** The label kube-dns's Service selects on; kubeadm kept the kube-dns name for compatibility. */
const APP = { 'k8s-app': 'kube-dns' } as const;
const HEALTH_PORT = 8080;
const READY_PORT = 8181;

/**
 * kubeadm's CoreDNS Deployment: replicas spread over nodes where possible, scheduled on
 * tainted control planes too (a one-node cluster still gets DNS), `dnsPolicy: Default` so
 * CoreDNS itself resolves through the node, not through itself.
 */
export function coreDnsDeployment(spec: CoreDnsSpec): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: COREDNS_NAMESPACE, labels: { ...APP, ...MANAGED_BY_LABEL } },
    spec: {
      replicas: spec.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { ...APP } },
      template: {
        metadata: { labels: { ...APP } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: COREDNS_ACCOUNT,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: spec.controlPlaneTaintKey, effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [coreDnsContainer(spec)],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

function coreDnsContainer(spec: CoreDnsSpec): Record<string, unknown> {
  return {
    name: 'coredns',
    image: spec.image,
    // The image comes from the bundle, already imported on every node: never pull it.
    imagePullPolicy: 'IfNotPresent',
    resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    args: ['-conf', '/etc/coredns/Corefile'],
    volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
    ports: [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
      { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
      { containerPort: HEALTH_PORT, name: 'liveness-probe', protocol: 'TCP' },
      { containerPort: READY_PORT, name: 'readiness-probe', protocol: 'TCP' },
    ],
    livenessProbe: { httpGet: { path: '/health', port: HEALTH_PORT, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
    readinessProbe: { httpGet: { path: '/ready', port: READY_PORT, scheme: 'HTTP' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
  };
}
