import { applySysctlCommand, loadModulesCommand } from './kernel-prereqs.ts';
import { changedFiles } from './managed-file.ts';
import type { FileHashes } from './managed-file.ts';
import type { RuntimeEffect, RuntimeFile } from './runtime-files.ts';

export interface RuntimeHostState {
  readonly hashes: FileHashes;
  /** `systemctl is-active containerd` said active. */
  readonly containerdActive: boolean;
  /** `systemctl is-enabled containerd` said enabled. */
  readonly containerdEnabled: boolean;
}

export interface RuntimeStep {
  readonly what: string;
  readonly argv: readonly string[];
}

export interface RuntimePlan {
  readonly writes: readonly RuntimeFile[];
  readonly steps: readonly RuntimeStep[];
  /** One line per change; empty when the host is already right (the phase is skipped). */
  readonly changes: readonly string[];
}

/**
 * Compares the runtime files with the host's and lists what to write and what to run: a
 * changed crictl.yaml restarts nothing, a changed sysctl file only re-applies sysctls, and
 * containerd restarts only when its config or unit changed (or it is not running).
 */
export function planRuntime(files: readonly RuntimeFile[], current: RuntimeHostState): RuntimePlan {
  const writes = changedFiles(files, current.hashes);
  const effects = new Set<RuntimeEffect>(writes.flatMap((file) => file.effects));
  const steps: RuntimeStep[] = [];
  if (effects.has('reload-units')) steps.push({ what: 'reload systemd units (containerd.service changed)', argv: ['systemctl', 'daemon-reload'] });
  if (effects.has('load-modules')) steps.push({ what: 'load the kernel modules overlay, br_netfilter, vxlan', argv: loadModulesCommand() });
  if (effects.has('apply-sysctls')) steps.push({ what: 'apply the kit sysctls (ip_forward, bridge-nf-call-iptables)', argv: applySysctlCommand() });
  if (!current.containerdEnabled) steps.push({ what: 'enable containerd at boot', argv: ['systemctl', 'enable', 'containerd.service'] });
  if (effects.has('restart-containerd') || !current.containerdActive) {
    const why = current.containerdActive ? `its ${writes.filter((file) => file.effects.includes('restart-containerd')).map((file) => file.path).join(' and ')} changed` : 'it is not running';
    steps.push({ what: `restart containerd (${why})`, argv: ['systemctl', 'restart', 'containerd.service'] });
  }
  return { writes, steps, changes: [...writes.map((file) => `write ${file.path}`), ...steps.map((step) => step.what)] };
}
