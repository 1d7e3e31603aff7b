import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryingProbeOptions {
  /** Member addresses; each request starts at the next one and moves on when a try fails. */
  readonly endpoints: readonly string[];
  /** One try of request number `index` against one endpoint; rejects when it failed. */
  readonly attempt: (endpoint: string, index: number) => Promise<void>;
  readonly intervalMs?: number;
  /** The loop stops by itself after this long, stopped or not. Default 10 min. */
  readonly maxDurationMs?: number;
}

export interface ProbeFigures {
  readonly requests: number;
  /** Requests that failed on every endpoint, twice over: what a retrying client would see. */
  readonly failedRequests: number;
  /** Single tries against one endpoint. */
  readonly attempts: number;
  readonly failedAttempts: number;
  readonly maxLatencyMs: number;
  readonly succeeded: number;
  readonly servedBy: Readonly<Record<string, number>>;
  /** The first failure messages, for the report. */
  readonly errors: readonly string[];
}

/**
 * Sends one request after another, round-robin over the endpoints, like a client that retries
 * on another member: a failed try moves on; a request fails only when every endpoint refused
 * it twice (with a 250 ms pause between the rounds). Bounded in time; stops by itself.
 */
export function startRetryingProbe(options: RetryingProbeOptions): { stop(): Promise<ProbeFigures> } {
  const figures = { requests: 0, failedRequests: 0, attempts: 0, failedAttempts: 0, maxLatencyMs: 0, succeeded: 0, servedBy: {} as Record<string, number>, errors: [] as string[] };
  let stopped = false;
  const deadline = Date.now() + (options.maxDurationMs ?? 600_000);
  const loop = (async () => {
    while (!stopped && Date.now() < deadline) {
      const index = figures.requests++;
      if (await oneRequest(index, options, figures)) figures.succeeded += 1;
      else figures.failedRequests += 1;
      await sleep(options.intervalMs ?? 50);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return figures;
    },
  };
}

async function oneRequest(index: number, options: RetryingProbeOptions, figures: { attempts: number; failedAttempts: number; maxLatencyMs: number; servedBy: Record<string, number>; errors: string[] }): Promise<boolean> {
  const count = options.endpoints.length;
  for (let attempt = 0; attempt < 2 * count; attempt++) {
    if (attempt === count) await sleep(250);
    const endpoint = options.endpoints[(index + attempt) % count] ?? '';
    const began = Date.now();
    figures.attempts += 1;
    try {
      await options.attempt(endpoint, index);
      figures.maxLatencyMs = Math.max(figures.maxLatencyMs, Date.now() - began);
      figures.servedBy[endpoint] = (figures.servedBy[endpoint] ?? 0) + 1;
      return true;
    } catch (error) {
      figures.failedAttempts += 1;
      if (figures.errors.length < 12) figures.errors.push(`${new Date().toISOString()} ${endpoint}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return false;
}

export interface MutualTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** One HTTPS request on a new connection (so every try makes a TLS handshake); rejects on anything but 200. */
export function httpsJson(url: string, tls: MutualTls, body?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = request(url, {
      method: body === undefined ? 'GET' : 'POST', ca: tls.caPem, cert: tls.certPem, key: tls.keyPem, agent: false, timeout: 3_000,
      headers: { 'content-type': 'application/json' },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode ?? '?'}: ${text.slice(0, 160)}`));
        try {
          return resolve(JSON.parse(text));
        } catch {
          return reject(new Error(`not JSON: ${text.slice(0, 160)}`));
        }
      });
    });
    call.on('timeout', () => call.destroy(new Error('timed out after 3 s')));
    call.on('error', reject);
    call.end(body);
  });
}
