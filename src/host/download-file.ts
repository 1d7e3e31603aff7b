import { CancelledError } from '../errors/cancelled-error.ts';
import type { TransferContext } from './upload-file.ts';

/** SFTP's status code for a missing file (draft-ietf-secsh-filexfer-02, SSH_FX_NO_SUCH_FILE). */
const SFTP_NO_SUCH_FILE = 2;
/** Our own exit code for "no such file", distinct from cat's 1 for read errors. */
const MISSING = 44;

/**
 * Reads a whole file: as root straight over SFTP, otherwise through `sudo cat` (SFTP runs
 * as the login user and could not read root-owned files). Undefined when it does not exist.
 */
export async function downloadFile(context: TransferContext, remotePath: string, signal?: AbortSignal): Promise<Buffer | undefined> {
  const { host, session } = context;
  if (!host.isRoot) {
    const result = await host.execRaw(['sh', '-c', `[ -e "$1" ] || exit ${MISSING}; exec cat -- "$1"`, 'kit', remotePath], {
      displayAs: `read ${remotePath}`,
      allowedExitCodes: [0, MISSING],
      ...(signal === undefined ? {} : { signal }),
    });
    return result.exitCode === MISSING ? undefined : result.stdout;
  }
  if (signal?.aborted === true) throw new CancelledError();
  session.counters.roundTrips++;
  return session.withSftp(`reading ${remotePath}`, (sftp) =>
    new Promise<Buffer | undefined>((resolve, reject) => {
      sftp.readFile(remotePath, (error, data) => {
        if (error === undefined || error === null) resolve(data);
        else if ((error as { code?: unknown }).code === SFTP_NO_SUCH_FILE) resolve(undefined);
        else reject(error);
      });
    }),
  );
}
