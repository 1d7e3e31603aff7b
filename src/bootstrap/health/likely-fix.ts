import type { DaemonName } from '../daemons.ts';
import { STATE_DIRS } from '../paths.ts';

interface KnownCause {
  readonly pattern: RegExp;
  readonly fix: (match: RegExpExecArray, daemon: DaemonName) => string;
}

/**
 * What a daemon's last log lines usually mean, most specific first. Each entry names the
 * check or command that settles it, so the hint is an action, not a guess to research.
 */
const DIAGNOSES: readonly KnownCause[] = [
  { pattern: /error while loading shared libraries: (\S+?):/u,
    fix: (m) => `The binary needs ${m[1] ?? 'a shared library'}, which the host lacks: install the distribution package (for haproxy: apt-get install haproxy, or dnf install haproxy).` },
  { pattern: /status=203\/EXEC|Failed to (?:execute|locate executable)|No such file or directory.*\/bin\//u,
    fix: (_, d) => `The ${d} binary is missing or not executable for this CPU: deliver the artifacts again (kit apply) and check \`file\` on it.` },
  { pattern: /unknown flag: (--[\w-]+)|flag provided but not defined: -?(-[\w-]+)/u,
    fix: (m, d) => `${d} does not accept ${m[1] ?? m[2] ?? 'a flag'}: the binary's version differs from cluster.kubernetesVersion; check \`${d} --version\`.` },
  { pattern: /member [0-9a-f]+ has already been bootstrapped/u,
    fix: () => `This etcd's data dir belongs to an earlier cluster: if that data is not needed, stop etcd and move ${STATE_DIRS.etcdData} away, then re-run.` },
  { pattern: /member count is unequal|couldn't find local name .* in the initial cluster configuration|error validating peerURLs/u,
    fix: () => 'The etcd member list and this node\'s --initial-cluster disagree: compare `etcdctl member list` on a healthy member with the unit, remove a stale member (etcdctl member remove ID), then re-run.' },
  { pattern: /x509: certificate (?:signed by unknown authority|is valid for [^,]+, not \S+)|tls: bad certificate|certificate has expired/u,
    fix: () => 'A certificate does not match its CA, name or date: run `kit certs check` and re-deliver the PKI (kit apply).' },
  { pattern: /open (\/etc\/kubernetes\/\S+): no such file or directory/u,
    fix: (m) => `${m[1] ?? 'A file'} is missing: the certs phase has not placed it on this host; re-run kit apply.` },
  { pattern: /(?:address already in use|bind: .*in use)/u,
    fix: () => 'Another process holds the port: find it with `ss -ltnp` and stop it (a distribution\'s own unit of the same daemon?).' },
  { pattern: /connection refused.*:2379|context deadline exceeded.*etcd|etcdserver: request timed out/u,
    fix: () => 'etcd is not answering: check `systemctl status etcd` and its journal on the control planes first; a majority of members must run.' },
  { pattern: /failed to run Kubelet: .*(?:container runtime|containerd)|connect: no such file or directory.*containerd\.sock/u,
    fix: () => 'The kubelet cannot reach containerd: check `systemctl status containerd` and the runtime phase.' },
  { pattern: /misconfiguration: kubelet cgroup driver: "(\w+)" is different from docker cgroup driver: "(\w+)"|cgroup driver/u,
    fix: () => 'The kubelet\'s and containerd\'s cgroup drivers must match: re-run kit apply so both use the same one.' },
];

export interface Diagnosis {
  /** What to do. */
  readonly fix: string;
  /** The log line that gave it away, when one did. */
  readonly line?: string;
}

/**
 * Reads a daemon's log for a known cause. Kubernetes daemons print their whole usage after a
 * flag error, so the telling line is often far above the last few: pass a long window.
 */
export function diagnose(daemon: DaemonName, journal: string, hostName: string): Diagnosis {
  for (const { pattern, fix } of DIAGNOSES) {
    const match = pattern.exec(journal);
    if (match === null) continue;
    const start = journal.lastIndexOf('\n', match.index) + 1;
    const end = journal.indexOf('\n', match.index);
    return { fix: fix(match, daemon), line: journal.slice(start, end === -1 ? undefined : end) };
  }
  return { fix: `Read the whole log on the host: ssh ${hostName} -- journalctl -u ${daemon}.service -e --no-pager` };
}

/** The fix the journal points at, or a default that says where to look. */
export function likelyFix(daemon: DaemonName, journal: string, hostName: string): string {
  return diagnose(daemon, journal, hostName).fix;
}
