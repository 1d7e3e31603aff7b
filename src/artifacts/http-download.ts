import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CancelledError } from '../errors/cancelled-error.ts';
import { ArtifactDownloadError } from './artifact-errors.ts';
import { writeFileAtomically, type WrittenFile } from './atomic-file.ts';

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  /** Bytes received so far, and the total when the server said it. */
  readonly onBytes?: (done: number, total: number | undefined) => void;
}

/** GETs a URL, following redirects (dl.k8s.io answers with one); anything but 2xx fails. */
async function get(url: string, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (signal?.aborted === true) throw new CancelledError();
    throw new ArtifactDownloadError(url, describe(error), { cause: error });
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new ArtifactDownloadError(url, `the server answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  return response;
}

/** A small text file: a published sums file. */
export async function fetchText(url: string, options: DownloadOptions = {}): Promise<string> {
  const response = await get(url, options.signal);
  try {
    return await response.text();
  } catch (error) {
    throw new ArtifactDownloadError(url, describe(error), { cause: error });
  }
}

/**
 * Streams a URL into `target` through a temp file; the file appears only after the body
 * arrived whole and its sha256 equals `expectedSha256`. A wrong sum names the URL and both sums.
 */
export async function downloadFile(url: string, target: string, expectedSha256: string, options: DownloadOptions = {}): Promise<WrittenFile> {
  const response = await get(url, options.signal);
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? length : undefined;
  let done = 0;
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) as AsyncIterable<Buffer>;
  try {
    return await writeFileAtomically(target, body, {
      onBytes: (bytes) => {
        done += bytes;
        options.onBytes?.(done, total);
      },
      check: (written) => {
        if (written.sha256 !== expectedSha256) throw new SumMismatch(written.sha256);
      },
    });
  } catch (error) {
    if (error instanceof SumMismatch) throw error;
    if (options.signal?.aborted === true) throw new CancelledError();
    throw new ArtifactDownloadError(url, `the transfer broke off after ${done} bytes: ${describe(error)}`, { cause: error });
  }
}

/** Thrown by downloadFile when the bytes arrived whole but are not the published ones. */
export class SumMismatch extends Error {
  readonly actual: string;

  constructor(actual: string) {
    super(`sha256 ${actual}`);
    this.actual = actual;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
