import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { coreDnsObjects } from '../../../../src/addons/coredns/coredns-addon.ts';
import { COREDNS_PROFILES } from '../../../../src/addons/coredns/coredns-profile.ts';
import { coreDnsSpecFor } from '../../../../src/addons/coredns/coredns-spec.ts';
import { renderCorefile } from '../../../../src/addons/coredns/corefile.ts';
import { SUPPORTED_MINORS } from '../../../../src/bootstrap/versions/version-table.ts';

describe('renderCorefile', () => {
  it('serves the cluster domain and the reverse zones with pods insecure, forwarding the rest', () => {
    const text = renderCorefile({ dnsDomain: 'k8s.example.org', profile: COREDNS_PROFILES['1.37'] });
    assert.match(text, /^\.:53 \{\n/u);
    assert.match(text, /\n {4}kubernetes k8s\.example\.org in-addr\.arpa ip6\.arpa \{\n {7}pods insecure\n {7}fallthrough in-addr\.arpa ip6\.arpa\n/u);
    assert.match(text, /\n {4}forward \. \/etc\/resolv\.conf \{\n {7}max_concurrent 1000\n {4}\}\n/u);
    assert.match(text, /\n {7}disable success k8s\.example\.org\n {7}disable denial k8s\.example\.org\n/u);
    for (const plugin of ['errors', 'ready', 'prometheus :9153', 'loop', 'reload', 'loadbalance', 'health {']) assert.ok(text.includes(`\n    ${plugin}\n`), plugin);
    assert.ok(!text.includes('cluster.local'));
  });

  it('keeps 1.20 to what CoreDNS 1.7.0 was given: a bare forward and a bare cache', () => {
    const text = renderCorefile({ dnsDomain: 'cluster.local', profile: COREDNS_PROFILES['1.20'] });
    assert.match(text, /\n {4}forward \. \/etc\/resolv\.conf\n {4}cache 30\n {4}loop\n/u);
    assert.ok(!text.includes('max_concurrent'));
  });

  it('opens as many braces as it closes for every minor', () => {
    for (const minor of SUPPORTED_MINORS) {
      const text = renderCorefile({ dnsDomain: 'cluster.local', profile: COREDNS_PROFILES[minor] });
      assert.equal(text.split('{').length, text.split('}').length, minor);
    }
  });
});

describe('the kube-dns Service and the Deployment', () => {
  const objectsFor = (serviceSubnet: string, version = 'v1.37'): Record<string, unknown>[] =>
    coreDnsObjects(coreDnsSpecFor({ kubernetesVersion: version, serviceSubnet, dnsDomain: 'cluster.local' })).map((object) => parse(JSON.stringify(object)) as Record<string, unknown>);

  it('puts kube-dns at the tenth address of the Service subnet', () => {
    for (const [subnet, ip] of [['10.96.0.0/12', '10.96.0.10'], ['172.20.0.0/16', '172.20.0.10'], ['fd00:10:96::/112', 'fd00:10:96::a']] as const) {
      const service = objectsFor(subnet).find((object) => object['kind'] === 'Service') as { spec: { clusterIP: string } };
      assert.equal(service.spec.clusterIP, ip, subnet);
    }
  });

  it('runs 2 replicas that tolerate the control-plane taint and probe /ready:8181 and /health:8080', () => {
    const deployment = objectsFor('10.96.0.0/12').find((object) => object['kind'] === 'Deployment') as {
      spec: { replicas: number; template: { spec: { tolerations: { key: string }[]; containers: { readinessProbe: { httpGet: { path: string; port: number } }; livenessProbe: { httpGet: { path: string; port: number } } }[] } } };
    };
    const pod = deployment.spec.template.spec;
    assert.equal(deployment.spec.replicas, 2);
    assert.ok(pod.tolerations.some((toleration) => toleration.key === 'node-role.kubernetes.io/control-plane'));
    assert.deepEqual(pod.containers[0]?.readinessProbe.httpGet, { path: '/ready', port: 8181, scheme: 'HTTP' });
    assert.deepEqual(pod.containers[0]?.livenessProbe.httpGet, { path: '/health', port: 8080, scheme: 'HTTP' });
  });

  it('grants EndpointSlices from 1.35 on and nodes/get on 1.20', () => {
    const rulesOf = (version: string): string[] => {
      const role = objectsFor('10.96.0.0/12', version).find((object) => object['kind'] === 'ClusterRole') as { rules: { resources: string[] }[] };
      return role.rules.flatMap((rule) => rule.resources);
    };
    assert.ok(rulesOf('v1.35').includes('endpointslices'));
    assert.ok(!rulesOf('v1.35').includes('nodes'));
    assert.ok(rulesOf('v1.20').includes('nodes'));
    assert.ok(!rulesOf('v1.20').includes('endpointslices'));
  });
});
