/**
 * A function each module defines, looked up in /proc/kallsyms. Containers (systemd-nspawn,
 * LXC) hide /sys/module and /lib/modules, but a built-in or loaded module's symbols stay listed.
 */
export const MODULE_SYMBOLS: Readonly<Record<string, string>> = {
  overlay: 'ovl_fill_super',
  br_netfilter: 'br_nf_pre_routing',
  vxlan: 'vxlan_xmit',
  ip_vs: 'ip_vs_conn_new',
  nf_conntrack: 'nf_conntrack_alloc',
};

/** The kernel config option behind each module: `=y` built in, `=m` a loadable module. */
export const MODULE_CONFIG: Readonly<Record<string, string>> = {
  overlay: 'CONFIG_OVERLAY_FS',
  br_netfilter: 'CONFIG_BRIDGE_NETFILTER',
  vxlan: 'CONFIG_VXLAN',
  ip_vs: 'CONFIG_IP_VS',
  nf_conntrack: 'CONFIG_NF_CONNTRACK',
};
