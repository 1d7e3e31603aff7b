/**
 * The one interface every module uses to act on a server. Modules never see ssh2;
 * tests may implement it over anything that reaches a real host.
 */
export interface ExecOptions {
  /** Run through sudo. Default: true when the SSH user is not root. */
  readonly sudo?: boolean;
  /** Exit codes that are results, not failures (e.g. `[0, 1]` for grep). Default `[0]`. */
  readonly allowedExitCodes?: readonly number[];
  /** Abandon the command after this long. Default 120 s. */
  readonly timeoutMs?: number;
  /** Fed to the command's standard input, then closed. Use this for secrets, never argv. */
  readonly stdin?: string | Buffer;
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
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
  /** False when the remote file already had the same sha256 and mode: nothing was sent. */
  readonly changed: boolean;
  readonly bytesSent: number;
}

/** Counters a benchmark or test reads to prove work was (not) done. */
export interface TransportStats {
  readonly roundTrips: number;
  readonly bytesSent: number;
  readonly connects: number;
}

export interface Host {
  /** The inventory name: what every message about this host uses. */
  readonly name: string;
  /** Where SSH connects (the inventory's `address`). */
  readonly address: string;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Writes content atomically (temp file, fsync, rename), skipped when the sha256 already matches. */
  upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<UploadResult>;
  /** Reads a whole remote file; resolves undefined when it does not exist. */
  download(remotePath: string, options?: { readonly signal?: AbortSignal }): Promise<Buffer | undefined>;
  stats(): TransportStats;
  close(): Promise<void>;
}
