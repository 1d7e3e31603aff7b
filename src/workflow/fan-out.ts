import { CancelledError } from '../errors/cancelled-error.ts';
import type { HostFailure } from './hosts-failed-error.ts';

export interface FanOutOptions {
  /** At most this many items run at once. */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
}

export interface FanOutResult<T, R> {
  readonly results: ReadonlyMap<T, R>;
  readonly failures: readonly HostFailure[];
}

/**
 * Runs `work` over every item with a concurrency bound. One item's failure never stops
 * the others; failures are returned typed, keyed by the item's name. After an abort no
 * new item starts and the ones not started fail with CancelledError.
 */
export async function fanOut<T, R>(
  items: readonly T[],
  nameOf: (item: T) => string,
  work: (item: T) => Promise<R>,
  options: FanOutOptions,
): Promise<FanOutResult<T, R>> {
  const results = new Map<T, R>();
  const failures: HostFailure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const item = items[index];
      if (item === undefined) return;
      if (options.signal?.aborted === true) {
        failures.push({ host: nameOf(item), error: new CancelledError() });
        continue;
      }
      try {
        results.set(item, await work(item));
      } catch (error) {
        failures.push({ host: nameOf(item), error });
      }
    }
  };
  const width = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: width }, worker));
  return { results, failures };
}
