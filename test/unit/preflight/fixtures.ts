import { readFileSync } from 'node:fs';
import type { HostFacts } from '../../../src/preflight/host-facts.ts';
import { parseHostFacts } from '../../../src/preflight/parse-host-facts.ts';
import type { PreflightNode } from '../../../src/preflight/preflight-types.ts';
import { hostChecks } from '../../../src/preflight/host-checks.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';
import type { PreflightSettings } from '../../../src/preflight/preflight-settings.ts';
import type { CheckOutcome } from '../../../src/preflight/preflight-types.ts';

/**
 * Facts-script output captured on rig hosts (Debian 12 under systemd-nspawn) and on a Debian VM.
 * `facts-rig-host` comes from an earlier script version (timedatectl, no kernel config): the
 * parser must cope with sections it no longer asks for and ones that are missing.
 */
export function fixture(name: 'facts-rig-host' | 'facts-rig-node1' | 'facts-debian-vm'): string {
  return readFileSync(new URL(`fixtures/${name}.txt`, import.meta.url), 'utf8');
}

/** The rig host's real facts with some fields replaced. */
export function rigFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  return { ...parseHostFacts(fixture('facts-rig-host')), ...overrides };
}

/** Replaces one `### name` section of captured output. */
export function withSection(output: string, name: string, lines: readonly string[]): string {
  const pattern = new RegExp(`### ${name}\\n(?:(?!### ).*\\n)*`, 'u');
  return output.replace(pattern, `### ${name}\n${lines.map((line) => `${line}\n`).join('')}`);
}

export const CP: PreflightNode = { name: 'cp1', internalAddress: '198.18.0.11', roles: ['control-plane'] };
export const WORKER: PreflightNode = { name: 'w1', internalAddress: '198.18.0.12', roles: ['worker'] };

/** Evaluates one named check of the table, failing the test when the table has no such check. */
export function evaluate(name: string, options: { node?: PreflightNode; facts?: HostFacts; settings?: PreflightSettings } = {}): CheckOutcome {
  const settings = options.settings ?? DEFAULT_PREFLIGHT_SETTINGS;
  const check = hostChecks(settings).find((candidate) => candidate.name === name);
  if (check === undefined) throw new Error(`no check named ${name}`);
  return check.evaluate({ node: options.node ?? CP, facts: options.facts ?? rigFacts(), settings });
}
