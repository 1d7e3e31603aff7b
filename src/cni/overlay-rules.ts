import { FORWARD_CHAIN, MASQUERADE_CHAIN, OVERLAY_RULES_PATH } from './overlay-names.ts';
import type { Argv } from './overlay-commands.ts';

/**
 * kit's own iptables rules for pod traffic, kept in two chains of their own so that kit can
 * replace them wholesale (`iptables-restore --noflush` flushes only the chains it declares) and
 * `reset` can remove them without touching anyone else's rules. ipMasq is off in the bridge
 * plugin: its per-pod chains would be kept per container, these are one set per node.
 */
export interface OverlayRulesOptions {
  readonly clusterSubnet: string;
  readonly serviceSubnet: string;
}

/** The iptables-restore input written to /etc/kit/overlay.rules. */
export function renderOverlayRules(options: OverlayRulesOptions): string {
  const pods = options.clusterSubnet;
  return [
    '# managed by kit: pod traffic rules of the kit overlay (input of iptables-restore --noflush)',
    '*nat',
    `:${MASQUERADE_CHAIN} - [0:0]`,
    `-A ${MASQUERADE_CHAIN} -s ${pods} -d ${pods} -m comment --comment "kit: pod to pod keeps its address" -j RETURN`,
    `-A ${MASQUERADE_CHAIN} -s ${pods} -d ${options.serviceSubnet} -m comment --comment "kit: pod to service keeps its address" -j RETURN`,
    `-A ${MASQUERADE_CHAIN} -s ${pods} ! -d 224.0.0.0/4 -m comment --comment "kit: pod leaving the cluster takes the node address" -j MASQUERADE --random-fully`,
    'COMMIT',
    '*filter',
    `:${FORWARD_CHAIN} - [0:0]`,
    `-A ${FORWARD_CHAIN} -s ${pods} -m comment --comment "kit: forward pod traffic" -j ACCEPT`,
    `-A ${FORWARD_CHAIN} -d ${pods} -m comment --comment "kit: forward pod traffic" -j ACCEPT`,
    'COMMIT',
    '',
  ].join('\n');
}

/** A rule in a built-in chain that sends packets into one of kit's chains. */
export interface JumpRule {
  readonly table: 'nat' | 'filter';
  readonly chain: string;
  /** `-I chain 1` (first) or `-A chain` (last) when missing. */
  readonly position: 'first' | 'last';
  readonly rule: readonly string[];
}

/** Forwarding goes first so that a distribution's REJECT at the end of FORWARD cannot drop pod traffic. */
export const OVERLAY_JUMPS: readonly JumpRule[] = [
  { table: 'nat', chain: 'POSTROUTING', position: 'last', rule: ['-m', 'comment', '--comment', 'kit: pod masquerade', '-j', MASQUERADE_CHAIN] },
  { table: 'filter', chain: 'FORWARD', position: 'first', rule: ['-m', 'comment', '--comment', 'kit: pod forwarding', '-j', FORWARD_CHAIN] },
];

export function restoreRulesCommand(path: string = OVERLAY_RULES_PATH): Argv {
  return ['iptables-restore', '-w', '5', '--noflush', path];
}

/** Exits 0 when the jump exists, 1 when it does not. */
export function jumpCheckCommand(jump: JumpRule): Argv {
  return ['iptables', '-w', '5', '-t', jump.table, '-C', jump.chain, ...jump.rule];
}

export function jumpInsertCommand(jump: JumpRule): Argv {
  const where = jump.position === 'first' ? ['-I', jump.chain, '1'] : ['-A', jump.chain];
  return ['iptables', '-w', '5', '-t', jump.table, ...where, ...jump.rule];
}

export function jumpDeleteCommand(jump: JumpRule): Argv {
  return ['iptables', '-w', '5', '-t', jump.table, '-D', jump.chain, ...jump.rule];
}
