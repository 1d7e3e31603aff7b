import type { HostFacts } from './host-facts.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { CheckOutcome, PreflightNode, PreflightRole } from './preflight-types.ts';

/** Everything a per-host check may look at: the inventory's view and the host's facts. */
export interface HostCheckInput {
  readonly node: PreflightNode;
  readonly facts: HostFacts;
  readonly settings: PreflightSettings;
}

/** One row of the per-host check table: a pure function of facts and settings. */
export interface HostCheck {
  readonly name: string;
  appliesTo(roles: readonly PreflightRole[]): boolean;
  evaluate(input: HostCheckInput): CheckOutcome;
}

export const everyRole = (): boolean => true;
export const controlPlanesOnly = (roles: readonly PreflightRole[]): boolean => roles.includes('control-plane');

export function ok(message: string): CheckOutcome {
  return { status: 'ok', message };
}

export function warn(message: string, fix: string): CheckOutcome {
  return { status: 'warn', message, fix };
}

export function error(message: string, fix: string): CheckOutcome {
  return { status: 'error', message, fix };
}

export function skipped(message: string, fix?: string): CheckOutcome {
  return fix === undefined ? { status: 'skipped', message } : { status: 'skipped', message, fix };
}

/** The strictest of a role-keyed threshold over a node's roles (a worker+control plane needs the control plane's). */
export function thresholdFor(values: Readonly<Record<PreflightRole, number>>, roles: readonly PreflightRole[]): number {
  return Math.max(0, ...roles.map((role) => values[role]));
}
