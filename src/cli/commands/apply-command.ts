import type { Command } from 'commander';
import { UsageError } from '../../errors/usage-error.ts';
import { APPLY_FLOW, INIT_FLOW, JOIN_FLOW } from '../../flows/apply-flow.ts';
import type { FlowState } from '../../flows/flow-state.ts';
import type { HostPool } from '../../host/host-pool.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import { runFlow, type Flow } from '../../workflow/run-flow.ts';
import type { CliContext } from '../cli-context.ts';
import { eventView } from '../cli-context.ts';
import { parseHostList } from '../select-hosts.ts';
import { withTransportStats } from '../transport-stats-sink.ts';
import { withHostPool } from '../with-host-pool.ts';
import { parseIgnoreList } from './preflight-command.ts';

interface ClusterFlowFlags {
  readonly file: string;
  readonly dryRun: boolean;
  readonly skipPhases?: string;
  readonly ignorePreflightErrors?: string;
  readonly pkiDir?: string;
  /** `kit join` only. */
  readonly host?: string;
}

/**
 * `kit apply` converges every host toward the inventory, phase by phase; `kit init` runs the
 * phases up to a serving control plane; `kit join --host` joins named nodes. All are safe to re-run.
 */
export function registerApplyCommand(program: Command, contextOf: () => CliContext): void {
  const apply = clusterFlowCommand(program, 'apply', APPLY_FLOW, 'converge the cluster to the inventory');
  apply.action(async (flags: ClusterFlowFlags) => runClusterFlow(contextOf(), APPLY_FLOW, flags));
  const init = clusterFlowCommand(program, 'init', INIT_FLOW, 'kubeadm init: prepare every host and bring up the control planes with the bootstrap objects; workers join later');
  init.action(async (flags: ClusterFlowFlags) => runClusterFlow(contextOf(), INIT_FLOW, flags));
  const join = clusterFlowCommand(program, 'join', JOIN_FLOW, 'kubeadm join: join the named nodes (workers or control planes) of the inventory; other nodes\' daemons are left alone')
    .requiredOption('--host <names>', 'comma-separated inventory host names to join');
  join.action(async (flags: ClusterFlowFlags) => runClusterFlow(contextOf(), JOIN_FLOW, flags));
}

function clusterFlowCommand(program: Command, name: string, flow: Flow<FlowState>, purpose: string): Command {
  const phaseNames = flow.phases.map((phase) => phase.name);
  return program
    .command(name)
    .description(`${purpose} (phases: ${phaseNames.join(', ')}); re-running changes only what differs`)
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--dry-run', 'print what each phase would change on each host, change nothing', false)
    .option('--skip-phases <names>', `comma-separated phases to leave out (${phaseNames.join(', ')})`)
    .option('--ignore-preflight-errors <names>', 'comma-separated preflight checks to lower to warnings, or "all"')
    .option('--pki-dir <dir>', 'use the CA (or whole PKI) found there, and write the resulting PKI back (keys 0600); by default no key is written to this machine');
}

async function runClusterFlow(context: CliContext, flow: Flow<FlowState>, flags: ClusterFlowFlags): Promise<void> {
  const phaseNames = flow.phases.map((phase) => phase.name);
  const skipPhases = parseHostList(flags.skipPhases ?? '');
  const unknown = skipPhases.filter((name) => !phaseNames.includes(name));
  if (unknown.length > 0) throw new UsageError(`--skip-phases names unknown phase(s) ${unknown.join(', ')}`, `Phases: ${phaseNames.join(', ')}`);
  const inventory = await loadInventory(flags.file);
  const scope = flags.host === undefined ? undefined : parseHostList(flags.host);
  const strangers = (scope ?? []).filter((name) => !inventory.hosts.some((host) => host.name === name));
  if (strangers.length > 0) throw new UsageError(`--host names host(s) not in ${flags.file}: ${strangers.join(', ')}`, 'Add the host to the inventory first; kit join joins hosts the inventory lists.');
  const view = eventView(context);
  const stateWith = (pool: HostPool): FlowState => ({
    inventory, pool, ignorePreflightErrors: parseIgnoreList(flags.ignorePreflightErrors),
    ...(flags.pkiDir === undefined ? {} : { pkiDir: flags.pkiDir }),
    ...(scope === undefined ? {} : { nodeScope: new Set(scope) }),
    computed: { changedPaths: new Map(), freshDaemons: new Map() },
  });
  const result = await withHostPool(context, (pool) =>
    runFlow(flow, stateWith(pool), {
      dryRun: flags.dryRun,
      concurrency: context.flags.concurrency,
      signal: context.signal,
      emit: context.flags.debug ? withTransportStats(view.sink, pool) : view.sink,
      skipPhases,
    }),
  ).finally(() => view.done);
  if (!result.ok) {
    throw new HostsFailedError(flow.name, result.failures.map((failure) => ({ host: `${failure.host} (phase ${failure.phase})`, error: failure.error })));
  }
  const unchanged = result.unchangedPhases.filter((name) => name !== 'preflight');
  const changing = phaseNames.filter((name) => name !== 'preflight' && name !== 'verify' && !skipPhases.includes(name));
  const summary = flags.dryRun ? 'dry run: nothing was changed' : changing.every((name) => unchanged.includes(name)) ? 'no changes: every host already matches the inventory' : 'applied';
  if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ok: true, summary, unchangedPhases: result.unchangedPhases })}\n`);
  else context.stdout(`${summary}\n`);
}
