import { parseEndpoint } from '../../inventory/endpoint.ts';
import { isIpAddress } from '../../inventory/ip-address.ts';
import { checkManifest } from '../../inventory/schema/field-checks.ts';
import { expandPath } from '../../inventory/expand-path.ts';
import type { HostNetwork } from './host-networks.ts';
import type { SetupIo } from './setup-io.ts';
import type { OverlayAnswers } from './setup-answers.ts';
import { defaultClusterSubnets, subnetProblem } from './subnet-defaults.ts';

export interface SubnetsQuestion {
  readonly previous: { readonly podSubnet?: string; readonly serviceSubnet?: string };
  /** The hosts' networks and addresses, which the cluster's subnets must not overlap. */
  readonly taken: readonly HostNetwork[];
  readonly hostCount: number;
  readonly controlPlaneEndpoint?: string;
}

/** Pod and Service subnets, defaulting to ranges no host uses; every answer is checked against the hosts' networks. */
export async function askSubnets(io: SetupIo, question: SubnetsQuestion): Promise<{ podSubnet: string; serviceSubnet: string }> {
  const endpointHost = question.controlPlaneEndpoint === undefined ? undefined : parseEndpoint(question.controlPlaneEndpoint, 6443)?.host;
  const taken: HostNetwork[] = [...question.taken];
  if (endpointHost !== undefined && isIpAddress(endpointHost)) taken.push({ cidr: `${endpointHost}/${endpointHost.includes(':') ? 128 : 32}`, source: 'the control-plane endpoint' });
  const suggested = defaultClusterSubnets(taken);
  const podSubnet = await io.prompter.text({
    message: 'Pod subnet (each node gets a /24 of it)',
    ...optionalDefault(question.previous.podSubnet ?? suggested.podSubnet),
    validate: (text) => subnetProblem({ kind: 'pod', text, taken, hostCount: question.hostCount }),
  });
  const serviceDefault = question.previous.serviceSubnet ?? defaultClusterSubnets([...taken, { cidr: podSubnet, source: 'pods' }]).serviceSubnet;
  const serviceSubnet = await io.prompter.text({
    message: 'Service subnet (ClusterIPs; its first address is the kubernetes Service)',
    ...optionalDefault(serviceDefault),
    validate: (text) => subnetProblem({ kind: 'service', text, taken, other: podSubnet, hostCount: question.hostCount }),
  });
  return { podSubnet, serviceSubnet };
}

/** kit's own VXLAN overlay, or a CNI manifest (URL or file). */
export async function askOverlay(io: SetupIo, previous: OverlayAnswers | undefined): Promise<OverlayAnswers> {
  const plugin = await io.prompter.select({
    message: 'Pod network',
    choices: [
      { value: 'vxlan', name: "vxlan: kit's built-in overlay" },
      { value: 'manifest', name: 'manifest: apply a CNI manifest (flannel, Calico, Cilium)' },
    ],
    default: previous?.plugin ?? 'vxlan',
  });
  if (plugin === 'vxlan') return { plugin };
  const manifest = await io.prompter.text({
    message: 'CNI manifest: an http(s) URL or a file path',
    ...optionalDefault(previous?.plugin === 'manifest' ? previous.manifest : undefined),
    validate: (value) => checkManifest(value)?.message,
  });
  return { plugin, manifest: manifest.includes('://') ? manifest : expandPath(manifest, io.paths) };
}

function optionalDefault(value: string | undefined): { default?: string } {
  return value === undefined ? {} : { default: value };
}
