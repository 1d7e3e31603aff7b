import { fanOut } from '../../workflow/fan-out.ts';
import { HostsFailedError } from '../../workflow/hosts-failed-error.ts';
import { isControlPlane } from '../spec/cluster-spec.ts';
import { convergeNode } from './converge-node.ts';
import type { ConvergeNodeOptions, NodeReport } from './converge-node.ts';

export interface ConvergeNodesOptions {
  /** One entry per node; control planes go in this order. */
  readonly nodes: readonly ConvergeNodeOptions[];
  /** Workers converged at once. Default 10. */
  readonly workerConcurrency?: number;
  readonly signal?: AbortSignal;
}

const ROLLING_HINT = 'The control planes after the failed one were left untouched, so the others keep serving: fix the failed host (its error is above) and re-run.';

/**
 * Converges every node: control planes strictly one at a time, each healthy before the next
 * is touched (a bad flag then takes down one API server, not all), then the workers in
 * parallel. A control-plane failure stops the roll.
 */
export async function convergeNodes(options: ConvergeNodesOptions): Promise<NodeReport[]> {
  const controlPlanes = options.nodes.filter((entry) => isControlPlane(entry.node));
  const workers = options.nodes.filter((entry) => !isControlPlane(entry.node));
  const reports: NodeReport[] = [];
  for (const entry of controlPlanes) {
    try {
      reports.push(await convergeNode(withSignal(entry, options.signal)));
    } catch (error) {
      throw new HostsFailedError('converging the control-plane daemons', [{ host: entry.host.name, error }], ROLLING_HINT);
    }
  }
  const { results, failures } = await fanOut(
    workers,
    (entry) => entry.host.name,
    (entry) => convergeNode(withSignal(entry, options.signal)),
    { concurrency: options.workerConcurrency ?? 10, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  if (failures.length > 0) throw new HostsFailedError('converging the worker daemons', failures);
  return [...reports, ...workers.flatMap((entry) => {
    const report = results.get(entry);
    return report === undefined ? [] : [report];
  })];
}

function withSignal(entry: ConvergeNodeOptions, signal: AbortSignal | undefined): ConvergeNodeOptions {
  return signal === undefined || entry.signal !== undefined ? entry : { ...entry, signal };
}
