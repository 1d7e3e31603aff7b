/** Which Kubernetes object: enough to find it with kubectl. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** A set of objects kit applies with kubectl on the first control plane, as one file. */
export interface Addon {
  /** File name on the host and key in messages: `coredns`, `network`. */
  readonly name: string;
  /** How the run log names it: `CoreDNS 1.7.0`, `CNI manifest calico.yaml`. */
  readonly title: string;
  /** The manifest, exactly as applied. */
  readonly manifest: string;
  readonly objects: readonly ObjectRef[];
}

/** The label kit puts on the objects it renders itself, so a reader of the cluster knows who owns them. */
export const MANAGED_BY_LABEL = { 'app.kubernetes.io/managed-by': 'kit' } as const;

/** How `kubectl get -o name` prints an object: `deployment.apps/coredns`, `configmap/coredns`. */
export function kubectlName(ref: ObjectRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : `.${ref.apiVersion.slice(0, slash)}`;
  return `${ref.kind.toLowerCase()}${group}/${ref.name}`;
}
