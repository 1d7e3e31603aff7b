import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { isKitError } from '../../../../src/errors/kit-error.ts';
import { adminEntries, renderEntries } from '../../../../src/status/kubeconfig/admin-kubeconfig.ts';
import { mergeKubeconfig } from '../../../../src/status/kubeconfig/merge-kubeconfig.ts';

const ADMIN = [
  'apiVersion: v1', 'kind: Config',
  'clusters:', '- name: kubernetes', '  cluster:', '    certificate-authority-data: Q0E=', '    server: https://127.0.0.1:6443',
  'contexts:', '- name: kubernetes-admin@kubernetes', '  context: {cluster: kubernetes, user: kubernetes-admin}',
  'current-context: kubernetes-admin@kubernetes',
  'users:', '- name: kubernetes-admin', '  user:', '    client-certificate-data: Q0VSVA==', '    client-key-data: S0VZ', '',
].join('\n');
const OTHER = 'apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: {server: "https://203.0.113.1:6443"}\nusers:\n- name: other\n  user: {token: x}\ncontexts:\n- name: other\n  context: {cluster: other, user: other}\ncurrent-context: other\n';

const entries = (server = 'https://198.18.0.11:6443') => adminEntries(ADMIN, { clusterName: 'lab', server, source: 'cp1:/etc/kubernetes/admin.conf' });
const options = { path: '/home/u/.kube/config', force: false, setCurrent: false };

interface Config { clusters: { name: string; cluster: Record<string, string> }[]; users: { name: string; user: Record<string, string> }[]; contexts: { name: string; context: Record<string, string> }[]; 'current-context': string }

describe('adminEntries', () => {
  it('renames admin.conf\'s entries after the cluster and points the cluster at the given server, keeping the credentials', () => {
    const config = parse(renderEntries(entries())) as Config;
    assert.deepEqual(config.clusters, [{ name: 'lab', cluster: { 'certificate-authority-data': 'Q0E=', server: 'https://198.18.0.11:6443' } }]);
    assert.deepEqual(config.users, [{ name: 'lab-admin', user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' } }]);
    assert.deepEqual(config.contexts, [{ name: 'lab', context: { cluster: 'lab', user: 'lab-admin' } }]);
    assert.equal(config['current-context'], 'lab');
  });

  it('refuses a file without a usable current context, naming it', () => {
    assert.throws(() => adminEntries('apiVersion: v1\nkind: Config\n', { clusterName: 'lab', server: 'https://x:6443', source: 'cp1:/etc/kubernetes/admin.conf' }), /cp1:\/etc\/kubernetes\/admin\.conf has no usable current context/u);
  });
});

describe('mergeKubeconfig', () => {
  it('adds the entries beside the user\'s own and keeps their current context', () => {
    const merged = mergeKubeconfig(OTHER, entries(), options);
    const config = parse(merged.text) as Config;
    assert.deepEqual(config.clusters.map((entry) => entry.name), ['other', 'lab']);
    assert.deepEqual(config.users.map((entry) => entry.name), ['other', 'lab-admin']);
    assert.equal(config['current-context'], 'other');
    assert.equal(merged.changed, true);
    assert.deepEqual(merged.changes.map((change) => change.action), ['added', 'added', 'added']);
  });

  it('takes over the current context with setCurrent, or when the file has none', () => {
    assert.equal(mergeKubeconfig(OTHER, entries(), { ...options, setCurrent: true }).currentContext, 'lab');
    const fresh = mergeKubeconfig(undefined, entries(), options);
    assert.equal(fresh.currentContext, 'lab');
    assert.equal((parse(fresh.text) as { apiVersion: string }).apiVersion, 'v1');
  });

  it('writes nothing when the same entries are already there', () => {
    const once = mergeKubeconfig(OTHER, entries(), options);
    const twice = mergeKubeconfig(once.text, entries(), options);
    assert.equal(twice.changed, false);
    assert.deepEqual(twice.changes.map((change) => change.action), ['unchanged', 'unchanged', 'unchanged']);
  });

  it('refuses an entry of the same name with other content unless forced', () => {
    const once = mergeKubeconfig(OTHER, entries(), options);
    const error = (() => {
      try {
        mergeKubeconfig(once.text, entries('https://198.18.0.12:6443'), options);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(isKitError(error) && error.code === 'KUBECONFIG_CONFLICT', String(error));
    assert.match(error.message, /\/home\/u\/\.kube\/config already has cluster "lab" with different content/u);
    assert.match(error.hint ?? '', /--force/u);
    const forced = mergeKubeconfig(once.text, entries('https://198.18.0.12:6443'), { ...options, force: true });
    assert.deepEqual(forced.changes.map((change) => change.action), ['replaced', 'unchanged', 'unchanged']);
    assert.equal((parse(forced.text) as Config).clusters.filter((entry) => entry.name === 'lab').length, 1);
  });

  it('refuses a file that is not a kubeconfig instead of overwriting it', () => {
    assert.throws(() => mergeKubeconfig('clusters: [unclosed', entries(), options), /is not valid YAML/u);
    assert.throws(() => mergeKubeconfig('- a\n- b\n', entries(), options), /is not a kubeconfig/u);
    assert.throws(() => mergeKubeconfig('clusters: 3\n', entries(), options), /clusters is not a list/u);
  });
});
