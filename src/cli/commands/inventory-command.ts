import type { Command } from 'commander';
import { renderInventoryJsonSchema } from '../../inventory/inventory-json-schema.ts';
import { describeInventory } from '../../inventory/describe-inventory.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { CliContext } from '../cli-context.ts';

/** `kit inventory validate|schema`: checks a file without touching any host. */
export function registerInventoryCommand(program: Command, contextOf: () => CliContext): void {
  const inventory = program.command('inventory').description('validate an inventory or print its JSON Schema');
  inventory
    .command('validate')
    .description('report every problem in an inventory file at once, with file:line:column; connects to nothing')
    .requiredOption('-f, --file <path>', 'inventory file')
    .action(async (options: { file: string }) => {
      const context = contextOf();
      const resolved = await loadInventory(options.file);
      const summary = {
        file: options.file,
        valid: true,
        cluster: resolved.cluster.name,
        kubernetesVersion: resolved.cluster.kubernetesVersion,
        hosts: resolved.hosts.length,
        controlPlanes: resolved.hosts.filter((host) => host.roles.includes('control-plane')).length,
      };
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'result', ...summary })}\n`);
      else context.stdout(`${describeInventory(resolved, options.file)}\n`);
    });
  inventory
    .command('schema')
    .description('print the inventory JSON Schema (for editor completion)')
    .action(() => {
      contextOf().stdout(renderInventoryJsonSchema());
    });
}
