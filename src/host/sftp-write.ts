import type { SFTPWrapper } from 'ssh2';
import type { TransferContext } from './upload-file.ts';

export interface SftpWriteRequest {
  /** A fresh path beside the target; created exclusively, so nothing else is overwritten. */
  readonly temp: string;
  readonly content: Buffer;
  /** Names the transfer in errors. */
  readonly what: string;
}

const CHUNK_BYTES = 32 * 1024;
/** Write requests in flight at once: enough to fill the channel window on a slow link. */
const WINDOW = 16;

/**
 * Writes the temp file over the connection's SFTP session: created 0600 before any byte
 * arrives (keys are never readable by others, not even briefly), flushed to disk with
 * fsync, closed. On failure the temp file is removed.
 */
export async function writeViaSftp(context: TransferContext, request: SftpWriteRequest): Promise<void> {
  const { session } = context;
  await session.withSftp(request.what, async (sftp) => {
    const handle = await call<Buffer>((done) => sftp.open(request.temp, 'wx', { mode: 0o600 }, done));
    session.counters.roundTrips++;
    try {
      await writeAll(sftp, handle, request.content, () => session.counters.roundTrips++);
      session.counters.bytesSent += request.content.length;
      await call((done) => sftp.ext_openssh_fsync(handle, done));
      session.counters.roundTrips++;
    } catch (error) {
      await call((done) => sftp.close(handle, done)).catch(() => undefined);
      await call((done) => sftp.unlink(request.temp, done)).catch(() => undefined);
      throw error;
    }
    await call((done) => sftp.close(handle, done));
    session.counters.roundTrips++;
  });
}

async function writeAll(sftp: SFTPWrapper, handle: Buffer, content: Buffer, onBatch: () => void): Promise<void> {
  for (let start = 0; start < content.length; start += CHUNK_BYTES * WINDOW) {
    const writes: Promise<unknown>[] = [];
    const end = Math.min(content.length, start + CHUNK_BYTES * WINDOW);
    for (let offset = start; offset < end; offset += CHUNK_BYTES) {
      const length = Math.min(CHUNK_BYTES, end - offset);
      writes.push(call((done) => sftp.write(handle, content, offset, length, offset, done)));
    }
    await Promise.all(writes);
    onBatch();
  }
}

/** Adapts ssh2's callback style; a callback's extra arguments past the first value are ignored. */
function call<T = void>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => {
      if (error !== undefined && error !== null) reject(error);
      else resolve(value as T);
    });
  });
}
