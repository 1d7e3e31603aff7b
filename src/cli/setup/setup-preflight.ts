import { preflightInputs, preflightSettingsFor } from '../../flows/model/preflight-model.ts';
import { HostPool } from '../../host/host-pool.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import type { PreflightReport } from '../../preflight/preflight-report.ts';
import { runPreflight } from '../../preflight/run-preflight.ts';
import { renderPreflightSummary } from './preflight-summary.ts';
import type { SetupIo } from './setup-io.ts';

/** `kit preflight` on the answered inventory before it is written, shown as a summary. */
export async function showSetupPreflight(io: SetupIo, inventory: Inventory, options: { concurrency: number; color: boolean }): Promise<PreflightReport> {
  io.print(`\nRunning preflight on ${inventory.hosts.length} hosts: system checks, ports, and the ping mesh between them…`);
  const pool = new HostPool({ acceptNewHostKeys: false, signal: io.signal });
  try {
    const report = await runPreflight({
      hosts: preflightInputs(inventory, pool),
      settings: preflightSettingsFor(inventory),
      signal: io.signal,
      concurrency: options.concurrency,
    });
    io.print(renderPreflightSummary(report, { width: io.width, color: options.color }));
    return report;
  } finally {
    await pool.closeAll();
  }
}
