/**
 * Sysctls the daemons kit runs set by themselves at start. No installer table lists them: the
 * kubelet sets the vm.* and kernel.* ones (protectKernelDefaults off), kube-proxy the route and
 * conntrack ones. Their values before kit are recorded and written back by reset.
 */
export const DAEMON_SYSCTLS: readonly string[] = Object.freeze([
  'vm.overcommit_memory',
  'vm.panic_on_oom',
  'kernel.panic',
  'kernel.panic_on_oops',
  'kernel.keys.root_maxkeys',
  'kernel.keys.root_maxbytes',
  'net.ipv4.conf.all.route_localnet',
  'net.netfilter.nf_conntrack_max',
  'net.netfilter.nf_conntrack_tcp_timeout_established',
  'net.netfilter.nf_conntrack_tcp_timeout_close_wait',
]);
