import { isKitError } from '../../errors/kit-error.ts';
import { InventoryInvalidError } from '../../inventory/inventory-invalid-error.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';

export interface SerializedError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly failures?: readonly { host: string; error: SerializedError }[];
  /** For an invalid inventory: every problem with file, line, column and YAML path. */
  readonly problems?: readonly unknown[];
}

/** A stable JSON shape for errors (`--output json`): code, message, hint, nested host failures. */
export function serializeError(error: unknown): SerializedError {
  if (!isKitError(error)) return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  return {
    code: error.code,
    message: error.message,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error instanceof HostsFailedError
      ? { failures: error.failures.map((failure) => ({ host: failure.host, error: serializeError(failure.error) })) }
      : {}),
    ...(error instanceof InventoryInvalidError ? { problems: error.problems } : {}),
  };
}
