import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { renderYamlDocument } from './yaml-document.ts';

const core = (...resources: string[]) => ({ group: '', resources });

/**
 * kit's audit policy: first match wins. Health probes, events and the constant reads of
 * kube-proxy and kubelets are dropped; secrets, config maps and token requests are logged
 * without their bodies (never write credentials to a log); other writes with their request;
 * everything else as metadata.
 */
export function renderAuditPolicy(cluster: ClusterSpec): string {
  return renderYamlDocument({
    apiVersion: cluster.version.traits.configApis.audit,
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'] },
      { level: 'None', resources: [core('events')] },
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [core('endpoints', 'services', 'services/status')] },
      { level: 'None', userGroups: ['system:nodes'], verbs: ['get'], resources: [core('nodes', 'nodes/status')] },
      {
        level: 'Metadata',
        resources: [
          core('secrets', 'configmaps', 'serviceaccounts/token'),
          { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
          { group: 'certificates.k8s.io', resources: ['certificatesigningrequests'] },
        ],
      },
      { level: 'Request', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
      { level: 'Metadata' },
    ],
  });
}
