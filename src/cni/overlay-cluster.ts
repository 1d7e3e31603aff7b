import type { Host } from '../host/host.ts';
import { chooseCniVersion } from './cni-conflist.ts';
import type { KitCniVersion } from './cni-conflist.ts';
import { cniEnvironment } from './cni-call.ts';
import { NetworkConfigError } from './network-config-error.ts';
import { overlayFiles } from './overlay-files.ts';
import { CNI_BIN_DIR, OVERLAY_DEVICE } from './overlay-names.ts';
import { planOverlay } from './overlay-plan.ts';
import type { OverlayPlan } from './overlay-plan.ts';
import { readOverlayHost, readPodSubnetAssignments } from './overlay-host.ts';
import { buildOverlayState } from './overlay-state.ts';
import type { OverlayState } from './overlay-state.ts';
import { assignPodSubnets } from './pod-subnets.ts';
import type { PodSubnetAssignment } from './pod-subnets.ts';
import { parseUnderlayMtu } from './underlay.ts';
import { overlayMtu } from './vxlan-identity.ts';

export interface OverlayNodeHost {
  readonly host: Host;
  /** The node's internal address (the VXLAN underlay). */
  readonly address: string;
}

export interface ClusterOverlayRequest {
  readonly nodes: readonly OverlayNodeHost[];
  readonly clusterSubnet: string;
  readonly serviceSubnet: string;
  readonly nodeMaskSize?: number;
  readonly vni: number;
  readonly port: number;
  /** `network.vxlan.mtu`; derived from the hosts when absent. */
  readonly mtu?: number;
  /** The newest CNI version the runtime reads (runtimeCniVersionLimit); default 1.0.0. */
  readonly runtimeCniMax?: KitCniVersion;
}

export interface HostOverlayPlan {
  readonly host: Host;
  readonly state: OverlayState;
  readonly plan: OverlayPlan;
}

export interface ClusterOverlayPlan {
  readonly subnets: PodSubnetAssignment;
  readonly mtu: number;
  readonly cniVersion: KitCniVersion;
  readonly hosts: readonly HostOverlayPlan[];
}

/**
 * Reads every node and plans its overlay: pod subnets kept from the hosts' records, the MTU
 * from the narrowest underlay, the CNI version from the plugins installed. Only reads.
 */
export async function planClusterOverlay(request: ClusterOverlayRequest): Promise<ClusterOverlayPlan> {
  const hosts = request.nodes.map((node) => node.host);
  const subnets = assignPodSubnets({
    clusterSubnet: request.clusterSubnet,
    nodes: hosts.map((host) => host.name),
    existing: await readPodSubnetAssignments(hosts),
    ...(request.nodeMaskSize === undefined ? {} : { nodeMaskSize: request.nodeMaskSize }),
  });
  const mtu = overlayMtu({ configured: request.mtu, underlayMtus: request.mtu === undefined ? await Promise.all(request.nodes.map(readUnderlayMtu)) : [] });
  const cniVersion = await detectCniVersion(hosts, request.runtimeCniMax ?? '1.0.0');
  const nodes = request.nodes.map((node) => ({ name: node.host.name, address: node.address, podSubnet: subnets.subnets.get(node.host.name) ?? '' }));
  const planned = await Promise.all(request.nodes.map(async (node) => {
    const state = buildOverlayState({ self: node.host.name, nodes, settings: { vni: request.vni, port: request.port, mtu }, clusterSubnet: request.clusterSubnet, serviceSubnet: request.serviceSubnet });
    const files = overlayFiles(state, cniVersion);
    return { host: node.host, state, plan: planOverlay(state, files, await readOverlayHost(node.host, files, OVERLAY_DEVICE)) };
  }));
  return { subnets, mtu, cniVersion, hosts: planned };
}

async function readUnderlayMtu(node: OverlayNodeHost): Promise<number> {
  const links = await node.host.exec(['ip', '-o', 'link', 'show']);
  const addresses = await node.host.exec(['ip', '-o', 'addr', 'show']);
  const underlay = parseUnderlayMtu(links.stdout, addresses.stdout, node.address);
  if (underlay === undefined) {
    throw new NetworkConfigError(`${node.host.name}: no interface has the internal address ${node.address}`, {
      hint: `Check the host's internalAddress in the inventory against \`ip -o addr show\` on ${node.host.name}.`,
    });
  }
  return underlay.mtu;
}

/**
 * Asks each plugin the conflist uses which CNI versions it speaks (CNI_COMMAND=VERSION). Where
 * the plugins are not installed yet (a dry run before the artifacts phase) the plan assumes the
 * newest version the runtime reads; the real run asks the installed plugins.
 */
async function detectCniVersion(hosts: readonly Host[], runtimeMax: KitCniVersion): Promise<KitCniVersion> {
  const outputs: Record<string, string> = {};
  for (const host of hosts) {
    for (const plugin of ['bridge', 'host-local', 'portmap']) {
      const env = cniEnvironment('VERSION', { containerId: '', netns: '', ifName: '' });
      const result = await host.exec(['env', ...env, `${CNI_BIN_DIR}/${plugin}`], { stdin: '{"cniVersion":"0.4.0"}', allowedExitCodes: [0, NOT_FOUND] });
      if (result.exitCode === NOT_FOUND) return runtimeMax;
      outputs[`${host.name}:${plugin}`] = result.stdout;
    }
  }
  return chooseCniVersion({ versionOutputs: outputs, runtimeMax });
}

/** env's exit code when the program does not exist. */
const NOT_FOUND = 127;
