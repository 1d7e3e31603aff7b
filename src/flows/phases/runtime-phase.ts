import { componentVersions } from '../../artifacts/component-versions.ts';
import { importImages, K8S_NAMESPACE } from '../../artifacts/import-images.ts';
import type { HostImage } from '../../artifacts/host-artifacts.ts';
import { normalizeImageRef } from '../../artifacts/image-ref.ts';
import { pauseImage } from '../../bootstrap/spec/images.ts';
import type { Host } from '../../host/host.ts';
import { chooseCgroupDriver } from '../../runtime/cgroup-driver.ts';
import { parseContainerdVersion } from '../../runtime/containerd-version.ts';
import { runtimeFiles } from '../../runtime/runtime-files.ts';
import { applyRuntimePlan, probeRuntime, readRuntimeHost } from '../../runtime/runtime-host.ts';
import { planRuntime, type RuntimePlan } from '../../runtime/runtime-plan.ts';
import { forEachHost } from '../../workflow/for-each-host.ts';
import type { Phase } from '../../workflow/phase.ts';
import { connect, hostNames, type FlowState } from '../flow-state.ts';
import { clusterSpecFor } from '../model/cluster-model.ts';
import { selectionOf } from './artifacts-phase.ts';

const CTR = '/usr/local/bin/ctr';

/**
 * containerd + runc configured for each host (cgroup driver and OOM-score limits as probed),
 * restarted only when its config or unit changed, and the bundle's images imported.
 */
export const runtimePhase: Phase<FlowState> = {
  name: 'runtime',
  title: 'containerd, runc and images',
  hosts: hostNames,
  plan: async (state, context) => {
    const names = hostNames(state).filter((name) => !context.failedHosts.has(name));
    const plans = await forEachHost({ phase: 'runtime', items: names, nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      const plan = await runtimePlanFor(state, host);
      const images = await missingImages(host, selectionOf(state.computed.artifacts ?? new Map(), name).images);
      return { plan, changes: [...plan.changes, ...images.map((image) => `import image ${image.ref}`)] };
    });
    state.computed.runtime = new Map([...plans].map(([name, entry]) => [name, entry.plan]));
    return new Map([...plans].map(([name, entry]) => [name, entry.changes]));
  },
  apply: async (state, plan, context) => {
    const changing = [...plan].filter(([, changes]) => changes.length > 0).map(([name]) => name);
    await forEachHost({ phase: 'runtime', items: changing, nameOf: (name) => name, context }, async (name) => {
      const host = await connect(state, name);
      const runtimePlan = state.computed.runtime?.get(name);
      if (runtimePlan !== undefined) await applyRuntimePlan(host, runtimePlan, context.options.signal);
      const report = await importImages(host, selectionOf(state.computed.artifacts ?? new Map(), name).images, { signal: context.options.signal, ctr: CTR });
      if (report.imported.length > 0) context.log(`imported ${report.imported.join(', ')}`, name);
    });
  },
};

async function runtimePlanFor(state: FlowState, host: Host): Promise<RuntimePlan> {
  const probe = await probeRuntime(host);
  // Before the artifacts phase ran (a dry run on a fresh host) the bundle's containerd decides.
  const version = probe.containerdVersion ?? componentVersions(state.inventory.cluster.kubernetesVersion).containerd;
  const files = runtimeFiles({
    containerdVersion: parseContainerdVersion(version),
    cgroupDriver: chooseCgroupDriver(probe).driver,
    sandboxImage: pauseImage(clusterSpecFor(state.inventory)),
    restrictOomScoreAdj: probe.restrictOomScoreAdj,
    cniBinDir: '/opt/cni/bin',
    cniConfDir: '/etc/cni/net.d',
  });
  return planRuntime(files, await readRuntimeHost(host, files));
}

/** Images containerd does not list yet; all of them while containerd is not running. */
async function missingImages(host: Host, images: readonly HostImage[]): Promise<readonly HostImage[]> {
  if (images.length === 0) return [];
  const listed = await host.exec([CTR, '-n', K8S_NAMESPACE, 'images', 'ls', '-q'], { allowedExitCodes: [0, 1, 127] });
  if (listed.exitCode !== 0) return images;
  const present = new Set(listed.stdout.split('\n').map((line) => line.trim()));
  return images.filter((image) => !present.has(normalizeImageRef(image.ref)));
}
