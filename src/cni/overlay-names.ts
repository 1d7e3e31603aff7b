/** Names and paths the overlay owns on every host; `reset` removes exactly these. */
export const OVERLAY_DEVICE = 'kit.vxlan';
export const POD_BRIDGE = 'kit0';
export const CNI_NETWORK_NAME = 'kit';
export const OVERLAY_STATE_PATH = '/etc/kit/overlay.json';
export const OVERLAY_RULES_PATH = '/etc/kit/overlay.rules';
export const OVERLAY_SCRIPT_PATH = '/usr/local/lib/kit/overlay-up.sh';
export const OVERLAY_UNIT_NAME = 'kit-overlay.service';
export const OVERLAY_UNIT_PATH = `/etc/systemd/system/${OVERLAY_UNIT_NAME}`;
export const CNI_CONFLIST_PATH = '/etc/cni/net.d/10-kit.conflist';
export const CNI_BIN_DIR = '/opt/cni/bin';
export const MASQUERADE_CHAIN = 'KIT-POSTROUTING';
export const FORWARD_CHAIN = 'KIT-FORWARD';

/** The IANA VXLAN port; 8472 (the Linux default, used by flannel) is the usual alternative. */
export const DEFAULT_VXLAN_PORT = 4789;
export const DEFAULT_VNI = 1;

/** Outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14) headers: what encapsulation costs. */
export const VXLAN_OVERHEAD = 50;
