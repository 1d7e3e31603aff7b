import { quote } from './facts-script.ts';

/** Where one run keeps its listener pids and received datagrams on a host. */
export function probeDir(runId: string): string {
  return `/tmp/kit-preflight-${runId}`;
}

/** `[fd00::1]` for IPv6, the address itself for IPv4: socat's and our own address syntax. */
export function hostPart(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** Bytes of IP + ICMP header in a ping: what `-s` must leave out of the wanted packet size. */
export function icmpOverhead(address: string): number {
  return address.includes(':') ? 48 : 28;
}

export interface MeshScriptInput {
  readonly runId: string;
  /** Ports to listen on so peers can probe them; already known to be free and socat present. */
  readonly listenTcp: readonly number[];
  readonly listenUdp: readonly number[];
  /** How long listeners live if the stop step never comes (a crashed run). */
  readonly listenerLifetimeSeconds: number;
  /** Listen on IPv6 (accepting IPv4 too): the host's internal address is IPv6. */
  readonly ipv6: boolean;
  readonly peers: readonly string[];
  readonly pingCount: number;
  readonly timeoutSeconds: number;
  /** Packet size (IP header included) the path must carry with DF set. */
  readonly mtuBytes: number;
}

/** Prints `t:PORT` / `u:PORT` for every listening socket, one ss and one awk for all ports. */
const LISTENING = "listening() { ss -H -lntu 2>/dev/null | awk '{ p = $5; sub(/.*:/, \"\", p); printf \" %s:%s\", substr($1, 1, 1), p } END { print \" \" }'; }";

/**
 * Starts short-lived listeners (detached, so the exec returns), then pings every peer at once
 * with DF set at the overlay's size: one ping per peer proves both reachability and the path
 * MTU. Only peers that answered nothing get a plain ping, to tell blocked ICMP from a small MTU.
 * Prints `listen t|u PORT up|busy|failed` per listener and each ping's output in a section.
 */
export function meshScript(input: MeshScriptInput): string {
  const starts = [...input.listenTcp.map((port) => `start t ${port}`), ...input.listenUdp.map((port) => `start u ${port}`)];
  const peers = input.peers.map(quote).join(' ');
  const common = `-c ${input.pingCount} -i 0.2 -n -q -W ${input.timeoutSeconds}`;
  const dfPings = input.peers.map((peer) => `( ping ${common} -M do -s ${input.mtuBytes - icmpOverhead(peer)} ${quote(peer)} >"$d/mtu-${peer}" 2>&1 ) &`);
  return [
    'export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"',
    `d=${quote(probeDir(input.runId))}; mkdir -p "$d" && chmod 700 "$d" || exit 1`,
    `v=${input.ipv6 ? "'6'; o=',ipv6only=0'" : "''; o=''"}`,
    LISTENING,
    'det=$(command -v setsid); lim=$(command -v timeout)',
    `[ -n "$lim" ] && lim="$lim ${input.listenerLifetimeSeconds}"`,
    'started=""; now=$(listening)',
    'start() {',
    '  case "$now" in *" $1:$2 "*) echo "listen $1 $2 busy"; return ;; esac',
    '  if [ "$1" = t ]; then a="TCP$v-LISTEN:$2,fork,reuseaddr$o"; b=/dev/null; else a="UDP$v-RECV:$2,reuseaddr$o"; b="OPEN:$d/udp-$2,creat,append"; fi',
    '  ( $det $lim socat -u "$a" "$b" </dev/null >/dev/null 2>&1 & echo $! >"$d/$1-$2.pid" )',
    '  started="$started $1:$2"',
    '}',
    ...starts,
    // Wait while a listener is still starting: not listening yet but its process lives.
    'i=0; while [ -n "$started" ] && [ $i -lt 30 ]; do',
    '  now=$(listening); w=0',
    '  for s in $started; do case "$now" in *" $s "*) ;; *) read -r p <"$d/${s%:*}-${s#*:}.pid"; kill -0 "$p" 2>/dev/null && w=1 ;; esac; done',
    '  [ $w = 0 ] && break; sleep 0.1; i=$((i + 1))',
    'done',
    'echo "### listen"',
    'for s in $started; do case "$now" in *" $s "*) r=up ;; *) r=failed ;; esac; echo "listen ${s%:*} ${s#*:} $r"; done',
    ...dfPings,
    'wait',
    `for f in $(grep -lE ' 0 (packets )?received' "$d"/mtu-* 2>/dev/null); do a=\${f##*/mtu-}; ( ping ${common} "$a" >"$d/ping-$a" 2>&1 ) & done`,
    'wait',
    `for a in ${peers}; do echo "### mtu $a"; cat "$d/mtu-$a"; [ -f "$d/ping-$a" ] && { echo "### ping $a"; cat "$d/ping-$a"; }; done`,
    "echo '### end'",
    '',
  ].join('\n');
}

export interface ProbeScriptInput {
  readonly runId: string;
  readonly tcp: readonly { readonly address: string; readonly port: number }[];
  readonly udp: readonly { readonly address: string; readonly port: number }[];
  /** Sent to every UDP target; the target's listener records it. */
  readonly token: string;
  readonly timeoutSeconds: number;
}

/** The probe script and the shell that runs it. */
export interface ProbeCommand {
  readonly shell: 'bash' | 'sh';
  readonly script: string;
}

/**
 * Opens every TCP target and sends the token to every UDP target, all at once. Prints
 * `tcp ADDRESS PORT ok` or `tcp ADDRESS PORT fail REASON`. With bash, connects and sends
 * happen inside the shell (/dev/tcp, /dev/udp): a fork per probe and no exec, which matters
 * when 20 hosts probe 19 peers each on one machine; without bash, socat does each probe.
 */
export function probeCommand(input: ProbeScriptInput, hasBash: boolean): ProbeCommand {
  return hasBash ? { shell: 'bash', script: bashProbes(input) } : { shell: 'sh', script: socatProbes(input) };
}

function bashProbes(input: ProbeScriptInput): string {
  const tcp = input.tcp.map((target) => quote(`${target.address} ${target.port}`)).join(' ');
  const udp = input.udp.map((target) => quote(`${target.address}/${target.port}`)).join(' ');
  return [
    'export LC_ALL=C',
    `d=${quote(probeDir(input.runId))}/probe; mkdir -p "$d" && chmod 700 "$d" || exit 1`,
    'pids=""',
    `for t in ${tcp}; do set -- $t; ( exec 2>"$d/e-$1-$2"; if exec 3<>"/dev/tcp/$1/$2"; then echo ok; else echo fail; fi >"$d/r-$1-$2" ) & pids="$pids $!"; done`,
    // A dropped SYN would block for minutes: whatever has not connected by the deadline failed.
    `[ -n "$pids" ] && { ( sleep ${input.timeoutSeconds}; kill $pids 2>/dev/null ) & w=$!; }`,
    `for i in 1 2 3; do for u in ${udp}; do echo ${quote(input.token)} 2>/dev/null >"/dev/udp/$u"; done; sleep 0.1; done`,
    '[ -n "$pids" ] && { wait $pids 2>/dev/null; kill $w 2>/dev/null; }',
    'echo "### tcp"',
    `for t in ${tcp}; do set -- $t; r=; e=; read -r r <"$d/r-$1-$2"; while read -r l; do e=$l; done <"$d/e-$1-$2"`,
    '  if [ "$r" = ok ]; then echo "tcp $1 $2 ok"; elif [ -n "$r" ]; then echo "tcp $1 $2 fail ${e##*: }"',
    `  else echo "tcp $1 $2 fail timed out after ${input.timeoutSeconds} s"; fi`,
    'done',
    'rm -rf "$d"',
    "echo '### end'",
    '',
  ].join('\n');
}

function socatProbes(input: ProbeScriptInput): string {
  return [
    'export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"',
    `d=${quote(probeDir(input.runId))}/probe; mkdir -p "$d" && chmod 700 "$d" || exit 1`,
    'tcp() {',
    `  if socat -u /dev/null "TCP:$1:$2,connect-timeout=${input.timeoutSeconds}" 2>"$d/e-$1-$2"; then echo "tcp $1 $2 ok"`,
    '  else echo "tcp $1 $2 fail $(tail -n 1 "$d/e-$1-$2" | sed \'s/.*): //; s/.*E //\')"; fi >"$d/r-$1-$2"',
    '}',
    'udp() { for i in 1 2 3; do echo "$3" | socat -u - "UDP-SENDTO:$1:$2" 2>/dev/null; sleep 0.1; done; }',
    ...input.tcp.map((target) => `tcp ${quote(hostPart(target.address))} ${target.port} &`),
    ...input.udp.map((target) => `udp ${quote(hostPart(target.address))} ${target.port} ${quote(input.token)} &`),
    'wait',
    'echo "### tcp"; cat "$d"/r-* 2>/dev/null; rm -rf "$d"',
    "echo '### end'",
    '',
  ].join('\n');
}

/** Prints the datagrams each UDP listener received, then stops this run's listeners and cleans up. */
export function collectScript(runId: string): string {
  return [
    `d=${quote(probeDir(runId))}`,
    '[ -d "$d" ] || exit 0',
    'for f in "$d"/udp-*; do [ -f "$f" ] && { echo "### received ${f##*/udp-}"; cat "$f"; }; done',
    // The listener leads its own process group (setsid): kill the group to take socat's forks too.
    'for f in "$d"/*.pid; do [ -f "$f" ] && { p=$(cat "$f"); kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null; }; done',
    'rm -rf "$d"',
    "echo '### end'",
    '',
  ].join('\n');
}
