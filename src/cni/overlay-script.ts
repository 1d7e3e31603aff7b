import { quoteArg } from '../host/shell-quote.ts';
import { OVERLAY_JUMPS, jumpCheckCommand, jumpInsertCommand } from './overlay-rules.ts';
import { OVERLAY_RULES_PATH, OVERLAY_SCRIPT_PATH, OVERLAY_STATE_PATH } from './overlay-names.ts';

const shell = (argv: readonly string[]): string => argv.map(quoteArg).join(' ');

/**
 * /usr/local/lib/kit/overlay-up.sh: rebuilds the whole overlay of one host from
 * /etc/kit/overlay.json and /etc/kit/overlay.rules. kit-overlay.service runs it at boot (the
 * kernel forgets devices, FDB, neighbours, routes and iptables rules on reboot). Every step
 * replaces, and entries on kit.vxlan that no peer owns are removed, so running it on a live
 * host changes nothing that is already right. The same for every host: all data is in the state.
 */
export function renderOverlayScript(): string {
  const jumps = OVERLAY_JUMPS.map((jump) => `${shell(jumpCheckCommand(jump))} 2>/dev/null || ${shell(jumpInsertCommand(jump))}`);
  return [
    '#!/bin/sh',
    '# managed by kit: builds the kit.vxlan overlay from the state kit wrote; kit-overlay.service runs it at boot.',
    'set -eu',
    'export LC_ALL=C PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"',
    `STATE=\${KIT_OVERLAY_STATE:-${OVERLAY_STATE_PATH}}`,
    `RULES=\${KIT_OVERLAY_RULES:-${OVERLAY_RULES_PATH}}`,
    'fail() { echo "overlay-up: $*" >&2; exit 1; }',
    '[ -r "$STATE" ] || fail "$STATE is missing"',
    '[ -r "$RULES" ] || fail "$RULES is missing"',
    '# kit writes one scalar per line and one node per line (overlay-state-file.ts): sed reads that layout.',
    'scalar() { sed -n "s/^  \\"$1\\": \\"\\{0,1\\}\\([^\\",]*\\)\\"\\{0,1\\},\\$/\\1/p" "$STATE"; }',
    `ENDPOINT='{"name": "\\([^"]*\\)", "address": "\\([^"]*\\)", "mac": "\\([^"]*\\)", "vtep": "\\([^"]*\\)", "podSubnet": "\\([^"]*\\)"}'`,
    'DEV=$(scalar device); VNI=$(scalar vni); PORT=$(scalar port); MTU=$(scalar mtu)',
    'SELF=$(sed -n "s/^  \\"self\\": $ENDPOINT,\\$/\\2 \\3 \\4/p" "$STATE")',
    'PEERS=$(sed -n "s/^    $ENDPOINT,\\{0,1\\}\\$/\\1 \\2 \\3 \\4 \\5/p" "$STATE")',
    'LOCAL=$(echo "$SELF" | cut -d" " -f1); MAC=$(echo "$SELF" | cut -s -d" " -f2); VTEP=$(echo "$SELF" | cut -s -d" " -f3)',
    'for v in DEV VNI PORT MTU LOCAL MAC VTEP; do eval "[ -n \\"\\$$v\\" ]" || fail "$STATE: cannot read $v"; done',
    '',
    '# The underlay address may come up after this unit (DHCP, a slow link): wait for it.',
    'i=0',
    'until ip -4 -o addr show | grep -q " inet $LOCAL/"; do',
    '  i=$((i + 1)); [ "$i" -le 60 ] || fail "no interface has $LOCAL after 60 s"; sleep 1',
    'done',
    '',
    '# VNI, port and local address cannot change on a live device: recreate it when they differ.',
    'cur=$(ip -d link show dev "$DEV" 2>/dev/null || true)',
    'case "$cur" in',
    '  "" | *"vxlan id $VNI local $LOCAL "*"dstport $PORT nolearning"*) ;;',
    '  *) ip link del dev "$DEV"; cur= ;;',
    'esac',
    '[ -n "$cur" ] || ip link add "$DEV" type vxlan id "$VNI" local "$LOCAL" dstport "$PORT" nolearning',
    'ip link set dev "$DEV" address "$MAC" mtu "$MTU" up',
    'ip addr replace "$VTEP/32" dev "$DEV"',
    '',
    'echo "$PEERS" | while read -r name addr mac vtep subnet; do',
    '  [ -n "$subnet" ] || continue',
    '  bridge fdb replace "$mac" dev "$DEV" dst "$addr" self permanent',
    '  ip neigh replace "$vtep" lladdr "$mac" dev "$DEV" nud permanent',
    '  ip route replace "$subnet" via "$vtep" dev "$DEV" onlink',
    'done',
    '',
    '# Entries of nodes that left the cluster.',
    'WANT_ROUTES=$(echo "$PEERS" | awk \'NF == 5 { print $5 }\')',
    'WANT_NEIGHS=$(echo "$PEERS" | awk \'NF == 5 { print $4 }\')',
    'WANT_FDB=$(echo "$PEERS" | awk \'NF == 5 { print $3, $2 }\')',
    'ip route show dev "$DEV" | awk \'{ print $1 }\' | while read -r dst; do',
    '  echo "$WANT_ROUTES" | grep -qxF "$dst" || ip route del "$dst" dev "$DEV"',
    'done',
    'ip neigh show dev "$DEV" | awk \'/PERMANENT/ { print $1 }\' | while read -r ip; do',
    '  echo "$WANT_NEIGHS" | grep -qxF "$ip" || ip neigh del "$ip" dev "$DEV"',
    'done',
    'bridge fdb show dev "$DEV" | awk \'$2 == "dst" { print $1, $3 }\' | while read -r mac dst; do',
    '  echo "$WANT_FDB" | grep -qxF "$mac $dst" || bridge fdb del "$mac" dev "$DEV" dst "$dst" self',
    'done',
    '',
    'iptables-restore -w 5 --noflush "$RULES"',
    ...jumps,
    '',
  ].join('\n');
}

/** kit-overlay.service: a oneshot that stays "active" so `systemctl status` shows the overlay's state. */
export function renderOverlayUnit(): string {
  return [
    '# managed by kit',
    '[Unit]',
    'Description=kit VXLAN overlay (kit.vxlan, peer routes, pod masquerade)',
    'Wants=network-online.target',
    'After=network-online.target',
    'Before=containerd.service kubelet.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=${OVERLAY_SCRIPT_PATH}`,
    'TimeoutStartSec=120',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
