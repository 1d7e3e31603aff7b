import path from 'node:path';
import { execLocal } from './exec-local.ts';
import { acquireLock } from './lock.ts';
import { RigError } from './rig-error.ts';

/** Rig hosts live in 198.18.0.0/16 (the pod and service subnets use 198.19.0.0/16). */
const NETWORK_PREFIX = '198.18';
/** Each rig gets its own /24 so that two rigs (a test run and a sandbox) can run side by side. */
export const RIG_PREFIX_LENGTH = 24;
export const FIRST_HOST_INDEX = 11;
export const LAST_HOST_INDEX = 254;

export function gatewayAddress(slot: number): string {
  return `${NETWORK_PREFIX}.${slot}.1`;
}

export function hostAddress(slot: number, index: number): string {
  return `${NETWORK_PREFIX}.${slot}.${index}`;
}

/**
 * Picks a free /24 (no interface on the machine has an address in it) and creates the rig's
 * bridge there, under a machine-wide lock so concurrent rigs never pick the same one.
 */
export async function createBridge(options: { bridge: string; lockRoot: string }): Promise<number> {
  const lock = await acquireLock({ dir: path.join(options.lockRoot, 'network.lock'), timeoutMs: 60_000, what: 'rig networks' });
  try {
    if (await linkExists(options.bridge)) {
      throw new RigError(`the bridge ${options.bridge} already exists on this machine`, {
        hint: 'Another rig with the same state directory is running, or a crashed one was not cleaned: run `npm run rig -- down --all`.',
      });
    }
    const used = await usedSlots();
    const slot = Array.from({ length: 256 }, (_, index) => index).find((candidate) => !used.has(candidate));
    if (slot === undefined) throw new RigError(`no free /24 left in ${NETWORK_PREFIX}.0.0/16 for another rig`);
    await execLocal(['ip', 'link', 'add', options.bridge, 'type', 'bridge']);
    await execLocal(['ip', 'addr', 'add', `${gatewayAddress(slot)}/${RIG_PREFIX_LENGTH}`, 'dev', options.bridge]);
    await execLocal(['ip', 'link', 'set', options.bridge, 'up']);
    return slot;
  } finally {
    await lock.release();
  }
}

async function usedSlots(): Promise<Set<number>> {
  const { stdout } = await execLocal(['ip', '-j', '-4', 'addr', 'show']);
  const links = JSON.parse(stdout) as { addr_info?: { local?: string }[] }[];
  const slots = new Set<number>();
  for (const info of links.flatMap((link) => link.addr_info ?? [])) {
    const match = /^198\.18\.(\d+)\.\d+$/u.exec(info.local ?? '');
    if (match?.[1] !== undefined) slots.add(Number(match[1]));
  }
  return slots;
}

/** The rules that keep the rig isolated: nothing is forwarded between its bridge and any other interface. */
function forwardRules(bridge: string): string[][] {
  const comment = ['-m', 'comment', '--comment', `kit rig ${bridge}`, '-j', 'DROP'];
  return [
    ['FORWARD', '-i', bridge, '!', '-o', bridge, ...comment],
    ['FORWARD', '-o', bridge, '!', '-i', bridge, ...comment],
  ];
}

const FIREWALLS = ['iptables', 'ip6tables'] as const;

export async function addForwardRules(bridge: string): Promise<void> {
  for (const tool of FIREWALLS) {
    for (const rule of forwardRules(bridge)) {
      const present = await execLocal([tool, '-w', '-C', ...rule], { allowFail: true });
      if (present.exitCode !== 0) await execLocal([tool, '-w', '-I', ...rule]);
    }
  }
}

/** Deletes every copy of the rig's rules (a crashed run may have added them twice). */
export async function removeForwardRules(bridge: string): Promise<void> {
  for (const tool of FIREWALLS) {
    for (const rule of forwardRules(bridge)) {
      while ((await execLocal([tool, '-w', '-D', ...rule], { allowFail: true })).exitCode === 0) {
        // Deleted one copy; look for another.
      }
    }
  }
}

export async function linkExists(name: string): Promise<boolean> {
  return (await execLocal(['ip', 'link', 'show', 'dev', name], { allowFail: true })).exitCode === 0;
}

export async function deleteLink(name: string): Promise<void> {
  if (await linkExists(name)) await execLocal(['ip', 'link', 'del', 'dev', name], { allowFail: true });
}

/** Deletes the bridge and any veth still attached to it (hosts whose nspawn was killed). */
export async function deleteBridge(bridge: string): Promise<void> {
  if (!(await linkExists(bridge))) return;
  const { stdout } = await execLocal(['ip', '-j', 'link', 'show', 'master', bridge], { allowFail: true });
  const ports = stdout.trim() === '' ? [] : (JSON.parse(stdout) as { ifname: string }[]);
  for (const port of ports) await deleteLink(port.ifname);
  await execLocal(['ip', 'link', 'del', 'dev', bridge]);
}
