import { error, ok, skipped, warn } from './host-check.ts';
import { icmpOverhead } from './network-scripts.ts';
import { isFailure } from './network-observations.ts';
import type { NetworkObservations } from './network-observations.ts';
import { listenerKey, pairRequirements } from './network-plan.ts';
import type { PortRequirement } from './network-plan.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { CheckOutcome, CheckResult, PreflightNode } from './preflight-types.ts';

/** One ordered pair of hosts in the matrix: `from` pinged and probed `to`. */
export interface PairReport {
  readonly from: string;
  readonly to: string;
  /** Average ping round trip, when pings came back. */
  readonly latencyMs?: number;
  readonly lossPercent?: number;
  readonly checks: readonly CheckResult[];
}

interface Pair {
  readonly from: PreflightNode;
  readonly to: PreflightNode;
}

const label = (node: PreflightNode): string => `${node.name} (${node.internalAddress})`;

function pingOutcome({ from, to }: Pair, observations: NetworkObservations, settings: PreflightSettings): CheckOutcome {
  const mesh = observations.mesh.get(from.name);
  if (mesh === undefined || isFailure(mesh)) return skipped(`no ping mesh from ${from.name}${mesh === undefined ? '' : `: ${mesh.failed}`}`);
  const summary = mesh.ping.get(to.internalAddress);
  if (summary === undefined) return skipped(`ping from ${from.name} printed no summary`, `Install ping on ${from.name}: apt-get install -y iputils-ping`);
  if (summary.received === 0) {
    return error(
      `${label(from)} gets no answer to ping from ${label(to)}${summary.error === undefined ? '' : ` (${summary.error})`}`,
      `Allow ICMP between them: on ${to.name} iptables -I INPUT -p icmp -s ${from.internalAddress} -j ACCEPT, on ${from.name} iptables -I INPUT -p icmp -s ${to.internalAddress} -j ACCEPT; check cloud security groups and the route (ip route get ${to.internalAddress} on ${from.name}).`,
    );
  }
  const rtt = `${summary.avgMs?.toFixed(2) ?? '?'} ms`;
  if (summary.lossPercent > 0) {
    return warn(`${summary.lossPercent}% of pings from ${from.name} to ${to.name} were lost (average ${rtt})`, `Check the link between them: mtr ${to.internalAddress} on ${from.name}; look for drops in ip -s link.`);
  }
  if ((summary.avgMs ?? 0) > settings.maxLatencyMs) {
    return warn(`${rtt} round trip from ${from.name} to ${to.name}, above ${settings.maxLatencyMs} ms: etcd and the API server suffer`, 'Put the nodes in one site or raise maxLatencyMs if this is expected.');
  }
  return ok(`${rtt}, no loss`);
}

function mtuOutcome({ from, to }: Pair, observations: NetworkObservations, settings: PreflightSettings): CheckOutcome {
  const needed = settings.overlay.mtu + settings.overlay.encapsulationBytes;
  const mesh = observations.mesh.get(from.name);
  if (mesh === undefined || isFailure(mesh)) return skipped('no ping mesh');
  const plain = mesh.ping.get(to.internalAddress);
  if (plain === undefined || plain.received === 0) return skipped(`not measured: plain pings from ${from.name} to ${to.name} fail`);
  const probe = mesh.mtu.get(to.internalAddress);
  if (probe !== undefined && probe.received > 0) return ok(`packets of ${needed} bytes pass unfragmented`);
  const fix = `Raise the MTU on the path to at least ${needed} (ip link set dev IFACE mtu ${needed}, and on switches/tunnels between), or lower overlay.mtu to the path MTU minus ${settings.overlay.encapsulationBytes}.`;
  if (probe?.reportedMtu !== undefined) {
    return error(`the path MTU from ${from.name} to ${to.name} is ${probe.reportedMtu}; the overlay needs ${needed} (MTU ${settings.overlay.mtu} + ${settings.overlay.encapsulationBytes} bytes of VXLAN)`, fix);
  }
  const payload = needed - icmpOverhead(to.internalAddress);
  return error(`unfragmentable packets of ${needed} bytes from ${from.name} to ${to.name} are lost (ping -M do -s ${payload}): the path MTU is smaller or a hop drops them`, fix);
}

function portOutcome({ from, to }: Pair, need: PortRequirement, observations: NetworkObservations): CheckOutcome {
  const status = observations.listeners.get(to.name)?.get(listenerKey(need.protocol, need.port));
  const where = `${need.protocol.toUpperCase()} ${need.port} on ${label(to)}`;
  if (status === 'busy') return skipped(`not tested: ${need.port}/${need.protocol} on ${to.name} is already taken (see Port-${need.port})`);
  if (status === 'no-socat') return skipped(`not tested: socat is missing on ${to.name}`, `Install socat on ${to.name}: apt-get install -y socat`);
  if (status !== 'up') return skipped(`not tested: the test listener on ${to.name} ${status === 'failed' ? 'did not start' : 'was not set up'}`);
  if (!observations.socat.has(from.name)) return skipped(`not tested: socat is missing on ${from.name}`, `Install socat on ${from.name}: apt-get install -y socat`);
  const allow = `Allow ${need.protocol.toUpperCase()} ${need.port} from ${from.internalAddress} to ${to.internalAddress}: on ${to.name} iptables -I INPUT -p ${need.protocol} --dport ${need.port} -s ${from.internalAddress} -j ACCEPT (and open it in firewalld/ufw or security groups).`;
  if (need.protocol === 'tcp') {
    const probes = observations.probes.get(from.name);
    if (probes === undefined || isFailure(probes)) return skipped(`probes from ${from.name} did not run${probes === undefined ? '' : `: ${probes.failed}`}`);
    const probe = probes.get(`${to.internalAddress} ${need.port}`);
    if (probe === undefined) return skipped(`no result for ${where}`);
    return probe.ok ? ok(`${from.name} opens ${where} (${need.purpose})`) : error(`${from.name} cannot open ${where}, needed by ${need.purpose}: ${probe.reason}`, allow);
  }
  const received = observations.received.get(to.name);
  if (received === undefined || isFailure(received)) return skipped(`could not read what ${to.name} received${received === undefined ? '' : `: ${received.failed}`}`);
  return received.get(need.port)?.has(observations.tokenOf(from.name)) === true
    ? ok(`${to.name} received ${from.name}'s datagram on UDP ${need.port}`)
    : error(`datagrams from ${label(from)} to ${where} (${need.purpose}) did not arrive`, allow);
}

/** Judges one ordered pair from the round's observations. Pure. */
export function evaluatePair(pair: Pair, observations: NetworkObservations, settings: PreflightSettings): PairReport {
  const ping = pingOutcome(pair, observations, settings);
  const ports = pairRequirements(pair.from, pair.to, settings).map((need) => ({
    name: `Reachability-${need.protocol.toUpperCase()}-${need.port}`,
    ...portOutcome(pair, need, observations),
  }));
  const checks: CheckResult[] = [{ name: 'PingMesh', ...ping }, { name: 'PathMTU', ...mtuOutcome(pair, observations, settings) }, ...ports];
  const mesh = observations.mesh.get(pair.from.name);
  const summary = mesh === undefined || isFailure(mesh) ? undefined : mesh.ping.get(pair.to.internalAddress);
  return {
    from: pair.from.name,
    to: pair.to.name,
    ...(summary?.avgMs === undefined ? {} : { latencyMs: summary.avgMs }),
    ...(summary === undefined ? {} : { lossPercent: summary.lossPercent }),
    checks,
  };
}
