import type { Host } from '../host/host.ts';
import { parseSha256sum, sha256sumCommand } from './managed-file.ts';
import type { RuntimeFile } from './runtime-files.ts';
import type { RuntimeHostState, RuntimePlan } from './runtime-plan.ts';
import { parseRuntimeProbe, runtimeProbeCommand } from './runtime-probe.ts';
import type { RuntimeProbe } from './runtime-probe.ts';

/** Runs the read-only runtime probe (cgroup facts, the OOM test, containerd's version). */
export async function probeRuntime(host: Host): Promise<RuntimeProbe> {
  return parseRuntimeProbe((await host.exec(runtimeProbeCommand())).stdout);
}

/** Reads what planRuntime compares: file hashes and containerd's unit state. */
export async function readRuntimeHost(host: Host, files: readonly RuntimeFile[]): Promise<RuntimeHostState> {
  const paths = files.map((file) => file.path);
  const sums = await host.exec(sha256sumCommand(paths), { allowedExitCodes: [0, 1] });
  // is-active exits 3 for inactive, is-enabled 1 for disabled; 4 means no such unit yet.
  const active = await host.exec(['systemctl', 'is-active', 'containerd.service'], { allowedExitCodes: [0, 3, 4] });
  const enabled = await host.exec(['systemctl', 'is-enabled', 'containerd.service'], { allowedExitCodes: [0, 1, 4] });
  return {
    hashes: parseSha256sum(sums.stdout, paths),
    containerdActive: active.stdout.trim() === 'active',
    containerdEnabled: enabled.stdout.trim() === 'enabled',
  };
}

/** Writes the changed files (atomic uploads), then runs the planned steps in order. */
export async function applyRuntimePlan(host: Host, plan: RuntimePlan, signal?: AbortSignal): Promise<void> {
  const options = signal === undefined ? {} : { signal };
  for (const file of plan.writes) {
    await host.exec(['mkdir', '-p', '--', file.path.slice(0, file.path.lastIndexOf('/'))], options);
    await host.upload(file.content, file.path, { mode: file.mode, ...options });
  }
  for (const step of plan.steps) await host.exec(step.argv, options);
}
