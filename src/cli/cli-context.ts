import type { RunEventSink } from '../workflow/run-events.ts';
import { jsonRenderer } from './render/json-renderer.ts';
import { listrRenderer } from './render/listr-renderer.ts';
import { plainRenderer } from './render/plain-renderer.ts';

export type OutputFormat = 'text' | 'json';

/** Flags every command shares, parsed once at the edge. */
export interface GlobalFlags {
  readonly output: OutputFormat;
  readonly debug: boolean;
  readonly concurrency: number;
  readonly acceptNewHostKeys: boolean;
}

/** Per-run context: flags, where output goes, the cancel signal. No globals. */
export interface CliContext {
  readonly flags: GlobalFlags;
  readonly signal: AbortSignal;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
}

export interface EventView {
  readonly sink: RunEventSink;
  /** Resolves when the view has finished drawing. */
  readonly done: Promise<void>;
}

/** listr2 on a TTY, timestamped lines otherwise, one JSON object per line with --output json. */
export function eventView(context: CliContext): EventView {
  if (context.flags.output === 'json') return { sink: jsonRenderer(context.stdout), done: Promise.resolve() };
  if (context.isTty && !context.flags.debug) return listrRenderer({ debug: context.flags.debug });
  return { sink: plainRenderer({ write: context.stderr, debug: context.flags.debug }), done: Promise.resolve() };
}
