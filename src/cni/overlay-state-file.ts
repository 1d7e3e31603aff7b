import { z } from 'zod';
import { NetworkConfigError } from './network-config-error.ts';
import type { OverlayEndpoint, OverlayState } from './overlay-state.ts';

/**
 * /etc/kit/overlay.json. kit writes it in one fixed layout — one scalar per line, one node per
 * line — because overlay-up.sh reads it at boot with sed: hosts have no JSON tool. It stays
 * valid JSON, so kit itself reads it back with JSON.parse (to learn each node's pod subnet).
 */
export const OVERLAY_STATE_VERSION = 1;

export function renderOverlayState(state: OverlayState): string {
  const scalar = (key: string, value: string | number): string => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`;
  const peers = state.peers.map((peer, index) => `    ${endpointLine(peer)}${index < state.peers.length - 1 ? ',' : ''}`);
  return [
    '{',
    scalar('managedBy', 'kit'),
    scalar('version', OVERLAY_STATE_VERSION),
    scalar('device', state.device),
    scalar('vni', state.vni),
    scalar('port', state.port),
    scalar('mtu', state.mtu),
    scalar('clusterSubnet', state.clusterSubnet),
    scalar('serviceSubnet', state.serviceSubnet),
    `  "self": ${endpointLine(state.self)},`,
    '  "peers": [',
    ...peers,
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Key order is part of the format: the boot script's sed expects exactly this. */
function endpointLine(endpoint: OverlayEndpoint): string {
  const fields = (['name', 'address', 'mac', 'vtep', 'podSubnet'] as const).map((key) => `${JSON.stringify(key)}: ${JSON.stringify(endpoint[key])}`);
  return `{${fields.join(', ')}}`;
}

const endpointSchema = z.object({
  name: z.string().min(1),
  address: z.string().min(1),
  mac: z.string().regex(/^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/u),
  vtep: z.string().min(1),
  podSubnet: z.string().min(1),
});

const stateSchema = z.object({
  managedBy: z.literal('kit'),
  version: z.literal(OVERLAY_STATE_VERSION),
  device: z.string().min(1),
  vni: z.number().int(),
  port: z.number().int(),
  mtu: z.number().int(),
  clusterSubnet: z.string(),
  serviceSubnet: z.string(),
  self: endpointSchema,
  peers: z.array(endpointSchema),
});

/** Reads a host's overlay.json back; `where` (e.g. `node-2:/etc/kit/overlay.json`) goes into errors. */
export function parseOverlayState(text: string, where: string): OverlayState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw corrupt(where, error instanceof Error ? error.message : String(error), error);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(where, `${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`, parsed.error);
  }
  const data = parsed.data;
  return {
    device: data.device, vni: data.vni, port: data.port, mtu: data.mtu,
    clusterSubnet: data.clusterSubnet, serviceSubnet: data.serviceSubnet, self: data.self, peers: data.peers,
  };
}

function corrupt(where: string, detail: string, cause: unknown): NetworkConfigError {
  return new NetworkConfigError(`${where} is not a kit overlay state file (${detail})`, {
    hint: 'kit writes this file; if it was edited by hand, restore it from another run or remove it and reset the node, since the node\'s pod subnet is recorded there.',
    cause,
  });
}
