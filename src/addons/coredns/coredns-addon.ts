import { MANAGED_BY_LABEL, type Addon } from '../addon.ts';
import { refOf, renderManifest, type KubernetesObject } from '../manifest-yaml.ts';
import { renderCorefile } from './corefile.ts';
import { coreDnsDeployment } from './coredns-deployment.ts';
import { COREDNS_NAMESPACE, coreDnsRbac } from './coredns-rbac.ts';
import type { CoreDnsSpec } from './coredns-spec.ts';

/**
 * The objects kubeadm creates for cluster DNS, in the order kubectl should create them: the
 * identity and its rights, the Corefile, the pods, then the Service at the tenth address of
 * the Service subnet (the address every kubelet hands pods as their nameserver).
 */
export function coreDnsObjects(spec: CoreDnsSpec): KubernetesObject[] {
  return [...coreDnsRbac(spec), coreDnsConfigMap(spec), coreDnsDeployment(spec), kubeDnsService(spec)];
}

export function coreDnsAddon(spec: CoreDnsSpec): Addon {
  const objects = coreDnsObjects(spec);
  return { name: 'coredns', title: `CoreDNS ${spec.version}`, manifest: renderManifest(objects), objects: objects.map(refOf) };
}

function coreDnsConfigMap(spec: CoreDnsSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: COREDNS_NAMESPACE, labels: { ...MANAGED_BY_LABEL } },
    data: { Corefile: renderCorefile(spec) },
  };
}

function kubeDnsService(spec: CoreDnsSpec): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: COREDNS_NAMESPACE,
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS', ...MANAGED_BY_LABEL },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: spec.dnsIp,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
    },
  };
}
