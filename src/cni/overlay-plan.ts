import { changedFiles } from '../runtime/managed-file.ts';
import type { FileHashes, ManagedFile } from '../runtime/managed-file.ts';
import { configureDeviceCommands } from './overlay-commands.ts';
import type { Argv } from './overlay-commands.ts';
import { diffOverlayPeers } from './overlay-diff.ts';
import type { OverlayEntries } from './overlay-diff.ts';
import { OVERLAY_RULES_PATH, OVERLAY_UNIT_NAME, OVERLAY_UNIT_PATH } from './overlay-names.ts';
import type { VxlanLink } from './overlay-parsers.ts';
import { jumpInsertCommand, restoreRulesCommand } from './overlay-rules.ts';
import type { JumpRule } from './overlay-rules.ts';
import type { OverlayState } from './overlay-state.ts';

/** What kit read from one host about its overlay (see readOverlayHost). */
export interface OverlayHostState {
  readonly hashes: FileHashes;
  readonly unitEnabled: boolean;
  /** undefined: kit.vxlan does not exist. */
  readonly link: VxlanLink | undefined;
  /** IPv4 addresses on kit.vxlan with prefix (`10.244.1.0/32`). */
  readonly addresses: readonly string[];
  readonly entries: OverlayEntries;
  readonly missingJumps: readonly JumpRule[];
}

export interface OverlayStep {
  readonly what: string;
  readonly argv: Argv;
}

export interface OverlayPlan {
  readonly writes: readonly ManagedFile[];
  /** Run in order after the writes. */
  readonly steps: readonly OverlayStep[];
  /** One line per change for the phase plan; empty when the host is already right. */
  readonly changes: readonly string[];
}

/**
 * Compares one host with its desired overlay and lists the least that makes it right: a new
 * or mismatched device is rebuilt by restarting kit-overlay.service (the boot path, so it is
 * exercised on every install); otherwise only changed device settings, peer entries and rules.
 */
export function planOverlay(state: OverlayState, files: readonly ManagedFile[], current: OverlayHostState): OverlayPlan {
  const writes = changedFiles(files, current.hashes);
  const written = new Set(writes.map((file) => file.path));
  const steps: OverlayStep[] = [];
  if (written.has(OVERLAY_UNIT_PATH)) steps.push({ what: `reload systemd units (${OVERLAY_UNIT_NAME} changed)`, argv: ['systemctl', 'daemon-reload'] });
  if (!current.unitEnabled) steps.push({ what: `enable ${OVERLAY_UNIT_NAME} (restores the overlay at boot)`, argv: ['systemctl', 'enable', OVERLAY_UNIT_NAME] });
  const rebuild = deviceRebuildReason(state, current.link);
  let peerChanges: readonly string[] = [];
  if (rebuild !== undefined) {
    steps.push({ what: `${rebuild}: build the overlay with ${state.peers.length} peers (restart ${OVERLAY_UNIT_NAME})`, argv: ['systemctl', 'restart', OVERLAY_UNIT_NAME] });
  } else {
    const peers = diffOverlayPeers(state.device, state.peers, current.entries);
    peerChanges = peers.changes;
    steps.push(...deviceSteps(state, current), ...peers.commands.map((argv) => ({ what: argv.join(' '), argv })), ...ruleSteps(written, current));
  }
  // Peer commands are summarised per peer; every other step is its own change.
  const described = steps.filter((step) => !isPeerCommand(step.argv)).map((step) => step.what);
  return { writes, steps, changes: [...writes.map((file) => `write ${file.path}`), ...described, ...peerChanges] };
}

function isPeerCommand(argv: Argv): boolean {
  return argv[0] === 'bridge' || (argv[0] === 'ip' && (argv[1] === 'neigh' || argv[1] === 'route'));
}

function deviceRebuildReason(state: OverlayState, link: VxlanLink | undefined): string | undefined {
  if (link === undefined) return `${state.device} is missing`;
  if (link.vni !== state.vni) return `${state.device} has VNI ${link.vni ?? '?'}, want ${state.vni}`;
  if (link.port !== state.port) return `${state.device} uses UDP port ${link.port ?? '?'}, want ${state.port}`;
  if (link.local !== state.self.address) return `${state.device} sends from ${link.local ?? '?'}, want ${state.self.address}`;
  if (link.learning) return `${state.device} learns MACs, want nolearning`;
  return undefined;
}

function deviceSteps(state: OverlayState, current: OverlayHostState): OverlayStep[] {
  const link = current.link;
  const [linkSet, addrReplace] = configureDeviceCommands(state);
  const steps: OverlayStep[] = [];
  if (link !== undefined && linkSet !== undefined && (link.mac !== state.self.mac || link.mtu !== state.mtu || !link.up)) {
    steps.push({ what: `set ${state.device} MAC ${state.self.mac}, MTU ${state.mtu}, up (was ${link.mac ?? '?'}, ${link.mtu ?? '?'}, ${link.up ? 'up' : 'down'})`, argv: linkSet });
  }
  if (addrReplace !== undefined && !current.addresses.includes(`${state.self.vtep}/32`)) {
    steps.push({ what: `add VTEP address ${state.self.vtep}/32 to ${state.device}`, argv: addrReplace });
  }
  return steps;
}

function ruleSteps(written: ReadonlySet<string>, current: OverlayHostState): OverlayStep[] {
  const steps: OverlayStep[] = [];
  // A missing jump may mean the chains were flushed too (iptables -F, a firewall reload): load both.
  if (written.has(OVERLAY_RULES_PATH) || current.missingJumps.length > 0) steps.push({ what: 'load the pod masquerade and forward rules', argv: restoreRulesCommand() });
  for (const jump of current.missingJumps) steps.push({ what: `add the jump from ${jump.table} ${jump.chain} to kit's chain`, argv: jumpInsertCommand(jump) });
  return steps;
}
