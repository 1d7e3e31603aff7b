import { KitError } from '../errors/kit-error.ts';
import type { Host } from '../host/host.ts';
import { CNI_BIN_DIR } from './overlay-names.ts';

/**
 * Calls a CNI network configuration list the way a runtime's libcni does, over Host.exec: on
 * ADD each plugin in order, each given the previous plugin's result as `prevResult`; on DEL
 * and CHECK the plugins get the cached ADD result, DEL in reverse order. kit uses it to prove
 * pod networking on a node without a kubelet (and the end-to-end tests use it as the runtime).
 */
export type CniCommand = 'ADD' | 'DEL' | 'CHECK';

export interface CniCallArgs {
  readonly containerId: string;
  /** Path of the network namespace, e.g. /var/run/netns/pod1. */
  readonly netns: string;
  readonly ifName: string;
  readonly binDir?: string;
  /** `CNI_ARGS` key=value pairs (K8S_POD_NAME and friends). */
  readonly args?: Readonly<Record<string, string>>;
  /** Values for plugins' capabilities (`portMappings`, `bandwidth`…): libcni's runtimeConfig. */
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
}

export interface CniConflist {
  readonly cniVersion: string;
  readonly name: string;
  readonly plugins: readonly (Readonly<Record<string, unknown>> & { readonly type: string })[];
}

/** The stdin of one plugin call: the plugin's own object plus what libcni injects. */
export function pluginNetconf(options: {
  readonly conflist: CniConflist;
  readonly index: number;
  readonly prevResult?: unknown;
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
}): Record<string, unknown> {
  const plugin = options.conflist.plugins[options.index];
  if (plugin === undefined) throw new RangeError(`the conflist ${options.conflist.name} has no plugin number ${options.index}`);
  const capabilities = (plugin['capabilities'] ?? {}) as Record<string, unknown>;
  const runtimeConfig = Object.fromEntries(
    Object.entries(options.capabilityArgs ?? {}).filter(([key]) => capabilities[key] === true),
  );
  return {
    ...plugin,
    name: options.conflist.name,
    cniVersion: options.conflist.cniVersion,
    ...(Object.keys(runtimeConfig).length === 0 ? {} : { runtimeConfig }),
    ...(options.prevResult === undefined ? {} : { prevResult: options.prevResult }),
  };
}

/** The environment a plugin reads its call from (CNI spec, "Parameters"). */
export function cniEnvironment(command: CniCommand | 'VERSION', args: CniCallArgs): string[] {
  const cniArgs = Object.entries(args.args ?? {}).map(([key, value]) => `${key}=${value}`).join(';');
  return [
    `CNI_COMMAND=${command}`,
    `CNI_CONTAINERID=${args.containerId}`,
    `CNI_NETNS=${args.netns}`,
    `CNI_IFNAME=${args.ifName}`,
    `CNI_PATH=${args.binDir ?? CNI_BIN_DIR}`,
    ...(cniArgs === '' ? [] : [`CNI_ARGS=${cniArgs}`]),
  ];
}

/** Plugin indexes in the order libcni calls them. */
export function pluginOrder(command: CniCommand, count: number): number[] {
  const forward = Array.from({ length: count }, (_, index) => index);
  return command === 'DEL' ? forward.reverse() : forward;
}

/** A CNI plugin answered with an error (CNI spec error object), or not at all. */
export class CniPluginError extends KitError {
  constructor(host: string, plugin: string, command: CniCommand, detail: string) {
    super('REMOTE_COMMAND_FAILED', `${host}: CNI plugin ${plugin} failed ${command}: ${detail}`, {
      hint: `Check the plugin binary in ${CNI_BIN_DIR} and the conflist in /etc/cni/net.d on ${host}.`,
    });
  }
}

/**
 * Runs ADD, CHECK or DEL for the whole list and returns the last plugin's result (ADD) or
 * undefined. For DEL and CHECK pass the result ADD returned, as libcni's cache would.
 */
export async function callConflist(host: Host, options: { readonly conflist: CniConflist; readonly command: CniCommand; readonly args: CniCallArgs; readonly cachedResult?: unknown }): Promise<unknown> {
  let result: unknown = options.command === 'ADD' ? undefined : options.cachedResult;
  for (const index of pluginOrder(options.command, options.conflist.plugins.length)) {
    const netconf = pluginNetconf({
      conflist: options.conflist,
      index,
      ...(result === undefined ? {} : { prevResult: result }),
      ...(options.args.capabilityArgs === undefined ? {} : { capabilityArgs: options.args.capabilityArgs }),
    });
    const output = await runPlugin(host, { type: String(netconf['type']), command: options.command, args: options.args, stdin: JSON.stringify(netconf) });
    if (options.command === 'ADD') result = JSON.parse(output) as unknown;
  }
  return options.command === 'ADD' ? result : undefined;
}

async function runPlugin(host: Host, call: { type: string; command: CniCommand; args: CniCallArgs; stdin: string }): Promise<string> {
  const binary = `${call.args.binDir ?? CNI_BIN_DIR}/${call.type}`;
  const outcome = await host.exec(['env', ...cniEnvironment(call.command, call.args), binary], {
    stdin: call.stdin,
    allowedExitCodes: Array.from({ length: 256 }, (_, code) => code),
  });
  if (outcome.exitCode === 0) return outcome.stdout;
  throw new CniPluginError(host.name, call.type, call.command, describeFailure(outcome.stdout, outcome.stderr, outcome.exitCode));
}

/** The spec's error object is `{code, msg, details}` on stdout; fall back to stderr. */
export function describeFailure(stdout: string, stderr: string, exitCode: number): string {
  try {
    const error = JSON.parse(stdout) as { code?: unknown; msg?: unknown; details?: unknown };
    if (typeof error.msg === 'string') return `${error.msg}${typeof error.details === 'string' && error.details !== '' ? ` (${error.details})` : ''} [CNI error ${String(error.code)}]`;
  } catch {
    // not JSON: the plugin crashed or is not a CNI plugin at all
  }
  return `exit ${exitCode}: ${(stderr.trim() || stdout.trim()).slice(-500)}`;
}
