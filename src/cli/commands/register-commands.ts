import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';
import { registerApplyCommand } from './apply-command.ts';
import { registerArtifactsCommand } from './artifacts-command.ts';
import { registerCertsCommand } from './certs-command.ts';
import { registerExecCommand } from './exec-command.ts';
import { registerInventoryCommand } from './inventory-command.ts';
import { registerKubeconfigCommand } from './kubeconfig-command.ts';
import { registerPreflightCommand } from './preflight-command.ts';
import { registerResetCommand } from './reset-command.ts';
import { registerSetupCommand } from './setup-command.ts';
import { registerStatusCommand } from './status-command.ts';

/** Adds every sub-command; each sub-command's file owns its options and action. */
export function registerCommands(program: Command, contextOf: () => CliContext): void {
  registerInventoryCommand(program, contextOf);
  registerExecCommand(program, contextOf);
  registerPreflightCommand(program, contextOf);
  registerCertsCommand(program, contextOf);
  registerApplyCommand(program, contextOf);
  registerArtifactsCommand(program, contextOf);
  registerSetupCommand(program, contextOf);
  registerResetCommand(program, contextOf);
  registerStatusCommand(program, contextOf);
  registerKubeconfigCommand(program, contextOf);
}
