import { error, ok, skipped, warn } from './host-check.ts';
import type { CheckOutcome } from './preflight-types.ts';

/** One `date +%s.%N` answer with the operator's clock read just before sending and after receiving. */
export interface ClockSample {
  readonly sentMs: number;
  readonly receivedMs: number;
  readonly remoteMs: number;
  /** False when the host printed whole seconds only (no %N in its date). */
  readonly precise: boolean;
}

/** How far a host's clock is ahead of the operator's, ± how sure we are. */
export interface ClockOffset {
  readonly offsetMs: number;
  readonly uncertaintyMs: number;
}

/** Reads `1732848000.123456789`; a date without %N prints the letter N or nothing after the dot. */
export function parseDateOutput(text: string): { remoteMs: number; precise: boolean } | undefined {
  const match = /^(\d+)(?:\.(\d+))?/u.exec(text.trim());
  if (match?.[1] === undefined) return undefined;
  const fraction = match[2];
  const precise = fraction !== undefined && fraction.length >= 3;
  return { remoteMs: Number(match[1]) * 1000 + (precise ? Number(`0.${fraction}`) * 1000 : 0), precise };
}

/**
 * The remote clock was read somewhere between send and receive, so its offset is known to
 * within half the round trip; the sample with the shortest round trip bounds it best.
 */
export function clockOffset(samples: readonly ClockSample[]): ClockOffset | undefined {
  const best = [...samples].sort((a, b) => a.receivedMs - a.sentMs - (b.receivedMs - b.sentMs))[0];
  if (best === undefined) return undefined;
  const halfTrip = (best.receivedMs - best.sentMs) / 2;
  return { offsetMs: best.remoteMs - (best.sentMs + halfTrip), uncertaintyMs: halfTrip + (best.precise ? 0 : 1000) };
}

/**
 * The worst pair of host clocks: an error when they differ by more than `maxSkewMs` even after
 * allowing for measurement error, a warning when they might.
 */
export function evaluateClockSkew(offsets: ReadonlyMap<string, ClockOffset>, maxSkewMs: number): CheckOutcome {
  const entries = [...offsets];
  if (entries.length < 2) return skipped('fewer than two hosts answered: nothing to compare');
  let worst = { ahead: '', behind: '', skewMs: -1, uncertaintyMs: 0 };
  for (const [nameA, a] of entries) {
    for (const [nameB, b] of entries) {
      const skewMs = a.offsetMs - b.offsetMs;
      if (skewMs > worst.skewMs) worst = { ahead: nameA, behind: nameB, skewMs, uncertaintyMs: a.uncertaintyMs + b.uncertaintyMs };
    }
  }
  const measured = `${worst.ahead}'s clock is ${Math.round(worst.skewMs)} ms (±${Math.ceil(worst.uncertaintyMs)} ms) ahead of ${worst.behind}'s`;
  const fix = 'Synchronise every host\'s clock: timedatectl set-ntp true (or install chrony), then check with chronyc tracking or timedatectl.';
  if (worst.skewMs - worst.uncertaintyMs > maxSkewMs) return error(`${measured}; etcd and certificates need clocks within ${maxSkewMs} ms`, fix);
  if (worst.skewMs + worst.uncertaintyMs > maxSkewMs) return warn(`${measured}: it may exceed ${maxSkewMs} ms; the measurement is too coarse to tell`, fix);
  return ok(`clocks agree within ${Math.round(worst.skewMs)} ms (±${Math.ceil(worst.uncertaintyMs)} ms)`);
}
