import type { Command } from 'commander';
import type { NodeSpec } from '../../bootstrap/spec/cluster-spec.ts';
import { DEFAULT_CRI_SOCKET, DEFAULT_RESOLV_CONF } from '../../bootstrap/spec/cluster-spec.ts';
import { bootstrapRestarter } from '../../certs/daemon-restarter.ts';
import { checkExpiration } from '../../certs/check-expiration.ts';
import { RENEWABLE_ROW_NAMES } from '../../certs/cert-units.ts';
import { describeCertList, type CertListEntry } from '../../certs/describe-cert-list.ts';
import { renderExpiryTable } from '../../certs/expiry-table.ts';
import { renewCertificates, type RenewalResult } from '../../certs/renew-certificates.ts';
import { resolveRenewTargets } from '../../certs/renew-targets.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { clusterSpecFor, pkiSpecFor } from '../../flows/model/cluster-model.ts';
import type { Host } from '../../host/host.ts';
import type { HostPool } from '../../host/host-pool.ts';
import type { Inventory, InventoryHost } from '../../inventory/inventory.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { fanOut } from '../../workflow/fan-out.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import type { HostFailure } from '../../workflow/hosts-failed-error.ts';
import type { CliContext } from '../cli-context.ts';
import { parseHostList, selectHosts } from '../select-hosts.ts';
import { withHostPool } from '../with-host-pool.ts';

