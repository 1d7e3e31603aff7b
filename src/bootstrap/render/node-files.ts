import { unitPath } from '../daemons.ts';
import type { DaemonName } from '../daemons.ts';
import { CONFIG_FILES } from '../paths.ts';
import { needsLocalLoadBalancer } from '../spec/api-endpoint.ts';
import { isControlPlane } from '../spec/cluster-spec.ts';
import type { RenderContext } from '../spec/cluster-spec.ts';
import { renderApiServerUnit } from './api-server-unit.ts';
import { renderAuditPolicy } from './audit-policy.ts';
import { renderControllerManagerUnit } from './controller-manager-unit.ts';
import { renderEncryptionConfig } from './encryption-config.ts';
import type { EncryptionKey } from './encryption-config.ts';
import { EncryptionKeyError } from './encryption-key-error.ts';
import { renderEtcdUnit } from './etcd-unit.ts';
import type { EtcdUnitOptions } from './etcd-unit.ts';
import { renderHaproxyConfig } from './haproxy-config.ts';
import { renderHaproxyUnit } from './haproxy-unit.ts';
import { renderKubeProxyConfig } from './kube-proxy-config.ts';
import { renderKubeProxyUnit } from './kube-proxy-unit.ts';
import { renderKubeletConfig } from './kubelet-config.ts';
import { renderKubeletUnit } from './kubelet-unit.ts';
import { renderSchedulerConfig } from './scheduler-config.ts';
import { renderSchedulerUnit } from './scheduler-unit.ts';

export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** 0o600 for files holding secrets, else 0o644. */
  readonly mode: number;
  /** The daemon that reads it. */
  readonly daemon: DaemonName;
}

export interface NodeFilesOptions extends RenderContext {
  /** How this node's etcd starts; default: a new cluster of every control plane. */
  readonly etcd?: Pick<EtcdUnitOptions, 'initialClusterState' | 'initialMembers' | 'initialClusterToken'>;
  /** Required when the cluster encrypts Secrets at rest. */
  readonly encryptionKeys?: readonly EncryptionKey[];
}

/** Every unit and daemon config file a node gets, by its roles and the cluster's features. */
export function renderNodeFiles(options: NodeFilesOptions): RenderedFile[] {
  const { cluster } = options;
  const files = isControlPlane(options.node) ? controlPlaneFiles(options) : [];
  files.push(
    file('kubelet', unitPath('kubelet'), renderKubeletUnit(options)),
    file('kubelet', CONFIG_FILES.kubeletConfig, renderKubeletConfig(options)),
    file('kube-proxy', unitPath('kube-proxy'), renderKubeProxyUnit(options)),
    file('kube-proxy', CONFIG_FILES.kubeProxyConfig, renderKubeProxyConfig(options)),
  );
  if (needsLocalLoadBalancer(cluster)) {
    files.push(
      file('kube-apiserver-lb', unitPath('kube-apiserver-lb'), renderHaproxyUnit(cluster)),
      file('kube-apiserver-lb', CONFIG_FILES.haproxyConfig, renderHaproxyConfig(cluster)),
    );
  }
  return files;
}

function controlPlaneFiles(options: NodeFilesOptions): RenderedFile[] {
  const { cluster } = options;
  const etcd = options.etcd ?? { initialClusterState: 'new' };
  const files = [
    file('etcd', unitPath('etcd'), renderEtcdUnit({ ...options, ...etcd })),
    file('kube-apiserver', unitPath('kube-apiserver'), renderApiServerUnit(options)),
    file('kube-controller-manager', unitPath('kube-controller-manager'), renderControllerManagerUnit(options)),
    file('kube-scheduler', unitPath('kube-scheduler'), renderSchedulerUnit(options)),
    file('kube-scheduler', CONFIG_FILES.schedulerConfig, renderSchedulerConfig(options)),
  ];
  if (cluster.features.auditLog) files.push(file('kube-apiserver', CONFIG_FILES.auditPolicy, renderAuditPolicy(cluster)));
  if (cluster.features.encryptionAtRest) {
    if (options.encryptionKeys === undefined) throw new EncryptionKeyError('the cluster encrypts Secrets at rest but no key was given');
    const content = renderEncryptionConfig({ cluster, keys: options.encryptionKeys });
    files.push(file('kube-apiserver', CONFIG_FILES.encryptionConfig, content, 0o600));
  }
  return files;
}

function file(daemon: DaemonName, path: string, content: string, mode = 0o644): RenderedFile {
  return { daemon, path, content, mode };
}
