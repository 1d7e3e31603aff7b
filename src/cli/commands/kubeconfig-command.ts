import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../errors/usage-error.ts';
import { clusterSpecFor } from '../../flows/model/cluster-model.ts';
import { hostsWithRole } from '../../inventory/inventory.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import { adminEntries, renderEntries } from '../../status/kubeconfig/admin-kubeconfig.ts';
import { fetchAdminKubeconfig } from '../../status/kubeconfig/fetch-admin-kubeconfig.ts';
import { kubeconfigPath } from '../../status/kubeconfig/kubeconfig-path.ts';
import { mergeKubeconfig } from '../../status/kubeconfig/merge-kubeconfig.ts';
import type { MergeResult } from '../../status/kubeconfig/merge-kubeconfig.ts';
import { operatorServer } from '../../status/kubeconfig/operator-server.ts';
import { writePrivateFile } from '../../status/kubeconfig/write-private-file.ts';
import type { CliContext } from '../cli-context.ts';
import { withHostPool } from '../with-host-pool.ts';

interface KubeconfigFlags {
  readonly file: string;
  /** `true` for a bare `--merge`. */
  readonly merge?: string | boolean;
  readonly force: boolean;
  readonly setCurrent: boolean;
  readonly server?: string;
}

const SERVER_HELP = `
The API server address is rewritten for use from this machine (admin.conf on a node may say
https://127.0.0.1:6443, the node-local load balancer, which exists only on the nodes):
  - cluster.controlPlaneEndpoint set: that endpoint;
  - one control plane: its internalAddress;
  - several control planes, no endpoint: the internalAddress of the control plane the file was
    read from (no failover to the others; set controlPlaneEndpoint for that).
Each of these is in the API server certificates. When this machine reaches the control planes
on another address, pass --server https://ADDRESS:6443 and list ADDRESS in cluster.extraSans.
Cluster and context are named after cluster.name, the user NAME-admin.`;

/** `kit kubeconfig`: the admin kubeconfig from a control plane, printed or merged into the user's. */
export function registerKubeconfigCommand(program: Command, contextOf: () => CliContext): void {
  program
    .command('kubeconfig')
    .description('print the cluster\'s admin kubeconfig (read from the first reachable control plane), or merge it into ~/.kube/config')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--merge [path]', 'merge into this kubeconfig (default: the first file in $KUBECONFIG, else ~/.kube/config) instead of printing')
    .option('--set-current', 'with --merge: make this cluster\'s context the current one', false)
    .option('--force', 'with --merge: replace entries of the same name that differ (e.g. after kit certs renew)', false)
    .option('--server <url>', 'API server URL to write instead of the one kit picks (see below)')
    .addHelpText('after', SERVER_HELP)
    .action(async (flags: KubeconfigFlags) => {
      const context = contextOf();
      const server = flags.server === undefined ? undefined : checkServer(flags.server);
      const inventory = await loadInventory(flags.file);
      const cluster = clusterSpecFor(inventory);
      const admin = await withHostPool(context, (pool) => fetchAdminKubeconfig({
        controlPlanes: hostsWithRole(inventory, 'control-plane'), connect: (plane) => pool.connect(plane.ssh), signal: context.signal, inventoryPath: flags.file,
      }));
      const chosen = operatorServer(cluster, admin.from);
      const entries = adminEntries(admin.text, { clusterName: inventory.cluster.name, server: server ?? chosen.url, source: `${admin.from}:/etc/kubernetes/admin.conf` });
      const note = server === undefined ? `server ${chosen.url}: ${chosen.why}` : `server ${server} (--server)`;
      if (flags.merge === undefined || flags.merge === false) {
        if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', from: admin.from, server: entries.cluster.cluster['server'], kubeconfig: renderEntries(entries) })}\n`);
        else {
          if (process.stdout.isTTY === true) context.stderr('warning: this kubeconfig holds the cluster admin\'s private key; redirect it to a file (mode 0600) or use --merge\n');
          context.stderr(`read from ${admin.from}; ${note}\n`);
          context.stdout(renderEntries(entries));
        }
        return;
      }
      const target = kubeconfigPath({ ...(typeof flags.merge === 'string' ? { explicit: flags.merge } : {}), ...(process.env['KUBECONFIG'] === undefined ? {} : { env: process.env['KUBECONFIG'] }), home: homedir() });
      const existing = await readFile(target, 'utf8').catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
      const merged = mergeKubeconfig(existing, entries, { path: target, force: flags.force, setCurrent: flags.setCurrent });
      const written = merged.changed ? await writePrivateFile(target, merged.text) : target;
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', from: admin.from, server: entries.cluster.cluster['server'], path: written, changed: merged.changed, changes: merged.changes, currentContext: merged.currentContext })}\n`);
      else context.stdout(describeMerge(merged, { path: written, note, from: admin.from }));
    });
}

function describeMerge(merged: MergeResult, where: { path: string; note: string; from: string }): string {
  const changes = merged.changes.map((change) => `${change.kind} ${change.name} ${change.action}`).join(', ');
  const verdict = merged.changed ? `merged into ${where.path} (mode 0600)` : `${where.path} already up to date; nothing written`;
  return `${verdict}: ${changes}\ncurrent-context: ${merged.currentContext ?? '(none)'}\nread from ${where.from}; ${where.note}\n`;
}

function checkServer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server ${value} is not a URL`, 'Give the full URL, e.g. --server https://203.0.113.10:6443');
  }
  if (url.protocol !== 'https:') throw new UsageError(`--server ${value} is not an https URL`, 'The API server only serves HTTPS: --server https://HOST:6443');
  return value.replace(/\/+$/u, '');
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
