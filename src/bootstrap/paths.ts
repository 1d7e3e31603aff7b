/**
 * Files the daemons read or write, in kubeadm's layout. The certificates and kubeconfigs are
 * placed by the certs module (its CERT_LIST uses the same paths; a unit test keeps them equal).
 */
export const KUBERNETES_DIR = '/etc/kubernetes';
export const PKI_DIR = `${KUBERNETES_DIR}/pki`;

const pki = (file: string): string => `${PKI_DIR}/${file}`;
const conf = (file: string): string => `${KUBERNETES_DIR}/${file}`;

export const PKI = Object.freeze({
  ca: pki('ca.crt'),
  caKey: pki('ca.key'),
  apiServer: pki('apiserver.crt'),
  apiServerKey: pki('apiserver.key'),
  apiServerKubeletClient: pki('apiserver-kubelet-client.crt'),
  apiServerKubeletClientKey: pki('apiserver-kubelet-client.key'),
  apiServerEtcdClient: pki('apiserver-etcd-client.crt'),
  apiServerEtcdClientKey: pki('apiserver-etcd-client.key'),
  frontProxyCa: pki('front-proxy-ca.crt'),
  frontProxyClient: pki('front-proxy-client.crt'),
  frontProxyClientKey: pki('front-proxy-client.key'),
  serviceAccountKey: pki('sa.key'),
  serviceAccountPub: pki('sa.pub'),
  etcdCa: pki('etcd/ca.crt'),
  etcdServer: pki('etcd/server.crt'),
  etcdServerKey: pki('etcd/server.key'),
  etcdPeer: pki('etcd/peer.crt'),
  etcdPeerKey: pki('etcd/peer.key'),
  etcdHealthcheckClient: pki('etcd/healthcheck-client.crt'),
  etcdHealthcheckClientKey: pki('etcd/healthcheck-client.key'),
});

export const KUBECONFIGS = Object.freeze({
  admin: conf('admin.conf'),
  /** Since 1.29: system:masters, for what admin.conf may not do before its binding exists. */
  superAdmin: conf('super-admin.conf'),
  controllerManager: conf('controller-manager.conf'),
  scheduler: conf('scheduler.conf'),
  kubelet: conf('kubelet.conf'),
  bootstrapKubelet: conf('bootstrap-kubelet.conf'),
  kubeProxy: conf('kube-proxy.conf'),
});

/** Configuration files kit renders besides the units. */
export const CONFIG_FILES = Object.freeze({
  schedulerConfig: conf('scheduler-config.yaml'),
  auditPolicy: conf('audit-policy.yaml'),
  encryptionConfig: conf('encryption-config.yaml'),
  haproxyConfig: conf('apiserver-lb/haproxy.cfg'),
  kubeletConfig: '/var/lib/kubelet/config.yaml',
  kubeProxyConfig: '/var/lib/kube-proxy/config.yaml',
});

/** haproxy (the node-local API balancer) writes its master's PID here. */
export const HAPROXY_PID_FILE = '/run/kube-apiserver-lb.pid';

export const STATE_DIRS = Object.freeze({
  etcdData: '/var/lib/etcd',
  kubelet: '/var/lib/kubelet',
  kubeletPki: '/var/lib/kubelet/pki',
  auditLog: '/var/log/kubernetes/audit',
});

export const AUDIT_LOG_FILE = `${STATE_DIRS.auditLog}/audit.log`;
