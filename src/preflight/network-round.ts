import type { Host } from '../host/host.ts';
import { fanOut } from '../workflow/fan-out.ts';
import type { HostFacts } from './host-facts.ts';
import type { NetworkObservations, StepFailure } from './network-observations.ts';
import { listenerKey, pairRequirements, planListeners } from './network-plan.ts';
import type { ListenerStatus, ListenPlan } from './network-plan.ts';
import { collectScript, meshScript, probeCommand } from './network-scripts.ts';
import { parseCollectOutput, parseMeshOutput, parseProbeOutput } from './parse-network-round.ts';
import type { MeshResult, TcpProbe } from './parse-network-round.ts';
import type { PreflightProgress, PreflightStep } from './preflight-input.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { PreflightNode } from './preflight-types.ts';

export interface NetworkMember {
  readonly node: PreflightNode;
  readonly host: Host;
  readonly facts: HostFacts;
}

export interface NetworkRoundOptions {
  readonly members: readonly NetworkMember[];
  readonly settings: PreflightSettings;
  readonly runId: string;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((event: PreflightProgress) => void) | undefined;
}

// Listeners outlive a crashed run by at most this long; a normal run stops them itself.
const LISTENER_LIFETIME_SECONDS = 120;

/**
 * Three execs per host, each a barrier across hosts: (1) start listeners and ping every peer,
 * (2) open every TCP port and send every UDP token, (3) read the tokens and stop the listeners.
 * Step 3 runs even when step 2 fails or the run is cancelled, so no listener is left behind.
 */
export async function runNetworkRound(options: NetworkRoundOptions): Promise<NetworkObservations> {
  const { members, settings, runId } = options;
  const nodes = members.map((member) => member.node);
  const plans = new Map(members.map((member) => [member.node.name, planListeners(member.node, nodes, member.facts, settings)]));
  const tokenOf = (name: string): string => `kit-preflight:${runId}:${name}`;
  const socat = new Set(members.filter((member) => member.facts.tools['socat'] !== undefined).map((member) => member.node.name));
  let seen: Pick<NetworkObservations, 'mesh' | 'listeners' | 'probes'>;
  let received: NetworkObservations['received'];
  try {
    const mesh = await step(options, 'mesh', (member) => runMesh(member, options, plans.get(member.node.name)));
    const listeners = new Map(members.map((member) => [member.node.name, listenerStates(plans.get(member.node.name), mesh.get(member.node.name))]));
    const probes = await step(options, 'probe', (member) => runProbes(member, { ...options, listeners, tokenOf, socat }));
    seen = { mesh, listeners, probes };
  } finally {
    // Not cancellable: it is what stops the listeners.
    received = await step({ ...options, signal: undefined }, 'collect', (member) => runCollect(member, runId));
  }
  return { ...seen, received, socat, tokenOf };
}

/** Runs one exec per member under the concurrency bound; a host's failure becomes its StepFailure. */
async function step<R>(options: NetworkRoundOptions, name: PreflightStep, work: (member: NetworkMember) => Promise<R>): Promise<Map<string, R | StepFailure>> {
  const outcome = await fanOut(
    options.members,
    (member) => member.node.name,
    async (member) => {
      options.onProgress?.({ step: name, host: member.node.name, status: 'started' });
      const result = await work(member);
      options.onProgress?.({ step: name, host: member.node.name, status: 'finished' });
      return result;
    },
    { concurrency: options.concurrency, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  options.signal?.throwIfAborted();
  const results = new Map<string, R | StepFailure>([...outcome.results].map(([member, result]) => [member.node.name, result]));
  for (const failure of outcome.failures) {
    options.onProgress?.({ step: name, host: failure.host, status: 'failed' });
    results.set(failure.host, { failed: failure.error instanceof Error ? failure.error.message : String(failure.error) });
  }
  return results;
}

async function runMesh(member: NetworkMember, options: NetworkRoundOptions, plan: ListenPlan | undefined): Promise<MeshResult> {
  const { settings } = options;
  const peers = options.members.filter((peer) => peer.node.name !== member.node.name).map((peer) => peer.node.internalAddress);
  const script = meshScript({
    runId: options.runId,
    listenTcp: plan?.tcp ?? [],
    listenUdp: plan?.udp ?? [],
    listenerLifetimeSeconds: LISTENER_LIFETIME_SECONDS,
    ipv6: member.node.internalAddress.includes(':'),
    peers,
    pingCount: settings.pingCount,
    timeoutSeconds: settings.probeTimeoutSeconds,
    mtuBytes: settings.overlay.mtu + settings.overlay.encapsulationBytes,
  });
  const result = await member.host.exec(['sh', '-c', script], { displayAs: 'preflight: ping mesh', timeoutMs: 60_000, ...signalOf(options.signal) });
  return parseMeshOutput(result.stdout, peers);
}

/** What peers find on a host's ports: the plan's refusals, then what the mesh step started. */
function listenerStates(plan: ListenPlan | undefined, mesh: MeshResult | StepFailure | undefined): ReadonlyMap<string, ListenerStatus> {
  const states = new Map<string, ListenerStatus>(plan?.unavailable ?? []);
  const started = mesh !== undefined && 'listeners' in mesh ? mesh.listeners : new Map<string, ListenerStatus>();
  for (const port of plan?.tcp ?? []) states.set(listenerKey('tcp', port), started.get(listenerKey('tcp', port)) ?? 'failed');
  for (const port of plan?.udp ?? []) states.set(listenerKey('udp', port), started.get(listenerKey('udp', port)) ?? 'failed');
  return states;
}

interface ProbeContext extends NetworkRoundOptions {
  readonly listeners: ReadonlyMap<string, ReadonlyMap<string, ListenerStatus>>;
  readonly tokenOf: (name: string) => string;
  readonly socat: ReadonlySet<string>;
}

async function runProbes(member: NetworkMember, context: ProbeContext): Promise<ReadonlyMap<string, TcpProbe>> {
  if (!context.socat.has(member.node.name)) return new Map();
  const tcp: { address: string; port: number }[] = [];
  const udp: { address: string; port: number }[] = [];
  for (const peer of context.members) {
    if (peer.node.name === member.node.name) continue;
    for (const need of pairRequirements(member.node, peer.node, context.settings)) {
      if (context.listeners.get(peer.node.name)?.get(listenerKey(need.protocol, need.port)) !== 'up') continue;
      (need.protocol === 'tcp' ? tcp : udp).push({ address: peer.node.internalAddress, port: need.port });
    }
  }
  if (tcp.length === 0 && udp.length === 0) return new Map();
  const input = { runId: context.runId, tcp, udp, token: context.tokenOf(member.node.name), timeoutSeconds: context.settings.probeTimeoutSeconds };
  const { shell, script } = probeCommand(input, member.facts.tools['bash'] !== undefined);
  const result = await member.host.exec([shell, '-c', script], { displayAs: 'preflight: port probes', timeoutMs: 60_000, ...signalOf(context.signal) });
  return parseProbeOutput(result.stdout);
}

async function runCollect(member: NetworkMember, runId: string): Promise<ReadonlyMap<number, ReadonlySet<string>>> {
  const result = await member.host.exec(['sh', '-c', collectScript(runId)], { displayAs: 'preflight: stop listeners', timeoutMs: 30_000 });
  return parseCollectOutput(result.stdout);
}

function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
