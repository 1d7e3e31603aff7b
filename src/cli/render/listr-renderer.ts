import { Listr } from 'listr2';
import type { RunEvent, RunEventSink } from '../../workflow/run-events.ts';
import { formatError } from '../format-error.ts';
import { deferred, type Deferred } from './deferred.ts';

type HostOutcome = { readonly failed: false } | { readonly failed: true; readonly error: unknown };

interface PhaseView {
  readonly started: Deferred<readonly string[]>;
  readonly finished: Deferred<undefined>;
  readonly hosts: Map<string, Deferred<HostOutcome>>;
  /** The drawn host rows, so progress can retitle them. */
  readonly rows: Map<string, { title: string }>;
  /** The phase's own row, retitled when the phase is skipped. */
  row?: { title: string };
}

export interface ListrView {
  readonly sink: RunEventSink;
  /** Resolves when the task list has drawn its last frame. */
  readonly done: Promise<void>;
}

/**
 * Mirrors run events as a listr2 task tree on a TTY: a task per phase, a sub-task per host.
 * The runner never knows listr2 exists; the tree only waits for events.
 */
export function listrRenderer(options: { readonly debug: boolean }): ListrView {
  const phases = new Map<string, PhaseView>();
  const drawn = deferred<undefined>();
  const view = (phase: string): PhaseView => {
    let entry = phases.get(phase);
    if (entry === undefined) {
      entry = { started: deferred(), finished: deferred(), hosts: new Map(), rows: new Map() };
      phases.set(phase, entry);
    }
    return entry;
  };
  const hostGate = (phase: string, host: string): Deferred<HostOutcome> => {
    const hosts = view(phase).hosts;
    let gate = hosts.get(host);
    if (gate === undefined) {
      gate = deferred();
      hosts.set(host, gate);
    }
    return gate;
  };
  const sink = (event: RunEvent): void => {
    switch (event.type) {
      case 'run-start':
        void startList(event.phases, view, hostGate, options.debug).finally(() => drawn.resolve(undefined));
        return;
      case 'phase-start':
        view(event.phase).started.resolve(event.hosts);
        return;
      case 'phase-skip': {
        const row = view(event.phase).row;
        if (row !== undefined) row.title = `${event.phase}: ${event.reason}`;
        return;
      }
      case 'host-done': {
        const row = view(event.phase).rows.get(event.host);
        if (row !== undefined) row.title = event.detail === undefined ? event.host : `${event.host}: ${event.detail}`;
        return;
      }
      case 'host-progress': {
        const row = view(event.phase).rows.get(event.host);
        if (row !== undefined) row.title = `${event.host}: ${progressBar(event.done, event.total)} ${event.detail}`;
        return;
      }
      case 'host-failed':
        hostGate(event.phase, event.host).resolve({ failed: true, error: event.error });
        return;
      case 'phase-done': {
        const entry = view(event.phase);
        for (const gate of entry.hosts.values()) gate.resolve({ failed: false });
        entry.finished.resolve(undefined);
        return;
      }
      case 'run-done':
        for (const entry of phases.values()) {
          entry.started.resolve([]);
          for (const gate of entry.hosts.values()) gate.resolve({ failed: false });
          entry.finished.resolve(undefined);
        }
        return;
      default:
        return;
    }
  };
  return { sink, done: drawn.promise };
}

/** `[######----]  60%`: ten cells, for a host row on a TTY. */
export function progressBar(done: number, total: number): string {
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const cells = Math.round(share * 10);
  return `[${'#'.repeat(cells)}${'-'.repeat(10 - cells)}] ${String(Math.round(share * 100)).padStart(3)}%`;
}

async function startList(
  phaseNames: readonly string[],
  view: (phase: string) => PhaseView,
  hostGate: (phase: string, host: string) => Deferred<HostOutcome>,
  debug: boolean,
): Promise<void> {
  const list = new Listr<unknown, 'default', 'simple'>(
    phaseNames.map((phase) => ({
      title: phase,
      task: async (_ctx, task) => {
        view(phase).row = task;
        const hosts = await view(phase).started.promise;
        const hostTasks = hosts.map((host) => ({
          title: host,
          task: async (_inner: unknown, hostTask: { title: string }) => {
            view(phase).rows.set(host, hostTask);
            const outcome = await Promise.race([hostGate(phase, host).promise, view(phase).finished.promise.then((): HostOutcome => ({ failed: false }))]);
            if (outcome.failed) throw new Error(formatError(outcome.error, { debug }));
          },
        }));
        return task.newListr(hostTasks, { concurrent: true, exitOnError: false });
      },
    })),
    { concurrent: false, exitOnError: false, rendererOptions: { collapseSubtasks: false } },
  );
  await list.run().catch(() => undefined);
}
