import type { Host } from '../host/host.ts';
import type { PreflightNode } from './preflight-types.ts';

/** A host preflight connects itself, so it can ping the address before SSH is tried. */
export interface HostConnector {
  readonly name: string;
  /** Where SSH connects: also what the operator pings. */
  readonly address: string;
  connect(signal?: AbortSignal): Promise<Host>;
}

/** One inventory host: its spec and either an open Host or a way to open one. */
export interface PreflightHostInput {
  readonly node: PreflightNode;
  readonly host: Host | HostConnector;
}

export function isConnectedHost(host: Host | HostConnector): host is Host {
  return 'exec' in host;
}

/** Steps preflight reports progress on, in order. */
export type PreflightStep = 'facts' | 'mesh' | 'probe' | 'collect';

export interface PreflightProgress {
  readonly step: PreflightStep;
  readonly host: string;
  readonly status: 'started' | 'finished' | 'failed';
}
