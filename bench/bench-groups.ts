import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rig, RigHost, RigHostSpec } from '../test/rig/rig.ts';
import { renderInventory } from '../test/rig/inventory-writer.ts';

/** One cluster of the benchmark, carved out of a shared rig: its own hosts and inventory. */
export interface BenchGroup {
  readonly id: string;
  readonly controlPlanes: number;
  readonly workers: number;
  /** Leave out every phase from `control-plane` on (the parts that need a kubelet). */
  readonly cut: boolean;
}

export function groupLabel(group: BenchGroup): string {
  return `${group.controlPlanes}+${group.workers}${group.cut ? ' (no-kubelet phases)' : ''}`;
}

export function groupSpecs(group: BenchGroup): RigHostSpec[] {
  return [
    ...Array.from({ length: group.controlPlanes }, (_, index) => ({ name: `${group.id}-cp${index + 1}`, roles: ['control-plane' as const] })),
    ...Array.from({ length: group.workers }, (_, index) => ({ name: `${group.id}-w${index + 1}`, roles: ['worker' as const] })),
  ];
}

export function groupHosts(rig: Rig, group: BenchGroup): RigHost[] {
  return rig.hosts.filter((host) => host.name.startsWith(`${group.id}-`));
}

/** Writes `<rig dir>/bench-<id>.yaml`: the group's hosts as a cluster of their own. */
export async function writeGroupInventory(rig: Rig, group: BenchGroup): Promise<string> {
  const file = path.join(rig.dir, `bench-${group.id}.yaml`);
  const text = renderInventory({ clusterName: `bench-${group.id}`, hosts: groupHosts(rig, group), keyPath: rig.keyPath, knownHostsPath: rig.knownHostsPath });
  await writeFile(file, text, { mode: 0o644 });
  return file;
}

/** Phases from `control-plane` on need a kubelet; whatever phases the flow has, the cut follows it. */
export function phasesNeedingKubelet(phases: readonly string[]): string[] {
  const from = phases.indexOf('control-plane');
  return from < 0 ? [] : phases.slice(from);
}
