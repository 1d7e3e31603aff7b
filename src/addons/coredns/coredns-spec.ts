import { catalogEntry } from '../../artifacts/artifact-catalog.ts';
import { componentVersions } from '../../artifacts/component-versions.ts';
import { clusterDnsIp } from '../../bootstrap/spec/service-ips.ts';
import { CONTROL_PLANE_TAINT } from '../../bootstrap/spec/cluster-spec.ts';
import { COREDNS_PROFILES, type CoreDnsProfile } from './coredns-profile.ts';

/** Everything the CoreDNS renderers read: plain data, no inventory types. */
export interface CoreDnsSpec {
  /** The CoreDNS release, without `v` (`1.7.0`). */
  readonly version: string;
  readonly image: string;
  /** `cluster.local`. */
  readonly dnsDomain: string;
  /** The kube-dns Service's ClusterIP: what every kubelet's clusterDNS names. */
  readonly dnsIp: string;
  readonly replicas: number;
  /** The taint kit puts on control planes; CoreDNS tolerates it so a lone control plane runs it. */
  readonly controlPlaneTaintKey: string;
  readonly profile: CoreDnsProfile;
}

export interface CoreDnsInput {
  readonly kubernetesVersion: string;
  readonly serviceSubnet: string;
  readonly dnsDomain: string;
  /** The reference the bundle's image carries; default: the catalog's for the version. */
  readonly image?: string;
}

/** kubeadm's choice: two replicas, so one node going down leaves DNS up. */
export const COREDNS_REPLICAS = 2;

export function coreDnsSpecFor(input: CoreDnsInput): CoreDnsSpec {
  const versions = componentVersions(input.kubernetesVersion);
  return {
    version: versions.coreDns,
    image: input.image ?? catalogCoreDnsImage(input.kubernetesVersion),
    dnsDomain: input.dnsDomain,
    dnsIp: clusterDnsIp(input.serviceSubnet),
    replicas: COREDNS_REPLICAS,
    controlPlaneTaintKey: CONTROL_PLANE_TAINT.key,
    profile: COREDNS_PROFILES[versions.minor],
  };
}

/** `k8s.gcr.io/coredns:1.7.0` for 1.20, `registry.k8s.io/coredns/coredns:v1.14.6` for 1.37. */
export function catalogCoreDnsImage(kubernetesVersion: string): string {
  const imageRef = catalogEntry('coredns')?.imageRef;
  if (imageRef === undefined) throw new Error('the artifact catalog has no coredns image');
  return imageRef(componentVersions(kubernetesVersion));
}
