import assert from 'node:assert/strict';
import { callConflist } from '../../../src/cni/cni-call.ts';
import type { CniConflist } from '../../../src/cni/cni-call.ts';
import { CNI_CONFLIST_PATH } from '../../../src/cni/overlay-names.ts';
import type { Host } from '../../../src/host/host.ts';

/** A pod as a runtime makes one: a network namespace wired up by the node's CNI conflist. */
export interface TestPod {
  readonly name: string;
  readonly host: Host;
  readonly ip: string;
  readonly conflist: CniConflist;
  readonly result: unknown;
}

const netnsPath = (name: string): string => `/var/run/netns/${name}`;

/** `ip netns add`, loopback (the runtime's own call), then the conflist's ADD chain. */
export async function addPod(host: Host, name: string): Promise<TestPod> {
  await host.exec(['ip', 'netns', 'add', name]);
  const content = await host.download(CNI_CONFLIST_PATH);
  assert.ok(content !== undefined, `${host.name} has no ${CNI_CONFLIST_PATH}`);
  const conflist = JSON.parse(content.toString('utf8')) as CniConflist;
  const args = { containerId: name, netns: netnsPath(name), ifName: 'eth0' };
  await callConflist(host, { conflist: loopbackList(conflist.cniVersion), command: 'ADD', args: { ...args, ifName: 'lo' } });
  const result = await callConflist(host, { conflist, command: 'ADD', args });
  const ips = (result as { ips?: { address?: string }[] }).ips ?? [];
  const ip = ips[0]?.address?.split('/')[0];
  assert.ok(ip !== undefined, `${host.name}: CNI ADD for ${name} returned no IP: ${JSON.stringify(result)}`);
  return { name, host, ip, conflist, result };
}

/** CNI DEL with the cached ADD result, as libcni does, then the namespace goes. */
export async function deletePod(pod: TestPod): Promise<void> {
  const args = { containerId: pod.name, netns: netnsPath(pod.name), ifName: 'eth0' };
  await callConflist(pod.host, { conflist: pod.conflist, command: 'DEL', args, cachedResult: pod.result });
  await callConflist(pod.host, { conflist: loopbackList(pod.conflist.cniVersion), command: 'DEL', args: { ...args, ifName: 'lo' } });
  await pod.host.exec(['ip', 'netns', 'del', pod.name], { allowedExitCodes: [0, 1] });
}

function loopbackList(cniVersion: string): CniConflist {
  return { cniVersion, name: 'cni-loopback', plugins: [{ type: 'loopback' }] };
}

/** One ICMP echo from a pod's namespace; true when it was answered. */
export async function podPing(from: TestPod, to: string, options: { size?: number; dontFragment?: boolean } = {}): Promise<{ ok: boolean; output: string }> {
  const argv = ['ip', 'netns', 'exec', from.name, 'ping', '-c', '1', '-W', '3',
    ...(options.dontFragment === true ? ['-M', 'do'] : []), ...(options.size === undefined ? [] : ['-s', String(options.size)]), to];
  const result = await from.host.exec(argv, { allowedExitCodes: [0, 1, 2] });
  return { ok: result.exitCode === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Every ordered pair of pods whose ping failed, as `a → b: output`; empty when all reached each other. */
export async function unreachablePairs(pods: readonly TestPod[]): Promise<string[]> {
  const failures: string[] = [];
  for (const from of pods) {
    for (const to of pods) {
      if (from === to) continue;
      const outcome = await podPing(from, to.ip);
      if (!outcome.ok) failures.push(`${from.name}@${from.host.name} → ${to.name} ${to.ip}: ${outcome.output.split('\n').slice(-2).join(' ')}`);
    }
  }
  return failures;
}

/**
 * A TCP echo of the peer's address, in a pod's namespace or (netns undefined) the host's own,
 * run as a transient systemd unit so it outlives the SSH command: lets a test see the source
 * address a connection arrived with. Returns the unit to stop.
 */
export async function startPeerEcho(host: Host, netns: string | undefined, port: number): Promise<string> {
  const unit = `kit-e2e-echo-${netns ?? 'host'}-${port}`;
  const prefix = netns === undefined ? [] : ['ip', 'netns', 'exec', netns];
  await host.exec(['systemd-run', `--unit=${unit}`, '--collect', ...prefix, 'socat', `TCP-LISTEN:${port},fork,reuseaddr`, 'SYSTEM:echo "$SOCAT_PEERADDR"']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const listening = await host.exec([...prefix, 'ss', '-Htln', `sport = :${port}`]);
    if (listening.stdout.trim() !== '') return unit;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${host.name}: socat did not start listening on ${port} (${netns ?? 'host namespace'})`);
}

/** Connects from a namespace (a pod's, or the host's own when `netns` is undefined) and returns what the echo said. */
export async function tcpAsk(host: Host, netns: string | undefined, ip: string, port: number): Promise<string> {
  const prefix = netns === undefined ? [] : ['ip', 'netns', 'exec', netns];
  const result = await host.exec([...prefix, 'socat', '-T', '5', '-', `TCP:${ip}:${port},connect-timeout=5`], { stdin: '' });
  return result.stdout.trim();
}
