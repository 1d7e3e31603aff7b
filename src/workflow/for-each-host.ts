import { fanOut } from './fan-out.ts';
import { HostsFailedError } from './hosts-failed-error.ts';
import type { PhaseContext } from './phase.ts';

export interface ForEachHostOptions<T> {
  readonly phase: string;
  readonly items: readonly T[];
  readonly nameOf: (item: T) => string;
  readonly context: PhaseContext;
}

/**
 * A phase's per-host work: runs under the run's concurrency bound and signal, reports each
 * host's start and end, and throws HostsFailedError naming every host that failed.
 */
export async function forEachHost<T, R>(options: ForEachHostOptions<T>, work: (item: T) => Promise<R>): Promise<ReadonlyMap<T, R>> {
  const { phase, items, nameOf, context } = options;
  const { emit, concurrency, signal } = context.options;
  const live = items.filter((item) => !context.failedHosts.has(nameOf(item)));
  const { results, failures } = await fanOut(
    live,
    nameOf,
    async (item) => {
      const host = nameOf(item);
      emit({ type: 'host-start', phase, host });
      try {
        const result = await work(item);
        emit({ type: 'host-done', phase, host });
        return result;
      } catch (error) {
        emit({ type: 'host-failed', phase, host, error });
        throw error;
      }
    },
    { concurrency, signal },
  );
  if (failures.length > 0) throw new HostsFailedError(phase, failures);
  return results;
}
