/**
 * The one interface every module uses to act on a server. Modules never see ssh2;
 * tests may implement it over anything that reaches a real host.
 */
export interface ExecOptions {
  /** Run through `sudo -n --`. Default: true when the SSH user is not root; root never uses sudo. */
  readonly sudo?: boolean;
  /** Exit codes that are results, not failures (e.g. `[0, 1]` for grep). Default `[0]`. */
  readonly allowedExitCodes?: readonly number[];
  /**
   * Stop the command after this long (RemoteCommandTimeoutError). Default 120 s. The host
   * enforces it (coreutils `timeout`: TERM, KILL 5 s later), so it holds under sudo too.
   */
  readonly timeoutMs?: number;
  /** Fed to the command's standard input, then closed. Use this for secrets, never argv. */
  readonly stdin?: string | Buffer;
  /** Called with UTF-8 text as it arrives (never split inside a character). */
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
  /**
   * Abort: rejects with CancelledError at once and sends TERM over SSH. A command under sudo
   * cannot be signalled that way and runs on until it ends or its timeout stops it.
   */
  readonly signal?: AbortSignal;
  /** How the command appears in errors and logs; set it when argv holds something secret. */
  readonly displayAs?: string;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface UploadOptions {
  /** File mode, e.g. 0o600 for keys. */
  readonly mode: number;
  /** `user:group`; default `root:root`. */
  readonly owner?: string;
  readonly signal?: AbortSignal;
}

export interface UploadResult {
  /** False when the remote file already had the same sha256, mode and owner: nothing was done. */
  readonly changed: boolean;
  readonly bytesSent: number;
}

/** Counters a benchmark or test reads to prove work was (not) done. */
export interface TransportStats {
  /**
   * Remote operations waited for: one per command (exec, and each step of a transfer that
   * runs one), one per SFTP open/fsync/close/read, one per batch of pipelined SFTP writes.
   */
  readonly roundTrips: number;
  /** File content sent by uploads (not protocol overhead, not stdin of exec). */
  readonly bytesSent: number;
  /** SSH connections opened: 1, plus one per reconnect after a drop. */
  readonly connects: number;
}

export interface Host {
  /** The inventory name: what every message about this host uses. */
  readonly name: string;
  /** Where SSH connects (the inventory's `address`). */
  readonly address: string;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /**
   * Writes content atomically (temp file created 0600 in the same directory, fsync, chown,
   * chmod, rename), creating the parent directory (0755) when missing. Nothing is sent when
   * the sha256 already matches; only chown/chmod run when just the mode or owner differ.
   */
  upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<UploadResult>;
  /** Reads a whole remote file; resolves undefined when it does not exist. */
  download(remotePath: string, options?: { readonly signal?: AbortSignal }): Promise<Buffer | undefined>;
  stats(): TransportStats;
  close(): Promise<void>;
}
