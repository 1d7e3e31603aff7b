import { isIP } from 'node:net';
import type { CertUsage, KubeconfigRow, SanProfile, SignedRow, SubjectTemplate } from './cert-row.ts';
import { canonicalIp, firstServiceIp } from './first-service-ip.ts';
import { DEFAULT_API_SERVER_BIND_PORT } from './pki-cluster-spec.ts';
import type { PkiClusterSpec, PkiNode } from './pki-cluster-spec.ts';

export interface Subject {
  readonly commonName: string;
  readonly organizations: readonly string[];
}

export interface SubjectAltNames {
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** What a signed row's certificate must say, resolved for one node and one cluster. */
export interface CertRequest {
  readonly subject: Subject;
  readonly sans: SubjectAltNames;
  readonly usage: CertUsage;
}

const NO_SANS: SubjectAltNames = { dnsNames: [], ipAddresses: [] };

/** kubeadm moved admins from system:masters to a bindable group in 1.29. */
export function adminsGroup(kubernetesMinor: number): string {
  return kubernetesMinor >= 29 ? 'kubeadm:cluster-admins' : 'system:masters';
}

export function resolveSubject(template: SubjectTemplate, options: { node: PkiNode | undefined; kubernetesMinor: number }): Subject {
  const fill = (text: string): string =>
    text.replaceAll('{admins}', adminsGroup(options.kubernetesMinor)).replaceAll('{node}', options.node?.name ?? '<node>');
  return { commonName: fill(template.commonName), organizations: template.organizations.map(fill) };
}

export function certRequest(row: SignedRow, node: PkiNode | undefined, spec: PkiClusterSpec): CertRequest {
  const subject = resolveSubject(row.subject, { node, kubernetesMinor: spec.kubernetesMinor });
  const profile = row.kind === 'leaf' ? row.sans : undefined;
  const usage = row.kind === 'leaf' ? row.usage : 'client';
  const sans = profile === undefined ? NO_SANS : subjectAltNames(profile, node, spec);
  return { subject, sans, usage };
}

export function subjectAltNames(profile: SanProfile, node: PkiNode | undefined, spec: PkiClusterSpec): SubjectAltNames {
  const names: string[] = [];
  if (node !== undefined) names.push(node.name, node.internalAddress);
  if (profile === 'etcd') {
    names.push('localhost', '127.0.0.1', '::1');
  } else {
    names.push('kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${spec.dnsDomain}`);
    names.push(firstServiceIp(spec.serviceSubnet), spec.controlPlaneEndpoint.host, ...spec.extraSans);
    // Not in kubeadm's list: kit's node-local load balancer reaches the API servers via 127.0.0.1.
    names.push('127.0.0.1', 'localhost');
  }
  return splitSans(names);
}

/** Sorts names into DNS and IP SANs, dropping duplicates but keeping first-seen order. */
export function splitSans(names: readonly string[]): SubjectAltNames {
  const dnsNames = new Set<string>();
  const ipAddresses = new Set<string>();
  for (const name of names) {
    if (isIP(name) === 0) dnsNames.add(name.toLowerCase());
    else ipAddresses.add(canonicalIp(name));
  }
  return { dnsNames: [...dnsNames], ipAddresses: [...ipAddresses] };
}

export function kubeconfigServer(row: KubeconfigRow, node: PkiNode | undefined, spec: PkiClusterSpec): string {
  if (row.server === 'local-api-server' && node !== undefined) {
    return httpsUrl(node.internalAddress, spec.apiServerBindPort ?? DEFAULT_API_SERVER_BIND_PORT);
  }
  return httpsUrl(spec.controlPlaneEndpoint.host, spec.controlPlaneEndpoint.port);
}

function httpsUrl(host: string, port: number): string {
  return `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
