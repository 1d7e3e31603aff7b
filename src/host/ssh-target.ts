/**
 * Everything needed to open an SSH session to one host, with the inventory's defaults
 * already merged in. The inventory module produces it; the transport consumes it.
 */
export interface SshEndpoint {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** Absolute path of the private key (`~` already expanded). */
  readonly keyFile: string;
  /** A pinned host-key fingerprint (`SHA256:…`); when set, known_hosts is not consulted. */
  readonly hostKey?: string;
}

export interface SshTarget extends SshEndpoint {
  /** The inventory name of the host: every message uses it. */
  readonly name: string;
  /** Absolute path of the known_hosts file host keys are checked against (and recorded in). */
  readonly knownHostsFile: string;
  readonly bastion?: SshEndpoint;
}
