import type { Host } from '../../host/host.ts';

/**
 * The unit's last log lines, for error messages. Never throws: a host without a readable
 * journal still gets its error reported, just without the lines.
 */
export async function readJournalTail(host: Host, unit: string, options: { readonly lines: number; readonly signal?: AbortSignal }): Promise<string> {
  try {
    const result = await host.exec(
      ['journalctl', '--unit', unit, '--lines', String(options.lines), '--no-pager', '--output=short-iso', '--quiet'],
      { allowedExitCodes: [0, 1], timeoutMs: 15_000, ...(options.signal === undefined ? {} : { signal: options.signal }) },
    );
    return result.stdout.trimEnd();
  } catch {
    return '';
  }
}
