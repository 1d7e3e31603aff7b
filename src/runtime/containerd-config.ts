import { KitError } from '../errors/kit-error.ts';
import { containerdConfigVersion } from './containerd-version.ts';
import type { ContainerdVersion } from './containerd-version.ts';
import type { CgroupDriver } from './cgroup-driver.ts';

export interface ContainerdConfigOptions {
  readonly containerdVersion: ContainerdVersion;
  /** Must match the kubelet's cgroupDriver. */
  readonly cgroupDriver: CgroupDriver;
  /** The pause image, e.g. registry.k8s.io/pause:3.10. */
  readonly sandboxImage: string;
  /** Caps pods' oom_score_adj at containerd's own where lowering it is forbidden (see detectRestrictOomScoreAdj). */
  readonly restrictOomScoreAdj: boolean;
  /** Default overlayfs. */
  readonly snapshotter?: string;
  readonly cniBinDir: string;
  readonly cniConfDir: string;
}

export const CONTAINERD_CONFIG_PATH = '/etc/containerd/config.toml';

/**
 * /etc/containerd/config.toml with only what kit decides; everything else keeps containerd's
 * defaults, so a containerd upgrade brings its new defaults along. Config version 2 uses the
 * single `io.containerd.grpc.v1.cri` plugin; version 3 (containerd 2.x) splits it into
 * `cri.v1.images` and `cri.v1.runtime`, and 2.1 turned `cni.bin_dir` into `bin_dirs`.
 */
export function renderContainerdConfig(options: ContainerdConfigOptions): string {
  for (const [key, value] of Object.entries({ sandboxImage: options.sandboxImage, snapshotter: options.snapshotter ?? 'overlayfs', cniBinDir: options.cniBinDir, cniConfDir: options.cniConfDir })) {
    if (value === '' || /["'\\\n]/u.test(value)) throw new KitError('INTERNAL', `containerd ${key} ${JSON.stringify(value)} cannot go into config.toml`);
  }
  const version = containerdConfigVersion(options.containerdVersion);
  const header = `# managed by kit: containerd configuration (config version ${version}); kit rewrites this file`;
  return `${[header, ...(version === 2 ? versionTwo(options) : versionThree(options))].join('\n')}\n`;
}

function versionTwo(options: ContainerdConfigOptions): string[] {
  const cri = '[plugins."io.containerd.grpc.v1.cri"';
  return [
    'version = 2',
    '',
    `${cri}]`,
    `  sandbox_image = "${options.sandboxImage}"`,
    `  restrict_oom_score_adj = ${options.restrictOomScoreAdj}`,
    '',
    `${cri}.containerd]`,
    `  snapshotter = "${options.snapshotter ?? 'overlayfs'}"`,
    '  default_runtime_name = "runc"',
    '',
    `${cri}.containerd.runtimes.runc]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    `${cri}.containerd.runtimes.runc.options]`,
    `  SystemdCgroup = ${options.cgroupDriver === 'systemd'}`,
    '',
    `${cri}.cni]`,
    `  bin_dir = "${options.cniBinDir}"`,
    `  conf_dir = "${options.cniConfDir}"`,
  ];
}

function versionThree(options: ContainerdConfigOptions): string[] {
  const images = "[plugins.'io.containerd.cri.v1.images'";
  const runtime = "[plugins.'io.containerd.cri.v1.runtime'";
  const binDirs = options.containerdVersion.major === 2 && options.containerdVersion.minor === 0
    ? `  bin_dir = '${options.cniBinDir}'`
    : `  bin_dirs = ['${options.cniBinDir}']`;
  return [
    'version = 3',
    '',
    `${images}]`,
    `  snapshotter = '${options.snapshotter ?? 'overlayfs'}'`,
    '',
    `${images}.pinned_images]`,
    `  sandbox = '${options.sandboxImage}'`,
    '',
    `${runtime}]`,
    `  restrict_oom_score_adj = ${options.restrictOomScoreAdj}`,
    '',
    `${runtime}.containerd]`,
    "  default_runtime_name = 'runc'",
    '',
    `${runtime}.containerd.runtimes.runc]`,
    "  runtime_type = 'io.containerd.runc.v2'",
    '',
    `${runtime}.containerd.runtimes.runc.options]`,
    `  SystemdCgroup = ${options.cgroupDriver === 'systemd'}`,
    '',
    `${runtime}.cni]`,
    binDirs,
    `  conf_dir = '${options.cniConfDir}'`,
  ];
}
