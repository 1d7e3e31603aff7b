import type { RunEvent, RunEventSink } from '../../workflow/run-events.ts';
import { serializeError } from './serialize-error.ts';

/** `--output json`: one JSON object per line, for CI logs and scripts. */
export function jsonRenderer(write: (line: string) => void, now: () => Date = () => new Date()): RunEventSink {
  return (event: RunEvent) => {
    const body = event.type === 'host-failed' ? { ...event, error: serializeError(event.error) } : event;
    write(`${JSON.stringify({ time: now().toISOString(), ...body })}\n`);
  };
}
