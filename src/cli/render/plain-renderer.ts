import type { RunEvent, RunEventSink } from '../../workflow/run-events.ts';
import { formatError } from '../format-error.ts';

export interface PlainRendererOptions {
  readonly write: (text: string) => void;
  readonly debug: boolean;
  readonly now?: () => Date;
}

/** Timestamped lines for logs and pipes (no TTY). */
export function plainRenderer(options: PlainRendererOptions): RunEventSink {
  const now = options.now ?? (() => new Date());
  return (event: RunEvent) => {
    const text = describe(event, options.debug);
    if (text === undefined) return;
    options.write(`${now().toISOString()} ${text}\n`);
  };
}

function describe(event: RunEvent, debug: boolean): string | undefined {
  switch (event.type) {
    case 'run-start':
      return `${event.flow}: ${event.phases.join(' → ')}${event.dryRun ? ' (dry run: nothing will change)' : ''}`;
    case 'phase-start':
      return `[${event.phase}] ${event.title} (${event.hosts.length} host(s))`;
    case 'phase-plan':
      return event.changes.length === 0
        ? `[${event.phase}] ${event.host}: no changes`
        : `[${event.phase}] ${event.host}: ${event.changes.join('; ')}`;
    case 'phase-skip':
      return `[${event.phase}] skipped: ${event.reason}`;
    case 'host-start':
      return debug ? `[${event.phase}] ${event.host}: started` : undefined;
    case 'host-progress':
      return debug ? `[${event.phase}] ${event.host}: ${event.detail}` : undefined;
    case 'host-done':
      return `[${event.phase}] ${event.host}: ok${event.detail === undefined ? '' : ` (${event.detail})`}`;
    case 'host-failed':
      return `[${event.phase}] ${event.host}: FAILED\n${formatError(event.error, { debug })}`;
    case 'phase-done':
      return `[${event.phase}] done in ${(event.ms / 1000).toFixed(1)} s`;
    case 'log':
      if (event.level === 'debug' && !debug) return undefined;
      return `${event.phase === undefined ? '' : `[${event.phase}] `}${event.host === undefined ? '' : `${event.host}: `}${event.message}`;
    case 'run-done':
      return event.ok
        ? `finished in ${(event.ms / 1000).toFixed(1)} s`
        : `finished in ${(event.ms / 1000).toFixed(1)} s with failures on: ${event.failedHosts.join(', ')}`;
  }
}
