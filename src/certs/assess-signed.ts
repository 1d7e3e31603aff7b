import { leafProblems, parseCertificate } from './cert-inspect.ts';
import { certRequest, kubeconfigServer } from './cert-request.ts';
import type { CertRequest } from './cert-request.ts';
import type { KubeconfigRow, SignedRow } from './cert-row.ts';
import { parseKubeconfig } from './kubeconfig.ts';
import type { ExistingPki, FileMap, PkiCa } from './pki.ts';
import type { PkiClusterSpec, PkiNode } from './pki-cluster-spec.ts';
import { hostLabel, inHandLabel } from './resolve-shared.ts';
import { receivingNodes } from './row-instances.ts';

export interface SignedInstance {
  readonly id: string;
  readonly row: SignedRow;
  readonly node?: PkiNode;
}

export type Assessment =
  | { readonly kind: 'reuse'; readonly certPem: string; readonly keyPem: string; readonly source: string; readonly rerender: readonly string[] }
  | { readonly kind: 'issue'; readonly reasons: readonly string[] };

export interface AssessOptions {
  readonly spec: PkiClusterSpec;
  readonly existing: ExistingPki;
  readonly ca: PkiCa;
  readonly now: Date;
  readonly renewBeforeSeconds: number;
}

/** Keeps the first existing copy that still fits; otherwise says why it must be (re)issued. */
export function assessSigned(instance: SignedInstance, options: AssessOptions): Assessment {
  const request = certRequest(instance.row, instance.node, options.spec);
  // An external CA cannot re-issue: keep anything that is still valid, however close to expiry.
  const renewBeforeSeconds = options.ca.keyPem === undefined ? 0 : options.renewBeforeSeconds;
  const check = { request, ca: options.ca.cert, caName: options.ca.name, now: options.now, renewBeforeSeconds };
  let firstProblems: readonly string[] | undefined;
  for (const { source, files } of candidates(instance, options)) {
    const found = readCredentials(instance.row, files);
    if (found === undefined) continue;
    const problems = found.problems ?? leafProblems(found.certPem, found.keyPem, check);
    if (problems.length === 0 && found.certPem !== undefined && found.keyPem !== undefined) {
      const rerender = instance.row.kind === 'kubeconfig' ? kubeconfigDrift(instance, files, options, request) : [];
      return { kind: 'reuse', certPem: found.certPem, keyPem: found.keyPem, source, rerender };
    }
    firstProblems ??= problems.map((problem) => `${problem} (${source})`);
  }
  return { kind: 'issue', reasons: firstProblems ?? ['missing'] };
}

interface Credentials {
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly problems?: readonly string[];
}

/** undefined when this copy has nothing for the row at all. */
function readCredentials(row: SignedRow, files: FileMap): Credentials | undefined {
  if (row.kind === 'leaf') {
    const cert = files.get(row.certPath);
    const key = files.get(row.keyPath);
    if (cert === undefined && key === undefined) return undefined;
    return { ...(cert === undefined ? {} : { certPem: cert.toString('utf8') }), ...(key === undefined ? {} : { keyPem: key.toString('utf8') }) };
  }
  const text = files.get(row.path);
  if (text === undefined) return undefined;
  const parsed = parseKubeconfig(text);
  if (parsed === undefined) return { problems: ['kubeconfig unparsable'] };
  return { certPem: parsed.clientCertPem, keyPem: parsed.clientKeyPem };
}

/** Why a kubeconfig whose certificate is fine must still be rewritten. */
function kubeconfigDrift(instance: SignedInstance, files: FileMap, options: AssessOptions, request: CertRequest): string[] {
  const row = instance.row as KubeconfigRow;
  const parsed = parseKubeconfig(files.get(row.path) ?? '');
  if (parsed === undefined) return ['kubeconfig unparsable'];
  const drift: string[] = [];
  const server = kubeconfigServer(row, instance.node, options.spec);
  if (parsed.server !== server) drift.push(`server ${parsed.server}, want ${server}`);
  if (parseCertificate(parsed.caCertPem)?.fingerprint256 !== options.ca.cert.fingerprint256) drift.push('embedded CA differs');
  if (parsed.clusterName !== options.spec.clusterName) drift.push(`cluster name ${parsed.clusterName}`);
  if (parsed.userName !== request.subject.commonName) drift.push(`user ${parsed.userName}`);
  return drift;
}

function candidates(instance: SignedInstance, options: AssessOptions): { source: string; files: FileMap }[] {
  const { existing, spec } = options;
  const list: { source: string; files: FileMap }[] = [];
  const inHand = instance.node === undefined ? existing.inHand?.cluster : existing.inHand?.nodes.get(instance.node.name);
  if (inHand !== undefined) list.push({ source: inHandLabel(existing), files: inHand });
  const nodes = instance.node === undefined ? receivingNodes(instance.row, spec) : [instance.node];
  for (const node of nodes) {
    const files = existing.onHosts?.get(node.name);
    if (files !== undefined) list.push({ source: hostLabel(node.name), files });
  }
  return list;
}

