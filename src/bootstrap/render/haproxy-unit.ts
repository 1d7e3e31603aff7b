import { CONFIG_FILES, HAPROXY_PID_FILE } from '../paths.ts';
import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { renderDaemonUnit } from './daemon-unit.ts';

/**
 * haproxy in master-worker mode under systemd (`-Ws` reports readiness; SIGUSR2 reloads
 * without dropping connections). A unit of kit's own, so the distribution's haproxy.service
 * and /etc/haproxy stay the user's. The config is checked before every start and reload.
 */
export function renderHaproxyUnit(cluster: ClusterSpec): string {
  const config = CONFIG_FILES.haproxyConfig;
  return renderDaemonUnit({
    daemon: 'kube-apiserver-lb',
    minor: cluster.version.minor,
    binDir: cluster.binDir,
    binary: cluster.haproxyPath,
    description: 'Node-local load balancer for the Kubernetes API servers (haproxy)',
    after: ['network-online.target'],
    wants: ['network-online.target'],
    type: 'notify',
    args: ['-Ws', '-f', config, '-p', HAPROXY_PID_FILE],
    flags: [],
    restartSec: 2,
    serviceExtras: [
      `ExecStartPre=${cluster.haproxyPath} -c -q -f ${config}`,
      // A reload with a broken config would only log it; checking first makes `systemctl reload` fail.
      `ExecReload=${cluster.haproxyPath} -c -q -f ${config}`,
      'ExecReload=/bin/kill -USR2 $MAINPID',
      'KillMode=mixed',
      'SuccessExitStatus=143',
    ],
  });
}
