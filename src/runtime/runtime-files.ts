import { renderContainerdConfig, CONTAINERD_CONFIG_PATH } from './containerd-config.ts';
import type { ContainerdConfigOptions } from './containerd-config.ts';
import { CONTAINERD_UNIT_PATH, renderContainerdUnit } from './containerd-unit.ts';
import { CRICTL_CONFIG_PATH, renderCrictlConfig } from './crictl-config.ts';
import { MODULES_LOAD_PATH, SYSCTL_PATH, renderModulesLoad, renderSysctlConf } from './kernel-prereqs.ts';
import type { ManagedFile } from './managed-file.ts';

/** What must happen after a file changed: the runtime plan restarts nothing else. */
export type RuntimeEffect = 'restart-containerd' | 'reload-units' | 'load-modules' | 'apply-sysctls' | 'none';

export interface RuntimeFile extends ManagedFile {
  readonly effects: readonly RuntimeEffect[];
}

export interface RuntimeFilesOptions extends ContainerdConfigOptions {
  readonly containerdBinary?: string;
}

export function runtimeFiles(options: RuntimeFilesOptions): RuntimeFile[] {
  return [
    { path: MODULES_LOAD_PATH, content: renderModulesLoad(), mode: 0o644, effects: ['load-modules'] },
    { path: SYSCTL_PATH, content: renderSysctlConf(), mode: 0o644, effects: ['apply-sysctls'] },
    { path: CONTAINERD_CONFIG_PATH, content: renderContainerdConfig(options), mode: 0o644, effects: ['restart-containerd'] },
    {
      path: CONTAINERD_UNIT_PATH,
      content: renderContainerdUnit(options.containerdBinary === undefined ? {} : { binaryPath: options.containerdBinary }),
      mode: 0o644,
      effects: ['reload-units', 'restart-containerd'],
    },
    { path: CRICTL_CONFIG_PATH, content: renderCrictlConfig(), mode: 0o644, effects: ['none'] },
  ];
}
