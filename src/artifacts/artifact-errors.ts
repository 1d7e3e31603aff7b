import { KitError } from '../errors/kit-error.ts';


/** One file whose content is not what its manifest or published sum says. */
export interface ChecksumMismatch {
  /** The artifact's name (`kubelet`) or, for a download, the asset's file name. */
  readonly file: string;
  /** Where the bad bytes are: a path in a bundle, or the URL they came from. */
  readonly where: string;
  readonly expected: string;
  /** `missing` when the file is not there, `size N` when its size already differs. */
  readonly actual: string;
}

/** Files that failed their sha256 check; nothing was installed or cached. */
export class ArtifactChecksumError extends KitError {
  readonly mismatches: readonly ChecksumMismatch[];

  constructor(source: string, mismatches: readonly ChecksumMismatch[], hint?: string) {
    const lines = mismatches.map((bad) => `  ${bad.file} (${bad.where}): expected sha256 ${bad.expected}, got ${bad.actual}`);
    const what = mismatches.length === 1 ? `${mismatches[0]?.file ?? 'a file'} does not match` : `${mismatches.length} files do not match`;
    super('ARTIFACT_INVALID', `${source}: ${what} its sha256; nothing was installed\n${lines.join('\n')}`, {
      hint: hint ?? 'Rebuild or download the artifacts again (kit artifacts pull), then check them with kit artifacts verify.',
    });
    this.mismatches = mismatches;
  }
}

/** One problem in a bundle's manifest.json, with its JSON path (`files[3].sha256`). */
export interface ManifestProblem {
  readonly path: string;
  readonly message: string;
}

/** manifest.json is missing, not JSON, or does not describe a usable bundle. */
export class BundleManifestError extends KitError {
  readonly problems: readonly ManifestProblem[];

  constructor(file: string, problems: readonly ManifestProblem[]) {
    const lines = problems.map((problem) => `  ${problem.path === '' ? '(top level)' : problem.path}: ${problem.message}`);
    super('ARTIFACT_INVALID', `${file} is not a valid kit bundle manifest\n${lines.join('\n')}`, {
      hint: 'Write bundles with kit artifacts bundle -o FILE; docs/artifacts.md describes manifest.json.',
    });
    this.problems = problems;
  }
}

/** The artifacts on hand do not cover what the cluster needs (version, arch or files). */
export class ArtifactsMismatchError extends KitError {
  constructor(message: string, hint: string) {
    super('ARTIFACT_INVALID', message, { hint });
  }
}

/** A download failed: an HTTP status, a dropped connection or a missing published sum. */
export class ArtifactDownloadError extends KitError {
  readonly url: string;

  constructor(url: string, reason: string, options: { readonly cause?: unknown; readonly hint?: string } = {}) {
    super('ARTIFACT_UNAVAILABLE', `download of ${url} failed: ${reason}`, {
      hint: options.hint ?? 'Check that the URL answers from this machine (artifacts.mirror in the inventory), then run kit artifacts pull again.',
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.url = url;
  }
}
