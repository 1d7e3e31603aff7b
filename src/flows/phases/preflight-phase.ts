import { PreflightFailedError } from '../../errors/preflight-failed-error.ts';
import type { IgnoreList } from '../../preflight/ignore-errors.ts';
import { runPreflight } from '../../preflight/run-preflight.ts';
import { CLUSTER, type Phase } from '../../workflow/phase.ts';
import { connect, hostNames, type FlowState } from '../flow-state.ts';
import { isOwnLeftover, readClusterMarker } from '../model/cluster-marker.ts';
import { preflightFindings } from '../model/preflight-findings.ts';
import { preflightInputs, preflightSettingsFor } from '../model/preflight-model.ts';

/** Checks kit's own `prepare` phase makes true: a fresh host failing them is expected, not an error. */
export const FIXED_BY_KIT = ['FileContent--proc-sys-net-ipv4-ip_forward', 'FileContent--proc-sys-net-bridge-bridge-nf-call-iptables'] as const;

/** Every host and every pair checked before anything changes; errors stop the flow. */
export const preflightPhase: Phase<FlowState> = {
  name: 'preflight',
  title: 'check every host and every pair of hosts',
  readOnly: true,
  hosts: hostNames,
  plan: async () => new Map([[CLUSTER, ['run the preflight checks (read only)']]]),
  apply: async (state, _plan, context) => {
    const report = await runPreflight({
      hosts: preflightInputs(state.inventory, state.pool),
      settings: preflightSettingsFor(state.inventory),
      signal: context.options.signal,
      concurrency: context.options.concurrency,
      ignore: withKitFixes(state.ignorePreflightErrors),
    });
    const owned = await hostsOfThisCluster(state, context.options.signal);
    const findings = preflightFindings(report).flatMap((finding) => {
      if (finding.status !== 'error' || !isOwnLeftover(finding.name)) return [finding];
      const foreign = finding.where.filter((where) => !owned.has(where));
      return foreign.length === 0 ? [] : [{ ...finding, where: foreign }];
    });
    if (owned.size > 0) context.log(`${[...owned].join(', ')}: prepared by kit for cluster ${state.inventory.cluster.name} — its files and daemons are not leftovers`);
    for (const finding of findings) {
      const fix = finding.status === 'error' && finding.fix !== undefined ? `\n    fix: ${finding.fix}` : '';
      context.log(`${finding.status === 'error' ? 'error' : 'warning'} ${finding.name} on ${finding.where.join(', ')}: ${finding.message}${fix}`);
    }
    const errors = findings.filter((finding) => finding.status === 'error');
    if (errors.length > 0) throw new PreflightFailedError(errors.reduce((sum, error) => sum + error.where.length, 0), [...new Set(errors.map((error) => error.name))]);
    context.log(`preflight passed: ${report.counts.ok} ok, ${findings.length} finding(s) to note, in ${(report.durationMs / 1000).toFixed(1)} s`);
  },
};

async function hostsOfThisCluster(state: FlowState, signal: AbortSignal): Promise<Set<string>> {
  const markers = await Promise.all(hostNames(state).map(async (name) => {
    const marker = await readClusterMarker(await connect(state, name), signal).catch(() => undefined);
    return marker === state.inventory.cluster.name ? [name] : [];
  }));
  return new Set(markers.flat());
}

function withKitFixes(ignore: IgnoreList): IgnoreList {
  return ignore === 'all' ? 'all' : [...ignore, ...FIXED_BY_KIT];
}
