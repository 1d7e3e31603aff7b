import { basename } from 'node:path';
import type { ManifestSource } from '../../inventory/inventory.ts';
import { MAX_MANIFEST_BYTES, parseManifestDocuments, type ManifestObject } from '../../inventory/kubernetes-manifest.ts';
import { readManifestFile } from '../../inventory/manifest-file.ts';
import type { Addon } from '../addon.ts';
import { AddonManifestError } from '../addon-manifest-error.ts';
import { manifestPodCidrs } from './manifest-pod-cidrs.ts';
import { podCidrWarnings } from './pod-cidr-warnings.ts';

export interface CniManifestAddon {
  readonly addon: Addon;
  /** Pod ranges in the manifest that disagree with the inventory's podSubnet. */
  readonly warnings: readonly string[];
}

/**
 * The user's CNI manifest as an add-on, applied unchanged. A file is read on this machine; a
 * URL is fetched here too, so nodes without internet access still get it (their images must
 * still be reachable or preloaded).
 */
export async function cniManifestAddon(source: ManifestSource, podSubnet: string, signal?: AbortSignal): Promise<CniManifestAddon> {
  const { text, objects, label } = source.kind === 'file' ? await fromFile(source.path) : await fromUrl(source.url, signal);
  const addon: Addon = { name: 'network', title: `CNI manifest ${label}`, manifest: text, objects: objects.map(({ apiVersion, kind, name, namespace }) => ({ apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }) })) };
  return { addon, warnings: podCidrWarnings(manifestPodCidrs(objects), podSubnet) };
}

async function fromFile(path: string): Promise<{ text: string; objects: readonly ManifestObject[]; label: string }> {
  const file = await readManifestFile(path);
  if (!file.ok) throw new AddonManifestError(file.where === undefined ? path : `${path}:${file.where}`, file.reason);
  return { text: file.text, objects: file.objects, label: basename(path) };
}

async function fromUrl(url: string, signal?: AbortSignal): Promise<{ text: string; objects: readonly ManifestObject[]; label: string }> {
  let text: string;
  try {
    const response = await fetch(url, { redirect: 'follow', ...(signal === undefined ? {} : { signal }) });
    if (!response.ok) throw new AddonManifestError(url, `the server answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof AddonManifestError) throw error;
    throw new AddonManifestError(url, `cannot fetch it: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) throw new AddonManifestError(url, `it is larger than ${MAX_MANIFEST_BYTES} bytes`);
  const parsed = parseManifestDocuments(text);
  if (!parsed.ok) throw new AddonManifestError(`${url}:${parsed.problem.line}:${parsed.problem.column}`, parsed.problem.message);
  return { text, objects: parsed.objects, label: url };
}
