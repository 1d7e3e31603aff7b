import { ancestorDirs, type Footprint } from './footprint.ts';

/**
 * The footprint as the host scripts read it on stdin: one `KIND VALUE` line each. f: file,
 * d: owned directory, a: directory above the footprint, u: unit, s: sysctl, m: module.
 */
export function footprintLines(footprint: Footprint): string {
  const lines = [
    ...footprint.files.map((path) => `f ${path}`),
    ...footprint.ownedDirs.map((path) => `d ${path}`),
    ...ancestorDirs(footprint).map((path) => `a ${path}`),
    ...footprint.units.map((unit) => `u ${unit}`),
    ...footprint.sysctls.map((key) => `s ${key}`),
    ...footprint.modules.map((name) => `m ${name}`),
  ];
  return `${lines.join('\n')}\n`;
}
