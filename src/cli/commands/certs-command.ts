import type { Command } from 'commander';
import { describeCertList, type CertListEntry } from '../../certs/describe-cert-list.ts';
import { pkiSpecFor } from '../../flows/model/cluster-model.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { CliContext } from '../cli-context.ts';

/** `kit certs list`: the PKI table resolved for one inventory (the same table that issues them). */
export function registerCertsCommand(program: Command, contextOf: () => CliContext): void {
  const certs = program.command('certs').description('the cluster PKI: list what kit issues');
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
