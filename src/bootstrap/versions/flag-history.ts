import type { DaemonName } from '../daemons.ts';
import { minorNumber } from './version-table.ts';
import type { SupportedMinor } from './version-table.ts';

export interface RemovedFlag {
  readonly daemon: DaemonName;
  /** Without the leading dashes. */
  readonly flag: string;
  /** The first minor whose binary rejects the flag ("unknown flag") and refuses to start. */
  readonly removedIn: number;
  readonly why: string;
}

/**
 * Flags kit has used, or that guides still show, and the release that removed them. A
 * renderer refuses to emit one for a minor at or past its removal; tests check the same.
 */
export const FLAG_HISTORY: readonly RemovedFlag[] = Object.freeze([
  { daemon: 'kubelet', flag: 'network-plugin', removedIn: 24, why: 'dockershim removal; CNI is the runtime\'s job' },
  { daemon: 'kubelet', flag: 'cni-bin-dir', removedIn: 24, why: 'dockershim removal' },
  { daemon: 'kubelet', flag: 'cni-conf-dir', removedIn: 24, why: 'dockershim removal' },
  { daemon: 'kubelet', flag: 'container-runtime', removedIn: 27, why: 'only remote (CRI) runtimes remain' },
  { daemon: 'kubelet', flag: 'pod-infra-container-image', removedIn: 35, why: 'the CRI pins the sandbox image' },
  { daemon: 'kube-apiserver', flag: 'insecure-port', removedIn: 24, why: 'insecure serving removed (no-op since 1.20)' },
  { daemon: 'kube-apiserver', flag: 'insecure-bind-address', removedIn: 24, why: 'insecure serving removed' },
  { daemon: 'kube-controller-manager', flag: 'port', removedIn: 24, why: 'insecure serving removed' },
  { daemon: 'kube-controller-manager', flag: 'address', removedIn: 24, why: 'insecure serving removed' },
  { daemon: 'kube-scheduler', flag: 'port', removedIn: 24, why: 'insecure serving removed' },
  { daemon: 'kube-scheduler', flag: 'address', removedIn: 24, why: 'insecure serving removed' },
] satisfies RemovedFlag[]);

/** The flags a daemon of this minor no longer accepts. */
export function removedFlags(daemon: DaemonName, minor: SupportedMinor): readonly RemovedFlag[] {
  const number = minorNumber(minor);
  return FLAG_HISTORY.filter((row) => row.daemon === daemon && number >= row.removedIn);
}
