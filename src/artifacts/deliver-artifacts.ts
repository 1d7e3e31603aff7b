import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { CancelledError } from '../errors/cancelled-error.ts';
import type { Host } from '../host/host.ts';
import { ArtifactChecksumError } from './artifact-errors.ts';
import type { DeliveryFile } from './host-artifacts.ts';
import { inspectRemoteFiles, type RemoteFileState } from './remote-files.ts';

const OWNER = 'root:root';

export interface DeliveryProgress {
  readonly host: string;
  readonly file: string;
  /** `sending` before a file goes out, `sent` after; bytes count whole files. */
  readonly state: 'sending' | 'sent';
  readonly bytesDone: number;
  /** Bytes this host needs in this run (files it lacks or has in another version). */
  readonly bytesTotal: number;
}

export interface DeliveryOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DeliveryProgress) => void;
}

export interface DeliveryReport {
  readonly host: string;
  /** File content sent to this host by this call. */
  readonly bytesSent: number;
  readonly sent: readonly string[];
  /** Right content, only owner or mode fixed. */
  readonly retouched: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Puts artifacts on one host: one round trip finds what it already has (by size, then
 * sha256), then each missing or different file is uploaded once — atomically with its mode,
 * by Host.upload — after its local bytes are checked once more against the verified sha256.
 * A converged host costs that one round trip and no bytes.
 */
export async function deliverArtifacts(host: Host, files: readonly DeliveryFile[], options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const states = await inspectRemoteFiles(host, files.map((file) => ({ path: file.remotePath, size: file.size })), options.signal);
  const plan = files.map((file, index) => ({ file, action: actionFor(file, states[index] ?? { present: false }) }));
  const toSend = plan.filter((step) => step.action === 'send').map((step) => step.file);
  const toRetouch = plan.filter((step) => step.action === 'retouch').map((step) => step.file);
  if (toRetouch.length > 0) await retouch(host, toRetouch, options.signal);
  const bytesTotal = toSend.reduce((total, file) => total + file.size, 0);
  let bytesSent = 0;
  let bytesDone = 0;
  for (const file of toSend) {
    if (options.signal?.aborted === true) throw new CancelledError();
    options.onProgress?.({ host: host.name, file: file.name, state: 'sending', bytesDone, bytesTotal });
    const content = await readVerified(file);
    const result = await host.upload(content, file.remotePath, { mode: file.mode, owner: OWNER, ...signal });
    bytesSent += result.bytesSent;
    bytesDone += file.size;
    options.onProgress?.({ host: host.name, file: file.name, state: 'sent', bytesDone, bytesTotal });
  }
  return {
    host: host.name,
    bytesSent,
    sent: toSend.map((file) => file.name),
    retouched: toRetouch.map((file) => file.name),
    unchanged: plan.filter((step) => step.action === 'none').map((step) => step.file.name),
  };
}

export function actionFor(file: DeliveryFile, state: RemoteFileState): 'none' | 'retouch' | 'send' {
  if (!state.present || state.sha256 !== file.sha256) return 'send';
  return state.mode === file.mode && state.owner === OWNER ? 'none' : 'retouch';
}

/** The content is right, the metadata is not: one command fixes them all. */
async function retouch(host: Host, files: readonly DeliveryFile[], signal: AbortSignal | undefined): Promise<void> {
  const script = 'while [ "$#" -gt 1 ]; do chown root:root -- "$2" && chmod "$1" -- "$2" || exit 1; shift 2; done';
  const argv = ['sh', '-c', script, 'kit-retouch', ...files.flatMap((file) => [`0${file.mode.toString(8)}`, file.remotePath])];
  await host.exec(argv, { displayAs: `chown/chmod ${files.map((file) => file.remotePath).join(' ')}`, ...(signal === undefined ? {} : { signal }) });
}

/** Reads a bundle file and refuses it if it changed since the bundle was verified. */
async function readVerified(file: DeliveryFile): Promise<Buffer> {
  const content = await readFile(file.localPath);
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== file.sha256) {
    throw new ArtifactChecksumError(file.localPath, [{ file: file.name, where: file.localPath, expected: file.sha256, actual: sha256 }], 'The file changed after the bundle was verified: run kit artifacts verify, then deliver again.');
  }
  return content;
}
