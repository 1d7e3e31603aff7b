import type { Client, SFTPWrapper } from 'ssh2';

/** A live, authenticated connection (and its bastion hop), watched for the moment it drops. */
export interface SshConnection {
  readonly client: Client;
  /** False once the socket closed, a keepalive went unanswered, or the bastion dropped. */
  readonly alive: boolean;
  /** Why the connection went down; empty while alive. */
  readonly downReason: string;
  /** Calls `listener` once when the connection goes down (immediately if it already is). */
  onDown(listener: (reason: string) => void): void;
  /** The connection's one SFTP session, opened on first use and shared by all transfers. */
  sftp(): Promise<SFTPWrapper>;
  /** Closes the connection (and bastion); resolves once the socket is closed. */
  end(): Promise<void>;
}

/** How long a polite close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

export function trackConnection(client: Client, jump?: Client): SshConnection {
  let alive = true;
  let downReason = '';
  let sftp: Promise<SFTPWrapper> | undefined;
  const socketClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  const listeners: ((reason: string) => void)[] = [];
  const down = (reason: string): void => {
    if (!alive) return;
    alive = false;
    downReason = reason;
    client.end();
    jump?.end();
    for (const listener of listeners.splice(0)) listener(reason);
  };
  client.on('error', (error: Error) => down(error.message));
  client.on('end', () => down('the server ended the connection'));
  client.on('close', () => down('the connection closed'));
  jump?.on('error', (error: Error) => down(`the bastion connection failed: ${error.message}`));
  jump?.on('close', () => down('the bastion connection closed'));
  return {
    client,
    get alive() {
      return alive;
    },
    get downReason() {
      return downReason;
    },
    onDown(listener) {
      if (alive) listeners.push(listener);
      else listener(downReason);
    },
    sftp() {
      if (sftp === undefined) {
        const opening = openSftp(client);
        sftp = opening;
        // A failed or closed session is forgotten: the next transfer opens a new one.
        const forget = (): void => {
          if (sftp === opening) sftp = undefined;
        };
        opening.then((session) => session.on('close', forget), forget);
      }
      return sftp;
    },
    async end() {
      down('closed by kit');
      const timer = setTimeout(() => {
        client.destroy();
        jump?.destroy();
      }, CLOSE_GRACE_MS);
      await socketClosed;
      clearTimeout(timer);
    },
  };
}

function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((error, session) => {
      if (error === undefined) resolve(session);
      else reject(error);
    });
  });
}