/** `kit certs list | check-expiration | renew`: the PKI table resolved, read back from the hosts, renewed. */
export function registerCertsCommand(program: Command, contextOf: () => CliContext): void {
  const certs = program.command('certs').description('the cluster PKI: list what kit issues, check expiry on the hosts, renew');
  certs
    .command('list')
    .description('every certificate, key and kubeconfig kit manages for this inventory: subject, SANs, issuer, paths, hosts')
    .requiredOption('-f, --file <path>', 'inventory file')
    .action(async (flags: { file: string }) => {
      const context = contextOf();
      const entries = describeCertList(pkiSpecFor(await loadInventory(flags.file)));
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', certificates: entries })}\n`);
      else context.stdout(entries.map(formatEntry).join('\n'));
    });
  certs
    .command('check-expiration')
    .description('read every certificate from the hosts (files, kubeconfigs, the kubelet\'s) and show expiry, residual time and issuing CA')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--warn-within <duration>', 'highlight certificates with less left than this (30d, 12h, 90m)', '30d')
    .option('--hosts <names>', 'comma-separated host names (default: all)')
    .action(async (flags: { file: string; warnWithin: string; hosts?: string }) => {
      const context = contextOf();
      const warnWithinSeconds = parseDuration(flags.warnWithin, '--warn-within');
      const inventory = await loadInventory(flags.file);
      const selected = selectHosts(inventory, { names: parseHostList(flags.hosts ?? '') });
      await withHostPool(context, async (pool) => {
        const connected = await connectHosts(pool, selected, context);
        const { report, failures } = await checkExpiration({ spec: pkiSpecFor(inventory), hosts: connected.hosts, warnWithinSeconds, concurrency: context.flags.concurrency, signal: context.signal });
        if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ...report })}\n`);
        else context.stdout(renderExpiryTable(report, context.isTty ? { highlight: (line) => `\u001b[33m${line}\u001b[0m` } : {}));
        const all = [...connected.failures, ...failures];
        if (all.length > 0) throw new HostsFailedError('check-expiration', all, 'The other hosts are reported above; make these reachable and re-run.');
      });
    });
  certs
    .command('renew')
    .description('re-issue leaf certificates from the existing CAs, snapshot etcd, roll them out one control plane at a time')
    .argument('<names...>', `all, or certificate names (NAME@node for one node's): ${RENEWABLE_ROW_NAMES.join(', ')}`)
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--force', 'also replace certificates signed by another CA (replaced by hand) instead of refusing', false)
    .option('--dry-run', 'read the hosts and show what would be renewed; issue, write and restart nothing', false)
    .action(async (names: string[], flags: { file: string; force: boolean; dryRun: boolean }) => {
      const context = contextOf();
      const inventory = await loadInventory(flags.file);
      const spec = pkiSpecFor(inventory);
      resolveRenewTargets(names, spec); // a wrong name fails before any connection
      const result = await withHostPool(context, async (pool) => {
        const connected = await connectHosts(pool, inventory.hosts, context);
        if (connected.failures.length > 0) throw new HostsFailedError('renew (connecting)', connected.failures, 'Nothing was changed: renewal reads every host first. Make them reachable and re-run.');
        const cluster = clusterSpecFor(inventory);
        const restarter = bootstrapRestarter({ cluster, nodeOf: (name) => healthNode(inventory, name) });
        return renewCertificates({
          spec, hosts: connected.hosts, names, force: flags.force, dryRun: flags.dryRun, restarter, binDir: cluster.binDir,
          concurrency: context.flags.concurrency, signal: context.signal,
          log: (message, host) => context.stderr(`${host === undefined ? '' : `${host}: `}${message}\n`),
        });
      });
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ...result })}\n`);
      else context.stdout(formatRenewal(result));
    });
}

async function connectHosts(pool: HostPool, selected: readonly InventoryHost[], context: CliContext): Promise<{ hosts: Host[]; failures: readonly HostFailure[] }> {
  const { results, failures } = await fanOut(selected, (host) => host.name, (host) => pool.connect(host.ssh), { concurrency: context.flags.concurrency, signal: context.signal });
  return { hosts: selected.flatMap((host) => results.get(host) ?? []), failures };
}

/**
 * The node as bootstrap's health probes see it: they read only its address and roles. The
 * runtime fields come from host facts, which renewal does not gather; they are placeholders.
 */
function healthNode(inventory: Inventory, name: string): NodeSpec {
  const host = inventory.hosts.find((candidate) => candidate.name === name);
  if (host === undefined) throw new Error(`internal: no host ${name} in the inventory`);
  return {
    name, ip: host.internalAddress, roles: host.roles, labels: host.labels, taints: host.taints,
    cgroupDriver: 'systemd', cgroupVersion: 2, resolvConf: DEFAULT_RESOLV_CONF, criSocket: DEFAULT_CRI_SOCKET,
  };
}

/** `30d`, `12h`, `90m`, `45s`; a bare number is days. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+)([dhms]?)$/u.exec(text.trim());
  if (match === null) throw new UsageError(`${flag} ${text} is not a duration`, 'Use a whole number with d, h, m or s, e.g. 30d or 12h.');
  const unit = { '': 86_400, d: 86_400, h: 3_600, m: 60, s: 1 }[match[2] as '' | 'd' | 'h' | 'm' | 's'];
  return Number(match[1]) * unit;
}

function formatRenewal(result: RenewalResult): string {
  const lines = result.certificates.map((entry) => {
    const before = entry.previous.map((held) => `${held.host}: ${held.state === 'ours' ? `until ${held.notAfter ?? '?'}` : held.state}`).join(', ');
    const after = entry.notAfter === undefined ? '' : ` → until ${entry.notAfter}`;
    return `${entry.id}  (${before})${after}${entry.changes.length === 0 ? '' : `  [${entry.changes.join('; ')}]`}`;
  });
  if (result.dryRun) return `dry run: would renew\n${lines.join('\n')}\n`;
  const restarts = result.hosts.flatMap((host) => host.restarts.filter((outcome) => outcome.action === 'restarted').map((outcome) => `${host.host}/${outcome.daemon} (${outcome.healthyAfterMs ?? 0} ms)`));
  return `${lines.join('\n')}\netcd snapshot: ${result.snapshot?.host ?? '?'}:${result.snapshot?.path ?? '?'}\nrestarted: ${restarts.join(', ') || 'nothing'}\nrenewed ${result.certificates.length} certificate(s)\n`;
}

function formatEntry(entry: CertListEntry): string {
  const days = entry.validitySeconds === undefined ? '' : `, ${Math.round(entry.validitySeconds / 86_400)} days`;
  const lines = [`${entry.id}  (${entry.kind}${days}) — ${entry.description}`];
  if (entry.subject !== '') lines.push(`    subject: ${entry.subject}`);
  if (entry.issuer !== '') lines.push(`    issuer:  ${entry.issuer}`);
  if (entry.sans.length > 0 && entry.kind !== 'ca') lines.push(`    SANs:    ${entry.sans.join(', ')}`);
  lines.push(`    usage:   ${entry.usage}`, `    paths:   ${entry.paths.join(', ')}`, `    hosts:   ${entry.hosts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
