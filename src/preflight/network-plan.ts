import type { HostFacts } from './host-facts.ts';
import type { PreflightSettings, RoleSelector } from './preflight-settings.ts';
import type { PreflightNode } from './preflight-types.ts';

/** A port one host must be able to open on another. */
export interface PortRequirement {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  readonly purpose: string;
}

function matches(selector: RoleSelector, node: PreflightNode): boolean {
  return selector === 'any' || node.roles.includes(selector);
}

/** What `from` must reach on `to`: the reachability rules that fit their roles, plus the overlay. */
export function pairRequirements(from: PreflightNode, to: PreflightNode, settings: PreflightSettings): readonly PortRequirement[] {
  const tcp = settings.reachability
    .filter((rule) => matches(rule.from, from) && matches(rule.to, to))
    .map((rule) => ({ protocol: rule.protocol, port: rule.port, purpose: rule.purpose }));
  return [...tcp, { protocol: 'udp', port: settings.overlay.port, purpose: 'the overlay network' }];
}

/** Why a port on a host cannot be probed, or `up` when a test listener (or nothing needed) is there. */
export type ListenerStatus = 'up' | 'busy' | 'failed' | 'no-socat';

/** The ports a host must listen on for its peers' probes, and which of them cannot be. */
export interface ListenPlan {
  readonly tcp: readonly number[];
  readonly udp: readonly number[];
  /** `t:6443` / `u:4789` → why no listener will be started there. */
  readonly unavailable: ReadonlyMap<string, ListenerStatus>;
}

export function listenerKey(protocol: 'tcp' | 'udp', port: number): string {
  return `${protocol === 'tcp' ? 't' : 'u'}:${port}`;
}

/** Decides the listeners for one target host from what its peers need and what its facts show. */
export function planListeners(
  target: PreflightNode,
  peers: readonly PreflightNode[],
  facts: HostFacts,
  settings: PreflightSettings,
): ListenPlan {
  const wanted = new Map<string, PortRequirement>();
  for (const peer of peers) {
    if (peer.name === target.name) continue;
    for (const need of pairRequirements(peer, target, settings)) wanted.set(listenerKey(need.protocol, need.port), need);
  }
  const tcp: number[] = [];
  const udp: number[] = [];
  const unavailable = new Map<string, ListenerStatus>();
  for (const [key, need] of wanted) {
    const busy = facts.listeners?.some((listener) => listener.protocol === need.protocol && listener.port === need.port) ?? false;
    if (busy) unavailable.set(key, 'busy');
    else if (facts.tools['socat'] === undefined) unavailable.set(key, 'no-socat');
    else (need.protocol === 'tcp' ? tcp : udp).push(need.port);
  }
  return { tcp: tcp.sort((a, b) => a - b), udp, unavailable };
}
