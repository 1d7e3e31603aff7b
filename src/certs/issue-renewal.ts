import { caRow } from './cert-list.ts';
import { certRequest } from './cert-request.ts';
import { issueLeafCertificate } from './issue-certificate.ts';
import { generateKeyPairs, loadPrivateKey } from './key-pair.ts';
import type { PkiItem } from './pki.ts';
import { DEFAULT_KEY_ALGORITHM, DEFAULT_LEAF_VALIDITY_SECONDS } from './pki-cluster-spec.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { kubeconfigItem, leafItem } from './pki-items.ts';
import type { RenewalPlan } from './renew-plan.ts';
import { pathOf } from './renew-plan.ts';
import type { RenewTarget } from './renew-targets.ts';
import { selectNodes } from './row-instances.ts';

/**
 * New keys and certificates for every planned entry, with the inventory's current subject and
 * SANs and the full leaf validity; kubeconfigs are rendered around them. Nothing is written.
 */
export async function issueRenewal(plan: RenewalPlan, options: { spec: PkiClusterSpec; now?: Date }): Promise<PkiItem[]> {
  const { spec } = options;
  const now = options.now ?? new Date();
  const seconds = spec.validity?.leafSeconds ?? DEFAULT_LEAF_VALIDITY_SECONDS;
  const keys = await generateKeyPairs(spec.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM, plan.entries.length);
  return plan.entries.map((entry, index) => {
    const { target } = entry;
    const key = keys[index];
    const ca = plan.cas.get(target.row.ca);
    if (key === undefined || ca?.keyPem === undefined) throw new Error(`internal: no key or CA for ${target.id}`);
    const request = certRequest(target.row, target.node, spec);
    const certPem = issueLeafCertificate({ request, key, ca: { cert: ca.cert, key: loadPrivateKey(ca.keyPem) }, validity: { now, seconds } });
    const input = { id: target.id, node: target.node, certPem, keyPem: key.privateKeyPem, spec };
    return target.row.kind === 'leaf' ? leafItem(target.row, input) : kubeconfigItem(target.row, { ...input, ca });
  });
}

/**
 * What `planRenewal` needs from one host: CA certificates, CA keys from the first control plane
 * only (kit reads a CA's key from one place), and the certificates being renewed.
 */
export function renewReadRequest(spec: PkiClusterSpec, targets: readonly RenewTarget[], host: string): { contents: string[] } {
  const isFirst = spec.controlPlanes[0]?.name === host;
  const caNames = [...new Set(targets.map((target) => target.row.ca))];
  const caPaths = caNames.flatMap((name) => {
    const row = caRow(name);
    const holds = selectNodes(row.certHosts, spec).some((node) => node.name === host);
    return [...(holds ? [row.certPath] : []), ...(isFirst ? [row.keyPath] : [])];
  });
  const receives = (target: RenewTarget): boolean =>
    target.node === undefined ? selectNodes(target.row.hosts, spec).some((node) => node.name === host) : target.node.name === host;
  const targetPaths = targets.filter(receives).map((target) => pathOf(target.row));
  return { contents: [...new Set([...caPaths, ...targetPaths])] };
}
