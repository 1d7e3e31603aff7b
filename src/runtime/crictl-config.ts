export const CRICTL_CONFIG_PATH = '/etc/crictl.yaml';
export const CONTAINERD_SOCKET = 'unix:///run/containerd/containerd.sock';

/** Points crictl at containerd, so `crictl ps` works on a node without flags. */
export function renderCrictlConfig(options: { readonly endpoint?: string; readonly timeoutSeconds?: number } = {}): string {
  const endpoint = options.endpoint ?? CONTAINERD_SOCKET;
  return [
    '# managed by kit',
    `runtime-endpoint: ${endpoint}`,
    `image-endpoint: ${endpoint}`,
    `timeout: ${options.timeoutSeconds ?? 10}`,
    '',
  ].join('\n');
}
