import type { Host } from '../host/host.ts';

/** What `artifacts.source: os-packages` takes from the host's package manager instead of kit's files. */
export const OS_PACKAGE_ARTIFACTS: readonly string[] = Object.freeze(['containerd', 'containerd-shim-runc-v2', 'ctr', 'runc']);

export type PackageManager = 'apt' | 'dnf';

export interface OsPackagePlan {
  readonly manager: PackageManager;
  readonly packages: readonly string[];
  /** Exits 0 when every package is installed already. */
  readonly check: readonly string[];
  /** Run in order when the check fails. */
  readonly install: readonly (readonly string[])[];
  /** Where the packages put the binaries kit's units and `ctr` calls need. */
  readonly binaries: Readonly<Record<string, string>>;
}

/**
 * containerd and runc from the distribution: Debian and Ubuntu name both packages
 * `containerd` and `runc` (runc in /usr/sbin), Fedora too (runc in /usr/bin). RHEL-family
 * systems ship neither in their base repositories; they need a repository that provides them
 * configured first, which kit leaves to the operator.
 */
export function osPackagePlan(manager: PackageManager): OsPackagePlan {
  const packages = ['containerd', 'runc'];
  const common = { containerd: '/usr/bin/containerd', 'containerd-shim-runc-v2': '/usr/bin/containerd-shim-runc-v2', ctr: '/usr/bin/ctr' };
  if (manager === 'apt') {
    return {
      manager,
      packages,
      check: ['sh', '-c', 'for p in "$@"; do dpkg-query -W -f=\'${Status}\\n\' "$p" 2>/dev/null | grep -qx "install ok installed" || exit 1; done', 'kit-check', ...packages],
      install: [
        ['apt-get', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
      ],
      binaries: { ...common, runc: '/usr/sbin/runc' },
    };
  }
  return { manager, packages, check: ['rpm', '-q', '--quiet', ...packages], install: [['dnf', 'install', '-y', ...packages]], binaries: { ...common, runc: '/usr/bin/runc' } };
}

/** The package manager for an /etc/os-release `ID` and `ID_LIKE`; undefined for others. */
export function packageManagerFor(release: { readonly id: string; readonly idLike?: string }): PackageManager | undefined {
  const ids = [release.id, ...(release.idLike ?? '').split(/\s+/u)].filter((id) => id !== '');
  if (ids.some((id) => id === 'debian' || id === 'ubuntu')) return 'apt';
  if (ids.some((id) => ['fedora', 'rhel', 'centos', 'rocky', 'almalinux'].includes(id))) return 'dnf';
  return undefined;
}

/** Reads /etc/os-release on the host. */
export async function detectPackageManager(host: Host, signal?: AbortSignal): Promise<PackageManager | undefined> {
  const script = '. /etc/os-release 2>/dev/null; echo "${ID:-}"; echo "${ID_LIKE:-}"';
  const result = await host.exec(['sh', '-c', script], signal === undefined ? {} : { signal });
  const [id = '', idLike = ''] = result.stdout.split('\n');
  return packageManagerFor({ id: id.trim(), idLike: idLike.trim() });
}

/** Installs the packages unless the check says they are there; true when something was installed. */
export async function installOsPackages(host: Host, plan: OsPackagePlan, signal?: AbortSignal): Promise<boolean> {
  const options = signal === undefined ? {} : { signal };
  const check = await host.exec(plan.check, { allowedExitCodes: [0, 1], ...options });
  if (check.exitCode === 0) return false;
  for (const argv of plan.install) await host.exec(argv, { timeoutMs: 600_000, ...options });
  return true;
}
