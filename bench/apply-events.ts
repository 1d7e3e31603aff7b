/** Per-phase figures of one `kit apply -o json --debug`, read from its run events. */
export interface PhaseTiming {
  readonly phase: string;
  readonly ms: number;
  /** `no changes` or `dry run` when the phase skipped itself. */
  readonly skipped?: string;
}

export interface HostTransport {
  readonly roundTrips: number;
  readonly bytesSent: number;
  readonly connects: number;
}

export interface ApplyEvents {
  readonly phases: readonly PhaseTiming[];
  /** phase → host → what that phase cost on the wire (the `transport …` debug logs). */
  readonly transport: ReadonlyMap<string, ReadonlyMap<string, HostTransport>>;
  readonly runMs?: number;
  readonly ok: boolean;
}

const TRANSPORT = /^transport roundTrips=(\d+) bytesSent=(\d+) connects=(\d+)$/u;

/** Parses kit's JSON lines; anything that is not a run event is ignored. */
export function parseApplyEvents(stdout: string): ApplyEvents {
  const phases: PhaseTiming[] = [];
  const skipped = new Map<string, string>();
  const transport = new Map<string, Map<string, HostTransport>>();
  let runMs: number | undefined;
  let ok = false;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    const phase = typeof event['phase'] === 'string' ? event['phase'] : '';
    if (event['type'] === 'phase-skip') skipped.set(phase, String(event['reason']));
    if (event['type'] === 'phase-done') phases.push({ phase, ms: Number(event['ms']), ...(skipped.has(phase) ? { skipped: skipped.get(phase) ?? '' } : {}) });
    if (event['type'] === 'run-done') runMs = Number(event['ms']);
    if (event['type'] === 'result') ok = event['ok'] === true;
    const match = event['type'] === 'log' ? TRANSPORT.exec(String(event['message'])) : null;
    if (match !== null) {
      const hosts = transport.get(phase) ?? new Map<string, HostTransport>();
      hosts.set(String(event['host']), { roundTrips: Number(match[1]), bytesSent: Number(match[2]), connects: Number(match[3]) });
      transport.set(phase, hosts);
    }
  }
  return { phases, transport, ...(runMs === undefined ? {} : { runMs }), ok };
}
