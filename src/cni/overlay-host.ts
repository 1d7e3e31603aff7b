import type { Host } from '../host/host.ts';
import { parseSha256sum, sha256sumCommand } from '../runtime/managed-file.ts';
import type { ManagedFile } from '../runtime/managed-file.ts';
import { inspectCommands } from './overlay-commands.ts';
import { OVERLAY_STATE_PATH, OVERLAY_UNIT_NAME } from './overlay-names.ts';
import { parseAddresses, parseFdb, parseNeighbours, parseRoutes, parseVxlanLink } from './overlay-parsers.ts';
import type { OverlayHostState, OverlayPlan } from './overlay-plan.ts';
import { OVERLAY_JUMPS, jumpCheckCommand } from './overlay-rules.ts';
import { parseOverlayState } from './overlay-state-file.ts';
import { mergeRecordedSubnets } from './recorded-subnets.ts';
import type { OverlayState } from './overlay-state.ts';

/** Reads everything planOverlay compares, with read-only commands only. */
export async function readOverlayHost(host: Host, files: readonly ManagedFile[], device: string): Promise<OverlayHostState> {
  const paths = files.map((file) => file.path);
  const sums = await host.exec(sha256sumCommand(paths), { allowedExitCodes: [0, 1] });
  const enabled = await host.exec(['systemctl', 'is-enabled', OVERLAY_UNIT_NAME], { allowedExitCodes: [0, 1] });
  const commands = inspectCommands(device);
  const linkOutput = await host.exec(commands.link, { allowedExitCodes: [0, 1] });
  const link = linkOutput.exitCode === 0 ? parseVxlanLink(linkOutput.stdout) : undefined;
  const text = async (argv: readonly string[]): Promise<string> => (link === undefined ? '' : (await host.exec(argv)).stdout);
  const missingJumps = [];
  for (const jump of OVERLAY_JUMPS) {
    const check = await host.exec(jumpCheckCommand(jump), { allowedExitCodes: [0, 1, 2] });
    if (check.exitCode !== 0) missingJumps.push(jump);
  }
  return {
    hashes: parseSha256sum(sums.stdout, paths),
    unitEnabled: enabled.stdout.trim() === 'enabled',
    link,
    addresses: parseAddresses(await text(commands.addresses)),
    entries: {
      fdb: parseFdb(await text(commands.fdb)),
      neighbours: parseNeighbours(await text(commands.neighbours)),
      routes: parseRoutes(await text(commands.routes)),
    },
    missingJumps,
  };
}

/** Makes the planned changes: files first (atomic uploads), then the steps in order. */
export async function applyOverlayPlan(host: Host, plan: OverlayPlan, signal?: AbortSignal): Promise<void> {
  for (const file of plan.writes) {
    await host.exec(['mkdir', '-p', '--', file.path.slice(0, file.path.lastIndexOf('/'))]);
    await host.upload(file.content, file.path, { mode: file.mode, ...(signal === undefined ? {} : { signal }) });
  }
  for (const step of plan.steps) await host.exec(step.argv, signal === undefined ? {} : { signal });
}

/** The overlay state a host recorded, or undefined on a host kit has not set up yet. */
export async function readRecordedOverlay(host: Host): Promise<OverlayState | undefined> {
  const content = await host.download(OVERLAY_STATE_PATH);
  return content === undefined ? undefined : parseOverlayState(content.toString('utf8'), `${host.name}:${OVERLAY_STATE_PATH}`);
}

/** node → pod subnet as recorded on the hosts: the `existing` input of assignPodSubnets. */
export async function readPodSubnetAssignments(hosts: readonly Host[]): Promise<Record<string, string>> {
  const recorded = await Promise.all(hosts.map(async (host) => [host.name, await readRecordedOverlay(host)] as const));
  return mergeRecordedSubnets(new Map(recorded));
}
