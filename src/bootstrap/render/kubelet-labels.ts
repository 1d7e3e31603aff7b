import type { NodeSpec, Taint } from '../spec/cluster-spec.ts';
import { KubeletLabelError } from './kubelet-label-error.ts';

/** Labels in reserved namespaces that the kubelet still sets on itself (the NodeRestriction list). */
const ALLOWED_KEYS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);
const ALLOWED_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];
const RESERVED = ['kubernetes.io', 'k8s.io'];

/** `--node-labels`: sorted `key=value` pairs; throws for a label the kubelet would refuse. */
export function kubeletNodeLabels(node: NodeSpec): string {
  const keys = Object.keys(node.labels).sort();
  for (const key of keys) {
    if (!kubeletMaySet(key)) throw new KubeletLabelError(node.name, key);
  }
  return keys.map((key) => `${key}=${node.labels[key] ?? ''}`).join(',');
}

export function kubeletMaySet(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return true;
  const prefix = key.slice(0, slash);
  const within = (domain: string): boolean => prefix === domain || prefix.endsWith(`.${domain}`);
  if (!RESERVED.some(within)) return true;
  return ALLOWED_KEYS.has(key) || ALLOWED_NAMESPACES.some(within);
}

/** `--register-with-taints` syntax: `key=value:Effect` or `key:Effect`. */
export function formatTaint(taint: Taint): string {
  return taint.value === undefined ? `${taint.key}:${taint.effect}` : `${taint.key}=${taint.value}:${taint.effect}`;
}
