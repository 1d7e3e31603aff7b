import { KitError } from '../../errors/kit-error.ts';
import type { Host } from '../../host/host.ts';

const CODE = 'DAEMON_UNHEALTHY';

/**
 * Libraries Debian's haproxy links against that a minimal system lacks, and the packages that
 * ship them (checked against a debootstrap minbase bookworm host).
 */
const DEBIAN_PACKAGES: Readonly<Record<string, string>> = {
  'liblua5.3.so.0': 'liblua5.3-0',
  'libopentracing-c-wrapper.so.0': 'libopentracing-c-wrapper0',
  'libopentracing.so.1': 'libopentracing1',
  'libpcre2-8.so.0': 'libpcre2-8-0',
  'libssl.so.3': 'libssl3',
  'libcrypto.so.3': 'libssl3',
};

export class HaproxyUnusableError extends KitError {
  readonly missingLibraries: readonly string[];

  constructor(host: string, problem: string, missingLibraries: readonly string[]) {
    const packages = [...new Set(missingLibraries.map((library) => DEBIAN_PACKAGES[library]).filter((name) => name !== undefined))];
    const install = packages.length > 0 ? `apt-get install ${packages.join(' ')}` : 'apt-get install haproxy (or dnf install haproxy)';
    super(CODE, `${host}: the node-local API load balancer cannot run: ${problem}`, {
      hint: `Install the distribution's haproxy with its libraries on ${host} (${install}), or set cluster.controlPlaneEndpoint to a load balancer of your own.`,
    });
    this.missingLibraries = missingLibraries;
  }
}

/**
 * Checks the haproxy binary runs on the host before its unit is started, and returns its
 * version line. A binary copied without its package often lacks shared libraries, which
 * `ldd` lists all at once (the loader itself stops at the first).
 */
export async function checkHaproxy(host: Host, haproxyPath: string, signal?: AbortSignal): Promise<string> {
  const options = { allowedExitCodes: Array.from({ length: 256 }, (_, code) => code), ...(signal === undefined ? {} : { signal }) };
  const version = await host.exec([haproxyPath, '-v'], options);
  if (version.exitCode === 0) return version.stdout.split('\n')[0]?.trim() ?? '';
  const ldd = await host.exec(['ldd', haproxyPath], options);
  const missing = [...ldd.stdout.matchAll(/^\s*(\S+) => not found/gmu)].map((match) => match[1] ?? '');
  if (missing.length > 0) throw new HaproxyUnusableError(host.name, `${haproxyPath} needs ${missing.join(', ')}, which the host lacks`, missing);
  const why = `${version.stdout}\n${version.stderr}`.trim().split('\n').at(-1) ?? '';
  throw new HaproxyUnusableError(host.name, `${haproxyPath} -v exited ${version.exitCode}${why === '' ? '' : `: ${why}`}`, []);
}
