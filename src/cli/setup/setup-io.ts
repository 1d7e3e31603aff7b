import type { PathBase } from '../../inventory/expand-path.ts';
import type { Prompter } from './prompter.ts';

/** What every part of the wizard talks through: questions, the screen, cancellation, paths. */
export interface SetupIo {
  readonly prompter: Prompter;
  /** Writes one or more lines to the terminal. */
  readonly print: (text: string) => void;
  readonly signal: AbortSignal;
  readonly debug: boolean;
  /** `~` is homeDir; answered relative paths are relative to baseDir (the current folder). */
  readonly paths: PathBase;
  /** Terminal columns, for the preflight summary. */
  readonly width: number;
}
