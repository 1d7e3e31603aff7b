import { controlPlanesOnly, error, everyRole, ok, skipped, warn } from './host-check.ts';
import type { HostCheck } from './host-check.ts';
import type { PreflightRole } from './preflight-types.ts';

const RESET_FIX = 'Remove the earlier cluster first: kit reset -f inventory.yaml (or inspect and delete it by hand).';

/** kubeadm's `DirAvailable--<path>`: a non-empty directory means an earlier cluster lives here. */
function dirCheck(path: string, options: { appliesTo: (roles: readonly PreflightRole[]) => boolean; severity: 'error' | 'warn' }): HostCheck {
  return {
    name: `DirAvailable-${path.replaceAll('/', '-')}`,
    appliesTo: options.appliesTo,
    evaluate: ({ facts }) => {
      const state = facts.dirs[path];
      if (state === undefined) return skipped(`the host did not report ${path}`);
      if (state === 'absent' || state === 'empty') return ok(`${path} is ${state}`);
      const message = state === 'not-a-directory' ? `${path} exists but is not a directory` : `${path} is not empty: an earlier cluster left it`;
      const fix = `${RESET_FIX} To look: ls -la ${path}`;
      return options.severity === 'error' ? error(message, fix) : warn(message, fix);
    },
  };
}

/** Process names (/proc/PID/comm) of runtimes that fight kit's containerd for the node. */
const CONFLICTING_RUNTIMES: Readonly<Record<string, { what: string; stop: string }>> = {
  dockerd: { what: 'Docker', stop: 'systemctl disable --now docker.socket docker' },
  crio: { what: 'CRI-O', stop: 'systemctl disable --now crio' },
  podman: { what: 'Podman', stop: 'podman stop --all; systemctl disable --now podman.socket' },
};

export const LEFTOVER_CHECKS: readonly HostCheck[] = [
  dirCheck('/etc/kubernetes', { appliesTo: everyRole, severity: 'error' }),
  dirCheck('/var/lib/etcd', { appliesTo: controlPlanesOnly, severity: 'error' }),
  dirCheck('/var/lib/kubelet', { appliesTo: everyRole, severity: 'error' }),
  dirCheck('/etc/cni/net.d', { appliesTo: everyRole, severity: 'warn' }),
  {
    name: 'KubeletProcess',
    appliesTo: everyRole,
    evaluate: ({ facts }) =>
      facts.processes.includes('kubelet')
        ? error('a kubelet is already running', `Stop it: systemctl disable --now kubelet. ${RESET_FIX}`)
        : ok('no kubelet runs'),
  },
  {
    name: 'ContainerRuntimeConflict',
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      const found = Object.keys(CONFLICTING_RUNTIMES).filter((name) => facts.processes.includes(name));
      if (found.length === 0) return ok(facts.processes.includes('containerd') ? 'only containerd runs (kit configures it)' : 'no other container runtime runs');
      const runtimes = found.map((name) => CONFLICTING_RUNTIMES[name]);
      return error(
        `${runtimes.map((runtime) => runtime?.what).join(', ')} runs here: two runtimes fight over cgroups, iptables and the CRI socket`,
        `Stop and disable it: ${runtimes.map((runtime) => runtime?.stop).join('; ')}`,
      );
    },
  },
];
