import ping from 'ping';

/** What pinging a host from the operator's machine showed. */
export interface OperatorPing {
  readonly alive: boolean;
  readonly timeMs?: number;
  /** Why no ping could be sent at all (no ping binary, not allowed). */
  readonly unavailable?: string;
}

/**
 * The one place kit uses the `ping` package: it runs the operator's system ping once.
 * Never throws; a ping that cannot run is reported as unavailable, not as a dead host.
 */
export async function pingFromOperator(address: string, timeoutSeconds: number): Promise<OperatorPing> {
  try {
    const response = await ping.promise.probe(address, { timeout: timeoutSeconds, min_reply: 1, v6: address.includes(':') });
    if (response.alive) return typeof response.time === 'number' ? { alive: true, timeMs: response.time } : { alive: true };
    const output = response.output.trim();
    // The package reports a ping that failed to start as "not alive" with no statistics at all.
    return output === '' || output === 'unknown' ? { alive: false, unavailable: 'the system ping printed nothing' } : { alive: false };
  } catch (cause) {
    return { alive: false, unavailable: cause instanceof Error ? cause.message : String(cause) };
  }
}
