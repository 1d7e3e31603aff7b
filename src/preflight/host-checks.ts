import { CGROUP_CHECKS, moduleCheck, sysctlCheck } from './kernel-checks.ts';
import type { HostCheck, HostCheckInput } from './host-check.ts';
import { IDENTITY_CHECKS } from './identity-checks.ts';
import { LEFTOVER_CHECKS } from './leftover-checks.ts';
import { portChecks } from './port-checks.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { CheckResult } from './preflight-types.ts';
import { SYSTEM_CHECKS } from './system-checks.ts';
import { toolChecks } from './tool-checks.ts';

/** The whole per-host check table for these settings, in the order reports list it. */
export function hostChecks(settings: PreflightSettings): readonly HostCheck[] {
  return [
    ...SYSTEM_CHECKS,
    ...IDENTITY_CHECKS,
    ...settings.kernelModules.map(moduleCheck),
    ...settings.sysctls.map(sysctlCheck),
    ...CGROUP_CHECKS,
    ...toolChecks(settings.requiredTools, settings.recommendedTools),
    ...portChecks(settings),
    ...LEFTOVER_CHECKS,
  ];
}

/** Runs every check that applies to the node's roles. Pure. */
export function evaluateHostChecks(input: HostCheckInput): readonly CheckResult[] {
  return hostChecks(input.settings)
    .filter((check) => check.appliesTo(input.node.roles))
    .map((check) => ({ name: check.name, ...check.evaluate(input) }));
}
