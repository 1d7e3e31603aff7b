import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { ArtifactChecksumError, ArtifactDownloadError } from './artifact-errors.ts';
import { bundlePath, type ArtifactSpec } from './artifact-catalog.ts';
import { writeFileAtomically } from './atomic-file.ts';
import type { BundleFile } from './bundle-manifest.ts';
import { SumMismatch, downloadFile, fetchText, type DownloadOptions } from './http-download.ts';
import { findPublishedSum } from './published-sums.ts';
import { readTar } from './tar-reader.ts';
import type { RemoteAsset } from './upstream-layout.ts';

/** Artifacts that one download provides: one file, or several members of one archive. */
export interface AssetJob {
  readonly asset: RemoteAsset;
  readonly wants: readonly { readonly spec: ArtifactSpec; readonly member?: string }[];
}

export interface FetchContext extends DownloadOptions {
  /** The folder receiving the artifacts (laid out as a bundle). */
  readonly dir: string;
  /** Where archives wait while their members are taken out. */
  readonly downloadsDir: string;
  /** Sums files already read in this run, by URL: etcd's SHA256SUMS serves two artifacts. */
  readonly sums: Map<string, string>;
}

/** Downloads one asset, checks it against its published sha256, and files the artifacts it holds. */
export async function fetchAsset(job: AssetJob, context: FetchContext): Promise<BundleFile[]> {
  const expected = await publishedSum(job.asset, context);
  const [first] = job.wants;
  if (job.wants.length === 1 && first !== undefined && first.member === undefined) {
    const written = await download(job.asset, path.join(context.dir, bundlePath(first.spec)), expected, first.spec.name, context);
    return [{ ...entry(first.spec), ...written }];
  }
  const archive = path.join(context.downloadsDir, job.asset.fileName);
  await download(job.asset, archive, expected, job.asset.fileName, context);
  try {
    return await extractMembers(job, archive, context.dir);
  } finally {
    // The members are in the cache now; the archive would only double the disk used.
    await rm(archive, { force: true });
  }
}

async function publishedSum(asset: RemoteAsset, context: FetchContext): Promise<string> {
  let text = context.sums.get(asset.sumUrl);
  if (text === undefined) {
    text = await fetchText(asset.sumUrl, context.signal === undefined ? {} : { signal: context.signal });
    context.sums.set(asset.sumUrl, text);
  }
  const sum = findPublishedSum(text, asset.fileName);
  if (sum === undefined) throw new ArtifactDownloadError(asset.sumUrl, `it publishes no sha256 for ${asset.fileName}`);
  return sum;
}

async function download(asset: RemoteAsset, target: string, expected: string, name: string, context: FetchContext): Promise<{ size: number; sha256: string }> {
  try {
    return await downloadFile(asset.url, target, expected, context);
  } catch (error) {
    if (!(error instanceof SumMismatch)) throw error;
    throw new ArtifactChecksumError(asset.url, [{ file: name, where: asset.url, expected, actual: error.actual }], `The server's ${asset.fileName} is not the file its published sum (${asset.sumUrl}) describes: fix the mirror, or wait and retry if upstream is mid-release.`);
  }
}

/** Takes the wanted members out of a verified .tar.gz, each written atomically. */
async function extractMembers(job: AssetJob, archive: string, dir: string): Promise<BundleFile[]> {
  const byMember = new Map(job.wants.map((want) => [want.member ?? want.spec.name, want.spec]));
  const files: BundleFile[] = [];
  await readTar(createReadStream(archive).pipe(createGunzip()), async (member, body) => {
    const spec = byMember.get(member.name);
    if (spec === undefined || member.type !== 'file') return;
    const written = await writeFileAtomically(path.join(dir, bundlePath(spec)), body, { mode: spec.mode });
    files.push({ ...entry(spec), ...written });
    byMember.delete(member.name);
  });
  if (byMember.size > 0) throw new ArtifactDownloadError(job.asset.url, `the archive has no ${[...byMember.keys()].join(', ')}`);
  return files;
}

function entry(spec: ArtifactSpec): Omit<BundleFile, 'size' | 'sha256'> {
  return { name: spec.name, path: bundlePath(spec), mode: spec.mode, kind: spec.kind };
}
