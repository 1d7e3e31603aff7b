import { z } from 'zod';
import { DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../kubernetes-versions.ts';
import { checked } from './checked.ts';
import { checkCidr, checkClusterName, checkDnsDomain, checkEndpoint, checkKubernetesVersion, checkSan } from './field-checks.ts';

export const DEFAULT_POD_SUBNET = '10.244.0.0/16';
export const DEFAULT_SERVICE_SUBNET = '10.96.0.0/12';
export const DEFAULT_DNS_DOMAIN = 'cluster.local';

export const ClusterSchema = z
  .strictObject({
    name: checked(z.string(), checkClusterName).meta({
      description: 'Name of the cluster, used in kubeconfig contexts and messages. An RFC 1123 label: lowercase letters, digits and -, at most 63.',
      examples: ['prod-eu1'],
      pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    }),
    kubernetesVersion: checked(z.string(), checkKubernetesVersion)
      .default(DEFAULT_KUBERNETES_VERSION)
      .meta({
        description:
          'Kubernetes version to install: any patch of a supported minor (v1.36.3), or just the minor (v1.36) for the patch kit ships. ' +
          `Supported: ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}. Quote it in YAML if you leave out the leading v.`,
        examples: [...SUPPORTED_KUBERNETES_VERSIONS],
        pattern: '^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
      }),
    controlPlaneEndpoint: checked(z.string(), checkEndpoint)
      .optional()
      .meta({
        description:
          'host[:port] of a VIP or load balancer in front of the API servers (port 6443 when omitted). ' +
          'Omit it to have every node reach the API through a node-local load balancer on 127.0.0.1:6443.',
        examples: ['api.prod-eu1.example.com:6443', '10.0.0.100'],
      }),
    podSubnet: checked(z.string(), checkCidr)
      .default(DEFAULT_POD_SUBNET)
      .meta({ description: 'CIDR pods get their addresses from; each host gets a /24 of it (a /64 for IPv6).', examples: ['10.244.0.0/16'] }),
    serviceSubnet: checked(z.string(), checkCidr)
      .default(DEFAULT_SERVICE_SUBNET)
      .meta({ description: 'CIDR Service ClusterIPs come from; its first address is the `kubernetes` Service (10.96.0.1).', examples: ['10.96.0.0/12'] }),
    dnsDomain: checked(z.string(), checkDnsDomain)
      .default(DEFAULT_DNS_DOMAIN)
      .meta({ description: 'DNS domain of Services (my-svc.my-namespace.svc.<dnsDomain>).', examples: ['cluster.local'] }),
    extraSans: z
      .array(checked(z.string(), checkSan).meta({ description: 'A DNS name (wildcards allowed) or an IP address.', examples: ['api.internal.example.com'] }))
      .default([])
      .meta({ description: 'Extra names and addresses put into the API server certificate.', examples: [['api.internal.example.com', '203.0.113.100']] }),
  })
  .meta({ description: 'Cluster-wide settings.' });
