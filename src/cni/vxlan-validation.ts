import { error } from './network-validation.ts';
import type { NetworkProblem } from './network-validation.ts';
import { OVERLAY_DEVICE, VXLAN_OVERHEAD } from './overlay-names.ts';
import type { VxlanLink } from './overlay-parsers.ts';

const VNI = ['network', 'vxlan', 'vni'];
const PORT = ['network', 'vxlan', 'port'];
const MTU = ['network', 'vxlan', 'mtu'];
const MAX_VNI = 16_777_215;
/** The smallest MTU every IPv4 host must accept (RFC 791). */
const MIN_IPV4_MTU = 576;

export interface HostVxlanFacts {
  readonly name: string;
  /** VXLAN devices on the host (parseVxlanLink of `ip -d link show type vxlan`, one per device). */
  readonly vxlanLinks: readonly VxlanLink[];
  /** UDP sockets listening on the host; `process` undefined means a kernel socket. */
  readonly udpListeners: readonly { readonly port: number; readonly process: string | undefined }[];
  /** MTU of the interface carrying the internal address. */
  readonly underlayMtu?: number;
}

/**
 * VNI and port against the ranges and against what already runs on the hosts. Two VXLAN
 * devices may share a UDP port (the kernel shares the socket) but not VNI and port together;
 * any other program or kernel tunnel on the port takes the packets meant for kit.vxlan.
 */
export function checkVxlanSettings(options: { readonly vni: number; readonly port: number; readonly mtu?: number; readonly hosts: readonly HostVxlanFacts[] }): NetworkProblem[] {
  const problems: NetworkProblem[] = [];
  if (!Number.isInteger(options.vni) || options.vni < 1 || options.vni > MAX_VNI) {
    problems.push(error(VNI, `VNI ${options.vni} is outside 1–${MAX_VNI} (VXLAN network identifiers have 24 bits)`, 'Use 1 unless another VXLAN network shares these hosts.'));
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    problems.push(error(PORT, `UDP port ${options.port} is outside 1–65535`, 'Use 4789 (the IANA VXLAN port) or 8472 (the Linux default).'));
  }
  if (options.mtu !== undefined && options.mtu < MIN_IPV4_MTU) {
    problems.push(error(MTU, `MTU ${options.mtu} is below ${MIN_IPV4_MTU}, the least every IPv4 host must accept`, 'Omit network.vxlan.mtu to derive it from the hosts.'));
  }
  for (const host of options.hosts) problems.push(...hostClashes(host, options), ...mtuProblems(host, options.mtu));
  return problems;
}

function hostClashes(host: HostVxlanFacts, options: { readonly vni: number; readonly port: number }): NetworkProblem[] {
  const foreign = host.vxlanLinks.filter((link) => link.name !== OVERLAY_DEVICE);
  const twin = foreign.find((link) => link.vni === options.vni && link.port === options.port);
  if (twin !== undefined) {
    return [error(VNI, `host ${host.name} already has VXLAN device ${twin.name} with VNI ${options.vni} on UDP port ${options.port}: the kernel refuses a second one`, `Pick another network.vxlan.vni, or remove ${twin.name} (another overlay such as flannel?).`)];
  }
  const onPort = host.udpListeners.filter((listener) => listener.port === options.port);
  const program = onPort.find((listener) => listener.process !== undefined);
  if (program !== undefined) {
    return [error(PORT, `UDP port ${options.port} on host ${host.name} is taken by ${program.process}`, 'Pick another network.vxlan.port, or stop that program.')];
  }
  const vxlanOnPort = host.vxlanLinks.some((link) => link.port === options.port);
  if (onPort.length > 0 && !vxlanOnPort) {
    return [error(PORT, `UDP port ${options.port} on host ${host.name} is taken by a kernel socket that is no VXLAN device (another tunnel: GENEVE, FOU, WireGuard?)`, 'Pick another network.vxlan.port.')];
  }
  return [];
}

function mtuProblems(host: HostVxlanFacts, mtu: number | undefined): NetworkProblem[] {
  if (mtu === undefined || host.underlayMtu === undefined) return [];
  const limit = host.underlayMtu - VXLAN_OVERHEAD;
  if (mtu <= limit) return [];
  return [error(MTU, `MTU ${mtu} does not fit host ${host.name}: its underlay MTU ${host.underlayMtu} − ${VXLAN_OVERHEAD} bytes of VXLAN headers = ${limit}; larger pod packets would be dropped`, `Set network.vxlan.mtu to ${limit} or less, or omit it to derive it.`)];
}
