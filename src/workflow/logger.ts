/** Structured events: renderers (listr2, plain lines, JSON) turn them into output. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  readonly level: LogLevel;
  readonly message: string;
  readonly host?: string;
  readonly phase?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface Logger {
  log(event: LogEvent): void;
}

export const silentLogger: Logger = { log: () => undefined };
