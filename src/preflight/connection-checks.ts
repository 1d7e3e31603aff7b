import { isKitError } from '../errors/kit-error.ts';
import { error, ok, skipped, warn } from './host-check.ts';
import type { OperatorPing } from './operator-ping.ts';
import type { CheckOutcome, CheckResult } from './preflight-types.ts';

/** The outcome of reaching a host over SSH: undefined error means it worked. */
export interface SshAttempt {
  readonly address: string;
  readonly error?: unknown;
}

function describe(cause: unknown): { message: string; hint: string | undefined } {
  if (isKitError(cause)) return { message: cause.message, hint: cause.hint };
  return { message: cause instanceof Error ? cause.message : String(cause), hint: undefined };
}

/**
 * `OperatorReachability` tells "host down" from "SSH refused" by pairing the operator's ping
 * with the SSH result; a missing ping answer alone is only a warning (ICMP is often filtered).
 * `SSHConnection` carries the SSH error itself with its hint.
 */
export function connectionChecks(ping: OperatorPing | undefined, ssh: SshAttempt): readonly CheckResult[] {
  const sshFailed = ssh.error !== undefined;
  const { message, hint } = sshFailed ? describe(ssh.error) : { message: '', hint: undefined };
  const sshCheck: CheckResult = sshFailed
    ? { name: 'SSHConnection', ...error(message, hint ?? `Try it by hand: ssh ${ssh.address}`) }
    : { name: 'SSHConnection', ...ok(`connected to ${ssh.address} and ran commands`) };
  return [{ name: 'OperatorReachability', ...reachability(ping, ssh.address, sshFailed) }, sshCheck];
}

function reachability(ping: OperatorPing | undefined, address: string, sshFailed: boolean): CheckOutcome {
  if (ping === undefined) return sshFailed ? skipped('not pinged (operatorPing is off)') : ok('not pinged (operatorPing is off); SSH works');
  if (ping.unavailable !== undefined) return skipped(`could not ping from this machine: ${ping.unavailable}`, 'Install ping here (apt-get install -y iputils-ping) to tell a down host from a refused SSH.');
  const rtt = ping.timeMs === undefined ? '' : ` in ${ping.timeMs.toFixed(1)} ms`;
  if (ping.alive && !sshFailed) return ok(`${address} answers ping${rtt} and SSH`);
  if (ping.alive) return error(`${address} is up (answers ping${rtt}) but SSH failed: see SSHConnection`, `The machine runs: check sshd there (systemctl status ssh), its port, firewall and the key: ssh -v ${address}`);
  if (!sshFailed) return warn(`${address} does not answer ping from this machine, but SSH works: ICMP is filtered`, `Nothing to do if ICMP is blocked on purpose; otherwise allow ICMP echo from this machine to ${address}.`);
  return error(`${address} answers neither ping nor SSH: the machine is down, the address is wrong, or a firewall drops everything`, `Check that the machine is powered on and that ${address} is right (hosts[].address), then: ping ${address}; ssh -v ${address}`);
}
