import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { KUBECONFIG_DIR, PKI_DIR } from './cert-list.ts';
import type { Pki, PkiInHand } from './pki.ts';

/**
 * A --pki-dir mirrors /etc/kubernetes/pki (and *.conf from /etc/kubernetes) for cluster-wide
 * files; per-node files live under nodes/<node>/ with the same layout. Only used when the
 * operator asks: by default kit writes no key to the operator's disk.
 */
const NODES = 'nodes';

export interface ExportPkiOptions {
  /** `cluster`: CAs, sa and shared kubeconfigs only; `all` (default) adds every node's files. */
  readonly scope?: 'cluster' | 'all';
}

/** Writes the PKI in memory to `dir` (keys 0600, directories 0700), each file atomically. */
export async function exportPki(pki: Pki, dir: string, options: ExportPkiOptions = {}): Promise<string[]> {
  const written: string[] = [];
  for (const item of pki.items) {
    if (item.node !== undefined && options.scope === 'cluster') continue;
    for (const file of item.files) {
      const target = join(dir, ...(item.node === undefined ? [] : [NODES, item.node]), dirRelative(file.path));
      await writeAtomically(target, file.content, file.mode);
      written.push(target);
    }
  }
  return written;
}

/** Reads a --pki-dir back as files in hand; files of no known place are ignored by buildPki. */
export async function importPki(dir: string): Promise<PkiInHand> {
  const cluster = new Map<string, Buffer>();
  const nodes = new Map<string, Map<string, Buffer>>();
  for (const path of await listFiles(dir)) {
    const parts = relative(dir, path).split(sep);
    const content = await readFile(path);
    const node = parts[0] === NODES && parts.length > 2 ? parts[1] : undefined;
    if (node !== undefined) {
      const files = nodes.get(node) ?? new Map<string, Buffer>();
      files.set(remotePath(parts.slice(2)), content);
      nodes.set(node, files);
    } else {
      cluster.set(remotePath(parts), content);
    }
  }
  return { label: `--pki-dir ${dir}`, cluster, nodes };
}

function dirRelative(remote: string): string {
  return remote.startsWith(`${PKI_DIR}/`) ? remote.slice(PKI_DIR.length + 1) : remote.slice(KUBECONFIG_DIR.length + 1);
}

function remotePath(parts: readonly string[]): string {
  const rel = parts.join('/');
  return parts.length === 1 && rel.endsWith('.conf') ? `${KUBECONFIG_DIR}/${rel}` : `${PKI_DIR}/${rel}`;
}

async function writeAtomically(target: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode, flush: true });
  await rename(temporary, target);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp')).map((entry) => join(entry.parentPath, entry.name));
}
