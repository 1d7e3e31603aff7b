import { KitError } from '../errors/kit-error.ts';

export interface ContainerdVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * Reads `1.6.20`, `v2.1.3`, `1.6.20~ds1-1+deb12u3` (a Debian version) or the output of
 * `containerd --version` (`containerd github.com/containerd/containerd 1.6.20 …`).
 */
export function parseContainerdVersion(text: string): ContainerdVersion {
  const match = /(?:^|\s)v?(\d+)\.(\d+)(?:[.~+-]|\s|$)/u.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new KitError('INTERNAL', `cannot read a containerd version from "${text.trim().slice(0, 120)}"`, {
      hint: 'Run `containerd --version` on the host; kit expects MAJOR.MINOR.PATCH in its output.',
    });
  }
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** containerd 2.x reads config version 3; 1.6 and 1.7 read version 2 (2.x still converts 2). */
export function containerdConfigVersion(version: ContainerdVersion): 2 | 3 {
  return version.major >= 2 ? 3 : 2;
}
