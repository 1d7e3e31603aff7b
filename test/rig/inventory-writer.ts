import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { RigRole } from './rig-state.ts';
import { RIG_BUNDLE_DIR } from './rig-paths.ts';

export interface InventoryHost {
  readonly name: string;
  readonly address: string;
  readonly roles: readonly RigRole[];
}

export interface RigInventoryInput {
  readonly clusterName: string;
  readonly hosts: readonly InventoryHost[];
  readonly keyPath: string;
  readonly knownHostsPath: string;
  /** The offline bundle kit installs from; the machine's cached rig bundle by default. */
  readonly bundlePath?: string;
}

/** Fixed cluster settings for rig clusters: the pod and service subnets sit in 198.19.0.0/16. */
export const RIG_CLUSTER = {
  kubernetesVersion: 'v1.20.2',
  podSubnet: '198.19.0.0/17',
  serviceSubnet: '198.19.128.0/20',
  dnsDomain: 'cluster.local',
} as const;

/** Renders a kit inventory for the rig's hosts (see inventory.example.yaml for the format). */
export function renderInventory(input: RigInventoryInput): string {
  const document = {
    apiVersion: 'kit/v1',
    cluster: { name: input.clusterName, ...RIG_CLUSTER },
    ssh: { user: 'root', port: 22, keyFile: input.keyPath, knownHostsFile: input.knownHostsPath },
    hosts: input.hosts.map((host) => ({ name: host.name, address: host.address, roles: [...host.roles] })),
    network: { plugin: 'vxlan', vxlan: { vni: 1, port: 4789 } },
    artifacts: { source: 'bundle', path: input.bundlePath ?? RIG_BUNDLE_DIR },
  };
  return `# Written by the kit test rig for rig ${input.clusterName}; rewritten whenever its hosts change.\n${stringify(document)}`;
}

/** known_hosts lines pinning each host's own key by address. */
export function renderKnownHosts(entries: readonly { address: string; hostKey: string }[]): string {
  return entries.map((entry) => `${entry.address} ${entry.hostKey}\n`).join('');
}

export async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}
