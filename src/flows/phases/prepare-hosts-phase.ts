import { applySysctlCommand, KIT_SYSCTLS, loadModulesCommand, MODULES_LOAD_PATH, renderModulesLoad, renderSysctlConf, SYSCTL_PATH } from '../../runtime/kernel-prereqs.ts';
import type { ManagedFile } from '../../runtime/managed-file.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, type FlowState } from '../flow-state.ts';
import { CLUSTER_MARKER_PATH, clusterMarkerFile } from '../model/cluster-marker.ts';
import { filesToWrite, writeFiles } from '../host-files.ts';
import { kitFootprint } from '../../reset/footprint.ts';
import { hasPreKitRecord, takePreKitRecord } from '../../reset/pre-kit-record.ts';

function hostFiles(state: FlowState): readonly ManagedFile[] {
  return [
    clusterMarkerFile(state.inventory.cluster.name),
    { path: MODULES_LOAD_PATH, content: renderModulesLoad(), mode: 0o644 },
    { path: SYSCTL_PATH, content: renderSysctlConf(), mode: 0o644 },
  ];
}

/**
 * Records the host as it is before kit (once, for `kit reset`), marks it as this cluster's, and
 * sets the kernel modules and sysctls the runtime and the overlay need: loaded now and at every boot.
 */
export const prepareHostsPhase: Phase<FlowState> = {
  name: 'prepare',
  title: 'cluster marker, kernel modules and sysctls',
  hosts: hostNames,
  plan: async (state, context) => {
    const names = hostNames(state).filter((name) => !context.failedHosts.has(name));
    const plans = await forEachHost({ phase: 'prepare', items: names, nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      const record = (await hasPreKitRecord(host, context.options.signal)) ? [] : ['record the host as it is before kit (for kit reset)'];
      const changes = [...record, ...(await filesToWrite(host, hostFiles(state), context.options.signal)).map((file) => `write ${file.path}`)];
      const live = await host.exec(['sh', '-c', liveSysctlScript()], { allowedExitCodes: [0, 1] });
      if (live.exitCode !== 0) changes.push(`set ${live.stdout.trim().split('\n').join(', ')}`);
      return changes;
    });
    return new Map([...plans]);
  },
  apply: async (state, plan, context) => {
    const names = [...plan.entries()].filter(([, changes]) => changes.length > 0).map(([name]) => name);
    await forEachHost({ phase: 'prepare', items: names, nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      // Before kit's first write on the host: what reset restores (a host that has one keeps it).
      await takePreKitRecord(host, kitFootprint({ clusterMarker: CLUSTER_MARKER_PATH }), context.options.signal);
      await writeFiles(host, hostFiles(state), context.options.signal);
      await host.exec(loadModulesCommand());
      await host.exec(applySysctlCommand());
    });
  },
};

/** Prints each sysctl whose live value differs, exits 1 if any does. */
function liveSysctlScript(): string {
  const checks = Object.entries(KIT_SYSCTLS).map(([key, value]) => {
    const file = `/proc/sys/${key.replaceAll('.', '/')}`;
    return `[ "$(cat ${file} 2>/dev/null)" = "${value}" ] || { echo "${key}=${value}"; rc=1; }`;
  });
  return ['rc=0', ...checks, 'exit $rc'].join('\n');
}
