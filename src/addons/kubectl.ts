import { BIN_DIR } from '../artifacts/artifact-catalog.ts';
import { KUBECONFIGS } from '../bootstrap/paths.ts';
import type { Host } from '../host/host.ts';

/** Installed on every control plane by the artifacts phase. */
export const KUBECTL = `${BIN_DIR}/kubectl`;
/** Written by the certs phase; root-only, so kubectl runs under sudo (Host's default for non-root users). */
export const ADMIN_KUBECONFIG = KUBECONFIGS.admin;
/** A dead API server must fail a read quickly instead of hanging the plan. */
const REQUEST_TIMEOUT = '15s';

/** `kubectl --kubeconfig admin.conf <args>` as an argv. */
export function kubectl(args: readonly string[]): string[] {
  return [KUBECTL, '--kubeconfig', ADMIN_KUBECONFIG, `--request-timeout=${REQUEST_TIMEOUT}`, ...args];
}

/** Why kubectl cannot be used on this host yet (before the artifacts or certs phase ran), or undefined. */
export async function kubectlUnavailable(host: Host, signal?: AbortSignal): Promise<string | undefined> {
  const options = { allowedExitCodes: [0, 1], ...(signal === undefined ? {} : { signal }) };
  if ((await host.exec(['test', '-x', KUBECTL], options)).exitCode !== 0) return `${KUBECTL} is not installed yet`;
  if ((await host.exec(['test', '-r', ADMIN_KUBECONFIG], options)).exitCode !== 0) return `${ADMIN_KUBECONFIG} is not written yet`;
  return undefined;
}

/** The first line of kubectl's complaint, for a one-line plan entry. */
export function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? 'no output';
}
