import { KitError } from '../../errors/kit-error.ts';

/** A Kubernetes version kit has no version-table row for. */
export class UnsupportedVersionError extends KitError {
  /** What the user may write instead, newest first (`v1.37`, …). */
  readonly supported: readonly string[];

  constructor(requested: string, supported: readonly string[], defaultVersion: string) {
    super('VERSION_UNSUPPORTED', `Kubernetes version "${requested}" is not supported by kit`, {
      hint: `Use one of ${supported.join(', ')} (a minor means kit's newest patch of it; any patch such as v1.36.2 works too), or leave it out for ${defaultVersion}.`,
    });
    this.supported = supported;
  }
}
