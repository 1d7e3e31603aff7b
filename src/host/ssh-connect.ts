import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import { CancelledError } from '../errors/cancelled-error.ts';
import { KitError } from '../errors/kit-error.ts';
import { HostUnreachableError } from '../errors/ssh-errors.ts';
import type { Logger } from '../workflow/logger.ts';
import { connectError, type HopDescription } from './connect-error.ts';
import { hostKeyAlgorithms, verifyHostKey, type HostKeyCheck } from './host-key-verifier.ts';
import { readPrivateKey } from './private-key.ts';
import type { SshEndpoint, SshTarget } from './ssh-target.ts';
import { trackConnection, type SshConnection } from './ssh-connection.ts';

export interface ConnectSettings {
  readonly acceptNewHostKeys: boolean;
  readonly logger: Logger;
  readonly connectTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly signal?: AbortSignal;
}

/** sshd's ClientAlive defaults are off, so our keepalives are what notices a dead peer. */
const KEEPALIVE_COUNT_MAX = 3;

/**
 * Opens an authenticated SSH connection to the target, through its bastion when it has one.
 * Host keys (the bastion's too) are verified inside the key exchange, so a refused key ends
 * the connection before our credentials are ever offered.
 */
export async function openSshConnection(target: SshTarget, settings: ConnectSettings): Promise<SshConnection> {
  const direct: Hop = { endpoint: target, field: 'hosts[].ssh', label: '' };
  if (target.bastion === undefined) return trackConnection(await handshake(target, direct, settings));
  const bastion = target.bastion;
  const jump = await handshake(target, { endpoint: bastion, field: 'hosts[].ssh.bastion', label: 'bastion ' }, settings);
  try {
    const sock = await forwardOut(jump, target, `${bastion.address}:${bastion.port}`);
    return trackConnection(await handshake(target, { ...direct, sock }, settings), jump);
  } catch (error) {
    jump.end();
    throw error;
  }
}

/** One SSH server on the way: the target itself, or its bastion. */
interface Hop {
  readonly endpoint: SshEndpoint;
  /** The inventory block it comes from, for messages. */
  readonly field: string;
  /** Prefix for its `address:port` in messages. */
  readonly label: string;
  /** An already-open stream to it (through the bastion) instead of a TCP connection. */
  readonly sock?: Duplex;
}

async function handshake(target: SshTarget, hop: Hop, settings: ConnectSettings): Promise<Client> {
  const { endpoint } = hop;
  const described: HopDescription = {
    host: target.name, endpoint: `${hop.label}${endpoint.address}:${endpoint.port}`, address: endpoint.address,
    port: endpoint.port, user: endpoint.user, keyFile: endpoint.keyFile, field: hop.field,
    connectTimeoutMs: settings.connectTimeoutMs,
  };
  const check: HostKeyCheck = {
    host: target.name, endpoint: described.endpoint, address: endpoint.address, port: endpoint.port,
    ...(endpoint.hostKey === undefined ? {} : { pinned: endpoint.hostKey }),
    pinnedField: `${hop.field}.hostKey`, knownHostsFile: target.knownHostsFile,
    acceptNew: settings.acceptNewHostKeys, logger: settings.logger,
  };
  const privateKey = await readPrivateKey({ host: target.name, keyFile: endpoint.keyFile, field: `${hop.field}.keyFile` });
  const algorithms = (await hostKeyAlgorithms(check)) as ServerHostKeyAlgorithm[];
  if (settings.signal?.aborted === true) throw new CancelledError();
  const client = new ssh2.Client();
  // Errors are handled by whoever listens at each stage; this keeps one that arrives between
  // stages (e.g. the bastion failing while the forward opens) from crashing the process.
  client.on('error', () => undefined);
  let refusal: KitError | undefined;
  const ready = readyOrError(client, described, () => refusal, settings.signal);
  client.connect({
    host: endpoint.address, port: endpoint.port, username: endpoint.user, privateKey,
    ...(hop.sock === undefined ? {} : { sock: hop.sock }),
    readyTimeout: settings.connectTimeoutMs,
    keepaliveInterval: settings.keepaliveIntervalMs,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    algorithms: { serverHostKey: algorithms },
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
      verifyHostKey(check, key).then(
        (problem) => {
          refusal = problem;
          verify(problem === undefined);
        },
        (error: unknown) => {
          refusal = new KitError('INTERNAL', `${described.host}: could not check the host key of ${described.endpoint}`, { cause: error });
          verify(false);
        },
      );
    },
  });
  return ready;
}

/** Resolves on login; rejects with the host-key refusal when there was one, else the mapped ssh2 error. */
function readyOrError(client: Client, hop: HopDescription, refusal: () => KitError | undefined, signal?: AbortSignal): Promise<Client> {
  return new Promise<Client>((resolve, reject) => {
    const finish = (error?: KitError): void => {
      signal?.removeEventListener('abort', onAbort);
      client.removeListener('ready', onReady).removeListener('error', onError).removeListener('close', onClose);
      if (error === undefined) {
        resolve(client);
        return;
      }
      client.end();
      reject(error);
    };
    const onReady = (): void => finish();
    const onError = (error: Error): void => finish(refusal() ?? connectError(error, hop));
    const onClose = (): void =>
      finish(refusal() ?? new HostUnreachableError(hop.host, hop.endpoint, 'the server closed the connection during the SSH handshake'));
    const onAbort = (): void => finish(new CancelledError(`${hop.host}: connecting to ${hop.endpoint} was cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    client.on('ready', onReady).on('error', onError).on('close', onClose);
  });
}

function forwardOut(jump: Client, target: SshTarget, bastion: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, target.address, target.port, (error, stream) => {
      if (error === undefined) {
        resolve(stream);
        return;
      }
      const endpoint = `${target.address}:${target.port}`;
      reject(new HostUnreachableError(target.name, endpoint, `the bastion ${bastion} could not connect to it: ${error.message}`, {
        cause: error,
      }));
    });
  });
}
