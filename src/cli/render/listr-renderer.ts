import { Listr } from 'listr2';
import type { RunEvent, RunEventSink } from '../../workflow/run-events.ts';
import { formatError } from '../format-error.ts';
import { deferred, type Deferred } from './deferred.ts';

type HostOutcome = { readonly failed: false; readonly detail?: string } | { readonly failed: true; readonly error: unknown };
type PhaseOutcome = { readonly skipped?: string };

interface PhaseView {
  readonly started: Deferred<readonly string[]>;
  readonly finished: Deferred<PhaseOutcome>;
  readonly hosts: Map<string, Deferred<HostOutcome>>;
  skipped?: string;
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
      entry = { started: deferred(), finished: deferred(), hosts: new Map() };
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
      case 'phase-skip':
        view(event.phase).skipped = event.reason;
        return;
      case 'host-done':
        hostGate(event.phase, event.host).resolve(event.detail === undefined ? { failed: false } : { failed: false, detail: event.detail });
        return;
      case 'host-failed':
        hostGate(event.phase, event.host).resolve({ failed: true, error: event.error });
        return;
      case 'phase-done': {
        const entry = view(event.phase);
        for (const gate of entry.hosts.values()) gate.resolve({ failed: false });
        entry.finished.resolve(entry.skipped === undefined ? {} : { skipped: entry.skipped });
        return;
      }
      case 'run-done':
        for (const entry of phases.values()) {
          entry.started.resolve([]);
          entry.finished.resolve({ skipped: 'not reached' });
        }
        return;
      default:
        return;
    }
  };
  return { sink, done: drawn.promise };
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
        const hosts = await view(phase).started.promise;
        const hostTasks = hosts.map((host) => ({
          title: host,
          task: async (_inner: unknown, hostTask: { title: string }) => {
            const outcome = await hostGate(phase, host).promise;
            if (outcome.failed) throw new Error(formatError(outcome.error, { debug }));
            if (outcome.detail !== undefined) hostTask.title = `${host}: ${outcome.detail}`;
          },
        }));
        const finished = view(phase).finished.promise;
        await task.newListr(hostTasks, { concurrent: true, exitOnError: false }).run();
        const outcome = await finished;
        if (outcome.skipped !== undefined) task.skip(`${phase}: ${outcome.skipped}`);
      },
    })),
    { concurrent: false, exitOnError: false, rendererOptions: { collapseSubtasks: false } },
  );
  await list.run().catch(() => undefined);
}
