import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandError } from '../errors/remote-command-error.ts';
import type { ExecResult, Host } from '../host/host.ts';
import type { Addon } from './addon.ts';
import { appliedPath, pendingPath } from './addon-paths.ts';
import { kubectl } from './kubectl.ts';

export interface ApplyAddonOptions {
  readonly signal?: AbortSignal;
  /** Pause before retrying objects whose CRD the API server is still registering. Default 5 s. */
  readonly retryDelayMs?: number;
}

/** What kubectl said per object: `{ unchanged: ['configmap/coredns', ...], created: [...] }`. */
export type ApplyOutcome = Readonly<Record<string, readonly string[]>>;

const ATTEMPTS = 3;
/** A custom resource applied in the same file as its CRD, before the API serves the new kind. */
const CRD_NOT_READY = /ensure CRDs are installed first|no matches for kind/u;
/** Client-side apply keeps the whole object in an annotation; large CRDs (Calico's) overflow it. */
const ANNOTATION_TOO_LONG = /metadata\.annotations: Too long/u;

/**
 * Applies an add-on: the manifest goes to a root-only file next to the last one applied,
 * `kubectl apply` reads it, and only when that succeeded does it replace the record the next
 * plan compares with. Objects already right are reported `unchanged` by kubectl.
 */
export async function applyAddon(host: Host, addon: Addon, options: ApplyAddonOptions = {}): Promise<ApplyOutcome> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const pending = pendingPath(addon.name);
  await host.upload(addon.manifest, pending, { mode: 0o600, ...signal });
  const result = await runApply(host, pending, options);
  await host.exec(['mv', '-f', pending, appliedPath(addon.name)], signal);
  return parseApplyOutput(result.stdout);
}

async function runApply(host: Host, file: string, options: ApplyAddonOptions): Promise<ExecResult> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  let serverSide = false;
  for (let attempt = 1; ; attempt++) {
    const args = ['apply', '-f', file, ...(serverSide ? ['--server-side', '--force-conflicts', '--field-manager=kit'] : [])];
    const result = await host.exec(kubectl(args), { allowedExitCodes: [0, 1], timeoutMs: 300_000, ...signal });
    if (result.exitCode === 0) return result;
    if (!serverSide && ANNOTATION_TOO_LONG.test(result.stderr)) {
      serverSide = true;
      continue;
    }
    if (attempt < ATTEMPTS && CRD_NOT_READY.test(result.stderr)) {
      await sleep(options.retryDelayMs ?? 5000, undefined, signal);
      continue;
    }
    throw new RemoteCommandError(
      { host: host.name, command: kubectl(args).join(' '), exitCode: result.exitCode, stderrTail: result.stderr.split('\n').slice(-12).join('\n') },
      `Look at the objects kubectl named above; the manifest is kept at ${file} on ${host.name}, re-run kit apply once it is fixed.`,
    );
  }
}

/** `deployment.apps/coredns unchanged` lines grouped by what happened. */
export function parseApplyOutput(stdout: string): ApplyOutcome {
  const outcome: Record<string, string[]> = {};
  for (const line of stdout.split('\n')) {
    const match = /^(\S+) (.+)$/u.exec(line.trim());
    if (match === null) continue;
    const [, object = '', verb = ''] = match;
    (outcome[verb] ??= []).push(object);
  }
  return outcome;
}

/** `6 unchanged` or `created deployment.apps/coredns, service/kube-dns; 4 unchanged`. */
export function describeApplyOutcome(outcome: ApplyOutcome): string {
  // What changed first; the unchanged count last, however kubectl interleaved them.
  const entries = Object.entries(outcome).sort(([a], [b]) => Number(a === 'unchanged') - Number(b === 'unchanged'));
  const parts = entries.map(([verb, objects]) => (verb === 'unchanged' ? `${objects.length} unchanged` : `${verb} ${objects.join(', ')}`));
  return parts.length === 0 ? 'kubectl reported nothing' : parts.join('; ');
}
