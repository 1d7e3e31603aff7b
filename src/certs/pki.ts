import type { X509Certificate } from 'node:crypto';
import type { CaName, CertRow } from './cert-row.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';

/** File contents by absolute remote path (`/etc/kubernetes/pki/ca.crt`). */
export type FileMap = ReadonlyMap<string, Buffer>;

/** Files the operator supplied: a --pki-dir, or a bring-your-own / external CA. */
export interface PkiInHand {
  /** How messages name these files, e.g. `--pki-dir ./pki`. */
  readonly label?: string;
  /** Cluster-wide files: CAs, sa.key/sa.pub, shared kubeconfigs. */
  readonly cluster: FileMap;
  /** Per-node files (pre-issued leaves in external-CA mode), by node name. */
  readonly nodes: ReadonlyMap<string, FileMap>;
}

/** Everything kit already knows of: files in hand and files read from each host. */
export interface ExistingPki {
  readonly inHand?: PkiInHand;
  /** By host (= node) name. */
  readonly onHosts?: ReadonlyMap<string, FileMap>;
}

export const EMPTY_FILES: FileMap = new Map();

export interface PkiFile {
  readonly path: string;
  readonly content: string;
  /** 0o600 for anything holding a private key, 0o644 otherwise; always root:root. */
  readonly mode: number;
  /** Node names that receive this file. */
  readonly hosts: readonly string[];
}

export interface PkiItem {
  /** `apiserver@cp1`, `admin.conf`, `ca`. */
  readonly id: string;
  readonly row: CertRow;
  readonly node?: string;
  readonly files: readonly PkiFile[];
}

/**
 * generated: new key and certificate; reused: kept as found; reissued: replaced (reasons say why);
 * rerendered: a kubeconfig rewritten around its still-valid certificate (server or CA changed).
 */
export type PkiAction = 'generated' | 'reused' | 'reissued' | 'rerendered';

export interface PkiDecision {
  readonly id: string;
  readonly action: PkiAction;
  readonly reasons: readonly string[];
  /** Where a reused item came from: `host cp1` or the in-hand label. */
  readonly source?: string;
}

export interface PkiCa {
  readonly name: CaName;
  readonly cert: X509Certificate;
  readonly certPem: string;
  /** Absent for an external CA: kit then issues nothing it would sign. */
  readonly keyPem?: string;
}

/** The whole PKI in memory: nothing here has touched a disk. */
export interface Pki {
  readonly spec: PkiClusterSpec;
  readonly cas: ReadonlyMap<CaName, PkiCa>;
  readonly items: readonly PkiItem[];
  readonly decisions: readonly PkiDecision[];
}

export const KEY_MODE = 0o600;
export const PUBLIC_MODE = 0o644;
