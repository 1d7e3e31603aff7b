import type { ExecResult, Host } from '../../host/host.ts';
import { KUBECONFIGS } from '../paths.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';

export interface KubectlOptions {
  /** Manifests or patches go on standard input, never in argv (they may hold a token). */
  readonly stdin?: string;
  readonly allowedExitCodes?: readonly number[];
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Which kubeconfig on the control plane; default admin.conf. */
  readonly kubeconfig?: string;
}

/**
 * kubectl on a control plane, as its administrator: kit talks to the API through the control
 * plane's SSH connection, so the API server never needs to be reachable from where kit runs.
 */
export async function kubectl(host: Host, cluster: ClusterSpec, args: readonly string[], options: KubectlOptions = {}): Promise<ExecResult> {
  const argv = [`${cluster.binDir}/kubectl`, `--kubeconfig=${options.kubeconfig ?? KUBECONFIGS.admin}`, '--request-timeout=20s', ...args];
  return host.exec(argv, {
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    ...(options.allowedExitCodes === undefined ? {} : { allowedExitCodes: options.allowedExitCodes }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/** `kubectl get ... -o json`, parsed; undefined when the object does not exist. */
export async function kubectlGetJson(host: Host, cluster: ClusterSpec, args: readonly string[], signal?: AbortSignal): Promise<unknown> {
  const result = await kubectl(host, cluster, ['get', ...args, '-o', 'json'], { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) });
  if (result.exitCode !== 0) {
    if (/NotFound|not found/u.test(result.stderr)) return undefined;
    throw new Error(`kubectl get ${args.join(' ')} on ${host.name} failed: ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as unknown;
}

export interface ApplyOptions {
  readonly kubeconfig?: string;
  /** `--dry-run=server`: the API server says what would change, nothing is stored. */
  readonly serverDryRun?: boolean;
  readonly signal?: AbortSignal;
}

/** Applies YAML documents from stdin; returns kubectl's per-object lines (`... created|configured|unchanged`). */
export async function kubectlApply(host: Host, cluster: ClusterSpec, manifest: string, options: ApplyOptions = {}): Promise<string[]> {
  const args = ['apply', '-f', '-', ...(options.serverDryRun === true ? ['--dry-run=server'] : [])];
  const result = await kubectl(host, cluster, args, {
    stdin: manifest,
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return result.stdout.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** kubectl's apply lines that change something (not `unchanged`). */
export function changingApplyLines(lines: readonly string[]): string[] {
  return lines.filter((line) => !/ unchanged( \(server dry run\))?$/u.test(line)).map((line) => line.replace(/ \(server dry run\)$/u, ''));
}
