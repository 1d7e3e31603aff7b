import { caRow } from './cert-list.ts';
import { describeSubject } from './cert-inspect.ts';
import { certRequest, resolveSubject } from './cert-request.ts';
import type { CertRow } from './cert-row.ts';
import { DEFAULT_CA_VALIDITY_SECONDS, DEFAULT_LEAF_VALIDITY_SECONDS } from './pki-cluster-spec.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { rowInstances, selectNodes } from './row-instances.ts';

/** One line of `kit certs list`: everything a reader needs to recognise a file. */
export interface CertListEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: CertRow['kind'];
  readonly description: string;
  /** `O=…, CN=…`; empty for a key pair. */
  readonly subject: string;
  readonly sans: readonly string[];
  /** The signing CA's subject, `self-signed`, or empty for a key pair. */
  readonly issuer: string;
  readonly usage: string;
  readonly validitySeconds: number | undefined;
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
}

/** CERT_LIST resolved for one cluster: what kit would place, where, and what each says. */
export function describeCertList(spec: PkiClusterSpec): CertListEntry[] {
  const leafSeconds = spec.validity?.leafSeconds ?? DEFAULT_LEAF_VALIDITY_SECONDS;
  const caSeconds = spec.validity?.caSeconds ?? DEFAULT_CA_VALIDITY_SECONDS;
  return rowInstances(spec).map(({ row, node, id }) => {
    const base = { id, name: row.name, kind: row.kind, description: row.description };
    switch (row.kind) {
      case 'ca':
        return { ...base, subject: describeSubject(resolveSubject(row.subject, { node, kubernetesMinor: spec.kubernetesMinor })), sans: [row.subject.commonName], issuer: 'self-signed', usage: 'CA', validitySeconds: caSeconds, paths: [row.certPath, row.keyPath], hosts: names(selectNodes(row.certHosts, spec)) };
      case 'keypair':
        return { ...base, subject: '', sans: [], issuer: '', usage: 'service-account tokens', validitySeconds: undefined, paths: [row.privateKeyPath, row.publicKeyPath], hosts: names(selectNodes(row.hosts, spec)) };
      default: {
        const request = certRequest(row, node, spec);
        const hosts = node === undefined ? names(selectNodes(row.hosts, spec)) : [node.name];
        return {
          ...base,
          subject: describeSubject(request.subject),
          sans: [...request.sans.dnsNames, ...request.sans.ipAddresses],
          issuer: describeSubject(resolveSubject(caRow(row.ca).subject, { node, kubernetesMinor: spec.kubernetesMinor })),
          usage: request.usage,
          validitySeconds: leafSeconds,
          paths: row.kind === 'leaf' ? [row.certPath, row.keyPath] : [row.path],
          hosts,
        };
      }
    }
  });
}

function names(nodes: readonly { name: string }[]): string[] {
  return nodes.map((node) => node.name);
}
