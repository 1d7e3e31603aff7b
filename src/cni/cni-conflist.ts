import { NetworkConfigError } from './network-config-error.ts';
import { CNI_NETWORK_NAME, POD_BRIDGE } from './overlay-names.ts';
import { podGateway } from './vxlan-identity.ts';

/** CNI spec versions kit can write, newest first. */
export const KIT_CNI_VERSIONS = ['1.0.0', '0.4.0'] as const;
export type KitCniVersion = (typeof KIT_CNI_VERSIONS)[number];

/** The plugins the conflist uses; each must be in the CNI bin dir (`loopback` the runtime calls itself). */
export const CNI_PLUGINS = ['bridge', 'host-local', 'portmap', 'loopback'] as const;

export interface CniConflistOptions {
  readonly cniVersion: KitCniVersion;
  /** This node's pod subnet. */
  readonly podSubnet: string;
  /** The overlay MTU: pods' interfaces must not send what the tunnel cannot carry. */
  readonly mtu: number;
}

/**
 * /etc/cni/net.d/10-kit.conflist: a bridge (kit0) holding this node's pods, addresses from
 * host-local in the node's subnet, the bridge as default gateway so traffic to other nodes'
 * pods goes through the node's routes onto kit.vxlan. ipMasq is off: kit's KIT-POSTROUTING
 * chain masquerades once per node (overlay-rules.ts). portmap serves hostPort.
 */
export function renderCniConflist(options: CniConflistOptions): string {
  const conflist = {
    cniVersion: options.cniVersion,
    // JSON has no comments: the file name (10-kit.conflist) and the network name are kit's marker.
    name: CNI_NETWORK_NAME,
    plugins: [
      {
        type: 'bridge',
        bridge: POD_BRIDGE,
        isGateway: true,
        isDefaultGateway: true,
        ipMasq: false,
        hairpinMode: true,
        mtu: options.mtu,
        ipam: {
          type: 'host-local',
          ranges: [[{ subnet: options.podSubnet, gateway: podGateway(options.podSubnet) }]],
        },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  };
  return `${JSON.stringify(conflist, null, 2)}\n`;
}

/**
 * Picks the newest CNI version that every plugin and the runtime support. `versionOutputs` are
 * what each plugin printed for `CNI_COMMAND=VERSION` (`{"cniVersion":…,"supportedVersions":[…]}`);
 * `runtimeMax` is the newest the runtime's libcni reads (see runtimeCniVersionLimit).
 */
export function chooseCniVersion(options: { readonly versionOutputs: Readonly<Record<string, string>>; readonly runtimeMax?: KitCniVersion }): KitCniVersion {
  const supported = Object.entries(options.versionOutputs).map(([plugin, output]) => ({ plugin, versions: parseVersionOutput(plugin, output) }));
  const allowed = options.runtimeMax === undefined ? KIT_CNI_VERSIONS : KIT_CNI_VERSIONS.slice(KIT_CNI_VERSIONS.indexOf(options.runtimeMax));
  const choice = allowed.find((version) => supported.every((entry) => entry.versions.includes(version)));
  if (choice === undefined) {
    const summary = supported.map((entry) => `${entry.plugin}: ${entry.versions.join(', ') || 'none'}`).join('; ');
    throw new NetworkConfigError(`no CNI version kit writes (${allowed.join(', ')}) is supported by all CNI plugins (${summary})`, {
      hint: 'Install containernetworking-plugins 0.8.0 or newer in /opt/cni/bin.',
    });
  }
  return choice;
}

/** containerd 1.6 moved to libcni 1.x (CNI spec 1.0.0); older releases read up to 0.4.0. */
export function runtimeCniVersionLimit(containerdVersion: { readonly major: number; readonly minor: number }): KitCniVersion {
  return containerdVersion.major > 1 || containerdVersion.minor >= 6 ? '1.0.0' : '0.4.0';
}

function parseVersionOutput(plugin: string, output: string): string[] {
  try {
    const parsed = JSON.parse(output) as { supportedVersions?: unknown };
    if (Array.isArray(parsed.supportedVersions)) return parsed.supportedVersions.filter((version): version is string => typeof version === 'string');
  } catch (error) {
    throw new NetworkConfigError(`the CNI plugin ${plugin} answered VERSION with something that is not JSON: ${output.slice(0, 120)}`, { cause: error });
  }
  return [];
}
