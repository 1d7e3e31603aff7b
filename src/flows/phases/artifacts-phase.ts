import { actionFor, deliverArtifacts } from '../../artifacts/deliver-artifacts.ts';
import { artifactsForHost, type HostArtifacts } from '../../artifacts/host-artifacts.ts';
import { loadArtifacts } from '../../artifacts/load-artifacts.ts';
import { inspectRemoteFiles } from '../../artifacts/remote-files.ts';
import { archFromUname } from '../../artifacts/upstream-layout.ts';
import { KitError } from '../../errors/kit-error.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, inventoryHost, noteChangedPaths, type FlowState } from '../flow-state.ts';
import { mebibytes } from '../../artifacts/format-size.ts';

/**
 * Every binary and image a host's roles need, verified on this machine first (bundle sums or
 * published sums) and uploaded only where the host's copy differs.
 */
export const artifactsPhase: Phase<FlowState> = {
  name: 'artifacts',
  title: 'verified binaries and images',
  hosts: hostNames,
  plan: async (state, context) => {
    const names = hostNames(state).filter((name) => !context.failedHosts.has(name));
    const arch = await clusterArch(state, names);
    const loaded = await loadArtifacts(state.inventory.artifacts, { kubernetesVersion: state.inventory.cluster.kubernetesVersion, arch, signal: context.options.signal });
    if (loaded.notDelivered.length > 0) context.log(`not in the ${loaded.source}: ${loaded.notDelivered.join(', ')}`);
    const selections = new Map(names.map((name) => [name, artifactsForHost(loaded.bundle, inventoryHost(state, name).roles, { exclude: loaded.exclude })]));
    state.computed.artifacts = selections;
    const plans = await forEachHost({ phase: 'artifacts', items: names, nameOf: (name) => name, context }, async (name) => {
      const files = selections.get(name)?.files ?? [];
      const remote = await inspectRemoteFiles(await connect(state, name), files.map((file) => ({ path: file.remotePath, size: file.size })), context.options.signal);
      return files.flatMap((file, index) => {
        const action = actionFor(file, remote[index] ?? { present: false });
        return action === 'none' ? [] : [action === 'send' ? `install ${file.remotePath} (${mebibytes(file.size)})` : `fix owner/mode of ${file.remotePath}`];
      });
    });
    return new Map(plans);
  },
  apply: async (state, plan, context) => {
    const selections = state.computed.artifacts;
    if (selections === undefined) throw new Error('the artifacts phase applied without a plan');
    const changing = [...plan].filter(([, changes]) => changes.length > 0).map(([name]) => name);
    await forEachHost({ phase: 'artifacts', items: changing, nameOf: (name) => name, context }, async (name) => {
      const report = await deliverArtifacts(await connect(state, name), selectionOf(selections, name).files, {
        signal: context.options.signal,
        onProgress: (event) => context.progress(name, event.bytesDone, event.bytesTotal, `${event.state} ${event.file}: ${mebibytes(event.bytesDone)} of ${mebibytes(event.bytesTotal)}`),
      });
      const files = selectionOf(selections, name).files;
      noteChangedPaths(state, name, report.sent.flatMap((sent) => files.filter((file) => file.name === sent).map((file) => file.remotePath)));
      context.log(`${report.sent.length} file(s) sent (${mebibytes(report.bytesSent)}), ${report.unchanged.length} already right`, name);
    });
  },
};

export function selectionOf(selections: ReadonlyMap<string, HostArtifacts>, name: string): HostArtifacts {
  return selections.get(name) ?? { files: [], images: [], ignored: [] };
}

async function clusterArch(state: FlowState, names: readonly string[]): Promise<'amd64' | 'arm64'> {
  const machines = await Promise.all(names.map(async (name) => ({ name, machine: (await (await connect(state, name)).exec(['uname', '-m'])).stdout.trim() })));
  const arches = new Set(machines.map((entry) => archFromUname(entry.machine)));
  const [arch] = [...arches];
  if (arches.size !== 1 || arch === undefined) {
    throw new KitError('USAGE', `hosts must share one supported architecture; found ${machines.map((entry) => `${entry.name}: ${entry.machine}`).join(', ')}`, {
      hint: 'kit delivers one bundle per cluster: use hosts of one architecture (x86_64 or aarch64).',
    });
  }
  return arch;
}
