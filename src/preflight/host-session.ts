import type { Host } from '../host/host.ts';
import { clockOffset, parseDateOutput } from './clock-skew.ts';
import type { ClockOffset, ClockSample } from './clock-skew.ts';
import { factsScript } from './facts-script.ts';
import type { HostFacts } from './host-facts.ts';
import { pingFromOperator } from './operator-ping.ts';
import type { OperatorPing } from './operator-ping.ts';
import { parseHostFacts } from './parse-host-facts.ts';
import { isConnectedHost } from './preflight-input.ts';
import type { PreflightHostInput } from './preflight-input.ts';
import type { PreflightSettings } from './preflight-settings.ts';

/** What preflight got from one host before the network round. */
export interface HostSession {
  readonly input: PreflightHostInput;
  readonly address: string;
  readonly ping: OperatorPing | undefined;
  /** Open connection; undefined when SSH failed. */
  readonly host: Host | undefined;
  /** True when preflight opened it (and so closes it). */
  readonly owned: boolean;
  readonly sshError?: unknown;
  readonly facts?: HostFacts;
  readonly clock?: ClockOffset;
}

const CLOCK_SAMPLES = 2;

/**
 * Pings the host from here, connects when needed, samples its clock and gathers all facts in
 * one script. Never throws for a host's failure: the session carries it to the report.
 */
export async function openSession(
  input: PreflightHostInput,
  options: { settings: PreflightSettings; signal: AbortSignal | undefined; now: () => number },
): Promise<HostSession> {
  const address = input.host.address;
  const ping = options.settings.operatorPing ? await pingFromOperator(address, options.settings.probeTimeoutSeconds) : undefined;
  let host: Host | undefined;
  const owned = !isConnectedHost(input.host);
  try {
    host = isConnectedHost(input.host) ? input.host : await input.host.connect(options.signal);
    const connected = host;
    // The clock samples ride on their own channels while the facts script runs: one round trip less.
    const [clock, result] = await Promise.all([
      sampleClock(connected, options),
      connected.exec(['sh', '-c', factsScript(options.settings)], { displayAs: 'preflight: gather facts', timeoutMs: 60_000, ...signal(options.signal) }),
    ]);
    const facts = parseHostFacts(result.stdout);
    return { input, address, ping, host, owned, facts, ...(clock === undefined ? {} : { clock }) };
  } catch (sshError) {
    return { input, address, ping, host, owned, sshError };
  }
}

async function sampleClock(host: Host, options: { signal: AbortSignal | undefined; now: () => number }): Promise<ClockOffset | undefined> {
  const samples: ClockSample[] = [];
  for (let index = 0; index < CLOCK_SAMPLES; index += 1) {
    const sentMs = options.now();
    const result = await host.exec(['date', '+%s.%N'], { sudo: false, timeoutMs: 15_000, ...signal(options.signal) });
    const receivedMs = options.now();
    const remote = parseDateOutput(result.stdout);
    if (remote !== undefined) samples.push({ sentMs, receivedMs, ...remote });
  }
  return clockOffset(samples);
}

function signal(value: AbortSignal | undefined): { signal?: AbortSignal } {
  return value === undefined ? {} : { signal: value };
}
