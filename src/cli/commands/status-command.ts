import type { Command } from 'commander';
import { clusterSpecFor, pkiSpecFor } from '../../flows/model/cluster-model.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { collectStatus } from '../../status/collect-status.ts';
import { renderStatus } from '../../status/render-status.ts';
import { StatusDownError } from '../../status/status-down-error.ts';
import { statusFindings } from '../../status/status-findings.ts';
import type { CliContext } from '../cli-context.ts';
import { withHostPool } from '../with-host-pool.ts';
import { parseDuration } from './certs-command.ts';

/** `kit status`: every host, unit, Node, etcd member and the soonest certificate expiry, read-only. */
export function registerStatusCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('status')
    .description('the cluster at a glance: per host SSH, kit\'s units and their health checks, the Node, the etcd member and the soonest certificate expiry; exits 6 when something is down')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--warn-within <duration>', 'warn about certificates with less left than this (30d, 12h, 90m)', '30d')
    .action(async (flags: { file: string; warnWithin: string }) => {
      const context = contextOf();
      const warnWithinSeconds = parseDuration(flags.warnWithin, '--warn-within');
      const inventory = await loadInventory(flags.file);
      const byName = new Map(inventory.hosts.map((host) => [host.name, host]));
      const status = await withHostPool(context, (pool) => collectStatus({
        cluster: clusterSpecFor(inventory),
        pki: pkiSpecFor(inventory),
        hosts: inventory.hosts.map((host) => ({ name: host.name, address: host.address, ip: host.internalAddress, roles: host.roles })),
        overlay: inventory.network.plugin === 'vxlan',
        connect: (host) => {
          const target = byName.get(host.name);
          return target === undefined ? Promise.reject(new Error(`internal: no host ${host.name}`)) : pool.connect(target.ssh);
        },
        warnWithinSeconds,
        concurrency: context.flags.concurrency,
        signal: context.signal,
      }));
      const findings = statusFindings(status);
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ...status, down: findings.down, warnings: findings.warnings })}\n`);
      else context.stdout(renderStatus(status, findings, context.isTty ? { down: (text) => `\u001b[31m${text}\u001b[0m`, warn: (text) => `\u001b[33m${text}\u001b[0m` } : {}));
      if (findings.down.length > 0) throw new StatusDownError(findings.down);
    });
}
