import { isIP } from 'node:net';
import { firstServiceIp } from './first-service-ip.ts';
import { allNodes } from './pki-cluster-spec.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { PkiError } from './pki-error.ts';

/** Every problem at once, so one run shows all there is to fix. */
export function validatePkiSpec(spec: PkiClusterSpec): void {
  const problems: string[] = [];
  if (spec.controlPlanes.length === 0) problems.push('controlPlanes: at least one control-plane node is needed');
  if (!Number.isInteger(spec.kubernetesMinor) || spec.kubernetesMinor < 1) problems.push(`kubernetesMinor: ${spec.kubernetesMinor} is not a minor version such as 31`);
  const seen = new Set<string>();
  for (const node of allNodes(spec)) {
    if (seen.has(node.name)) problems.push(`node ${node.name}: the name is used twice`);
    seen.add(node.name);
    if (isIP(node.internalAddress) === 0) problems.push(`node ${node.name}: internalAddress "${node.internalAddress}" is not an IP address`);
  }
  if (!isSanName(spec.controlPlaneEndpoint.host)) problems.push(`controlPlaneEndpoint.host "${spec.controlPlaneEndpoint.host}" is neither an IP address nor a DNS name`);
  for (const san of spec.extraSans) {
    if (!isSanName(san)) problems.push(`extraSans: "${san}" is neither an IP address nor a DNS name (a leading *. is allowed)`);
  }
  try {
    firstServiceIp(spec.serviceSubnet);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  for (const [field, seconds] of Object.entries(spec.validity ?? {})) {
    if (!(typeof seconds === 'number' && seconds > 0)) problems.push(`validity.${field}: ${String(seconds)} is not a positive number of seconds`);
  }
  if (problems.length > 0) {
    throw new PkiError(`the cluster description cannot make a PKI:\n  ${problems.join('\n  ')}`, { hint: 'Fix these inventory fields and re-run.' });
  }
}

/** An IP address, or an RFC 1123 DNS name that may start with a `*.` wildcard label. */
function isSanName(value: string): boolean {
  const label = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';
  return isIP(value) !== 0 || (value.length <= 253 && new RegExp(`^(\\*\\.)?${label}(\\.${label})*$`, 'i').test(value));
}
