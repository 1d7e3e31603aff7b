import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestDocuments, type ManifestParse } from '../../../src/inventory/kubernetes-manifest.ts';

function problemOf(parse: ManifestParse): string {
  assert.ok(!parse.ok, 'expected a problem');
  return `${parse.problem.line}:${parse.problem.column} ${parse.problem.message}`;
}

describe('parseManifestDocuments', () => {
  it('reads every object with its start line, skipping empty documents and flattening Lists', () => {
    const parsed = parseManifestDocuments(`---
# a comment-only document
---
apiVersion: v1
kind: Namespace
metadata:
  name: tiny
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: a, namespace: tiny }
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: { name: b, namespace: tiny }
---
`);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.objects.map((object) => [object.kind, object.namespace ?? '', object.name, object.line]),
      [
        ['Namespace', '', 'tiny', 4],
        ['ConfigMap', 'tiny', 'a', 9],
        ['DaemonSet', 'tiny', 'b', 9],
      ],
    );
  });

  it('names the line and column of a YAML error', () => {
    assert.match(problemOf(parseManifestDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n')), /^4:\d+ YAML: /u);
  });

  it('refuses documents that are not Kubernetes objects, saying which and where', () => {
    assert.equal(problemOf(parseManifestDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n- just\n- a list\n')), '5:1 document 2 (line 5) is not a Kubernetes object (a mapping with apiVersion and kind)');
    assert.equal(problemOf(parseManifestDocuments('kind: ConfigMap\nmetadata: { name: a }\n')), '1:1 document 1 (line 1) has no apiVersion');
    assert.equal(problemOf(parseManifestDocuments('apiVersion: v1\nmetadata: { name: a }\n')), '1:1 document 1 (line 1) has no kind');
    assert.equal(problemOf(parseManifestDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')), '1:1 document 1 (line 1, ConfigMap) has no metadata.name');
  });

  it('refuses a file with no object at all', () => {
    assert.equal(problemOf(parseManifestDocuments('')), '1:1 holds no Kubernetes object');
    assert.equal(problemOf(parseManifestDocuments('# only comments\n---\n---\n')), '1:1 holds no Kubernetes object');
  });
});
