import { UnsupportedVersionError } from './unsupported-version-error.ts';
import { DEFAULT_VERSION, SUPPORTED_MINORS, VERSION_TABLE, isSupportedMinor } from './version-table.ts';
import type { MinorTraits, SupportedMinor } from './version-table.ts';

/** A version kit will install, with the table row that decides how. */
export interface ResolvedVersion {
  /** Always `vMAJOR.MINOR.PATCH`. */
  readonly version: string;
  readonly minor: SupportedMinor;
  readonly traits: MinorTraits;
}

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/u;

/**
 * `v1.36` or `1.36` → the newest patch kit knows of that minor; `v1.36.2` → exactly that patch
 * (a patch newer than kit's table is accepted: patches do not change flags or config APIs).
 * Anything else — another minor, a pre-release, garbage — throws UnsupportedVersionError.
 */
export function resolveVersion(text: string): ResolvedVersion {
  const match = VERSION.exec(text.trim());
  const minor = match === null ? undefined : `${Number(match[1])}.${Number(match[2])}`;
  if (match === null || minor === undefined || !isSupportedMinor(minor)) {
    throw new UnsupportedVersionError(text, SUPPORTED_MINORS.map((supported) => `v${supported}`), DEFAULT_VERSION);
  }
  const traits = VERSION_TABLE[minor];
  const version = match[3] === undefined ? traits.defaultPatch : `v${minor}.${Number(match[3])}`;
  return { version, minor, traits };
}
