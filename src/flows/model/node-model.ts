import { kubeletMaySet } from '../../bootstrap/render/kubelet-labels.ts';
import { CONTROL_PLANE_TAINT, DEFAULT_CRI_SOCKET, DEFAULT_RESOLV_CONF } from '../../bootstrap/spec/cluster-spec.ts';
import type { NodeSpec, Taint } from '../../bootstrap/spec/cluster-spec.ts';
import type { Host } from '../../host/host.ts';
import type { InventoryHost } from '../../inventory/inventory.ts';
import { chooseCgroupDriver } from '../../runtime/cgroup-driver.ts';
import { probeRuntime } from '../../runtime/runtime-host.ts';

/** What kit learns from a host before rendering its kubelet: it must agree with containerd. */
export interface NodeFacts {
  readonly cgroupDriver: NodeSpec['cgroupDriver'];
  readonly cgroupVersion: NodeSpec['cgroupVersion'];
  readonly resolvConf: string;
}

/** The label every control plane gets through the API (the kubelet may not set node-role labels). */
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
const RESOLVED_RESOLV_CONF = '/run/systemd/resolve/resolv.conf';

export async function readNodeFacts(host: Host, signal?: AbortSignal): Promise<NodeFacts> {
  const probe = await probeRuntime(host);
  // With systemd-resolved, /etc/resolv.conf points at 127.0.0.53, which pods cannot reach.
  const resolved = await host.exec(['sh', '-c', `systemctl is-active --quiet systemd-resolved && test -s ${RESOLVED_RESOLV_CONF}`], { allowedExitCodes: [0, 1, 3, 4], ...(signal === undefined ? {} : { signal }) });
  return {
    cgroupDriver: chooseCgroupDriver(probe).driver,
    cgroupVersion: probe.cgroupVersion === 2 ? 2 : 1,
    resolvConf: resolved.exitCode === 0 ? RESOLVED_RESOLV_CONF : DEFAULT_RESOLV_CONF,
  };
}

/** The daemons' view of one inventory host. Labels the kubelet may not set itself go through the API (apiLabels). */
export function nodeSpecFor(host: InventoryHost, facts: NodeFacts): NodeSpec {
  const controlPlane = host.roles.includes('control-plane');
  const taints: Taint[] = [...host.taints];
  if (controlPlane && !taints.some((taint) => taint.key === CONTROL_PLANE_TAINT.key)) taints.push(CONTROL_PLANE_TAINT);
  return {
    name: host.name,
    ip: host.internalAddress,
    roles: host.roles.includes('worker') && !controlPlane ? ['worker'] : host.roles,
    labels: Object.fromEntries(Object.entries(host.labels).filter(([key]) => kubeletMaySet(key))),
    taints,
    cgroupDriver: facts.cgroupDriver,
    cgroupVersion: facts.cgroupVersion,
    resolvConf: facts.resolvConf,
    criSocket: DEFAULT_CRI_SOCKET,
  };
}

/** Labels kit sets through the API after the node registered: role labels and reserved-namespace labels. */
export function apiLabelsFor(host: InventoryHost): Record<string, string> {
  const labels = Object.fromEntries(Object.entries(host.labels).filter(([key]) => !kubeletMaySet(key)));
  if (host.roles.includes('control-plane')) labels[CONTROL_PLANE_LABEL] = '';
  return labels;
}
