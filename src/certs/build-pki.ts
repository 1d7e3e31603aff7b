import { X509Certificate } from 'node:crypto';
import { assessSigned } from './assess-signed.ts';
import type { Assessment, SignedInstance } from './assess-signed.ts';
import { certRequest } from './cert-request.ts';
import type { CaName, CaRow, KeyPairRow } from './cert-row.ts';
import { isSignedRow } from './cert-row.ts';
import { issueCaCertificate, issueLeafCertificate } from './issue-certificate.ts';
import { generateKeyPairs, loadPrivateKey } from './key-pair.ts';
import type { KeyPair } from './key-pair.ts';
import type { ExistingPki, Pki, PkiCa, PkiDecision, PkiItem } from './pki.ts';
import { DEFAULT_CA_VALIDITY_SECONDS, DEFAULT_KEY_ALGORITHM, DEFAULT_LEAF_VALIDITY_SECONDS } from './pki-cluster-spec.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { PkiError } from './pki-error.ts';
import { caItem, keyPairItem, kubeconfigItem, leafItem } from './pki-items.ts';
import { resolveCa, resolveServiceAccountKey } from './resolve-shared.ts';
import { rowInstances } from './row-instances.ts';
import { validatePkiSpec } from './validate-pki-spec.ts';

export interface BuildPkiOptions {
  readonly spec: PkiClusterSpec;
  readonly existing?: ExistingPki;
  /** The issuing time; tests pin it. */
  readonly now?: Date;
  /** Re-issue a leaf with less validity left. Default: 30 days, or a third of the leaf validity if shorter. */
  readonly renewBeforeSeconds?: number;
}

const MAX_RENEW_BEFORE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The PKI the spec needs, in memory: CAs kept whenever they exist (in hand or on a host),
 * leaves kept while they still fit and issued otherwise. All new keys are generated at once.
 */
export async function buildPki(options: BuildPkiOptions): Promise<Pki> {
  validatePkiSpec(options.spec);
  const leafSeconds = options.spec.validity?.leafSeconds ?? DEFAULT_LEAF_VALIDITY_SECONDS;
  const context: BuildContext = {
    spec: options.spec,
    existing: options.existing ?? {},
    now: options.now ?? new Date(),
    leafSeconds,
    renewBeforeSeconds: options.renewBeforeSeconds ?? Math.min(MAX_RENEW_BEFORE_SECONDS, Math.floor(leafSeconds / 3)),
  };
  const survey = surveyExisting(context);
  const keys = await generateKeyPairs(options.spec.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM, newKeyCount(survey));
  return assemble(context, survey, keys);
}

interface BuildContext {
  readonly spec: PkiClusterSpec;
  readonly existing: ExistingPki;
  readonly now: Date;
  readonly leafSeconds: number;
  readonly renewBeforeSeconds: number;
}

/** What exists and what must be made; reads only, so it can fail before any key is generated. */
interface Survey {
  readonly caRows: readonly CaRow[];
  readonly foundCas: ReadonlyMap<CaName, (PkiCa & { source: string }) | undefined>;
  readonly saRow: KeyPairRow | undefined;
  readonly foundSa: { source: string; content: Buffer } | undefined;
  readonly signed: readonly SignedInstance[];
  readonly assessments: ReadonlyMap<string, Assessment>;
}

function surveyExisting(context: BuildContext): Survey {
  const { spec, existing } = context;
  const rows = rowInstances(spec).map((instance) => instance.row);
  const caRows = rows.filter((row): row is CaRow => row.kind === 'ca');
  const foundCas = new Map(caRows.map((row) => [row.name, resolveCa(row, spec, existing)]));
  const saRow = rows.find((row): row is KeyPairRow => row.kind === 'keypair');
  const foundSa = saRow === undefined ? undefined : resolveServiceAccountKey(saRow, spec, existing);
  const signed = rowInstances(spec).filter((instance): instance is SignedInstance => isSignedRow(instance.row));
  const assessments = new Map(signed.map((instance): [string, Assessment] => {
    const ca = foundCas.get(instance.row.ca);
    return [instance.id, ca === undefined ? { kind: 'issue', reasons: ['new CA'] } : assessSigned(instance, { ...context, ca })];
  }));
  rejectExternalCaGaps(signed, assessments, foundCas);
  return { caRows, foundCas, saRow, foundSa, signed, assessments };
}

function newKeyCount(survey: Survey): number {
  const cas = survey.caRows.filter((row) => survey.foundCas.get(row.name) === undefined).length;
  const sa = survey.saRow !== undefined && survey.foundSa === undefined ? 1 : 0;
  return cas + sa + [...survey.assessments.values()].filter((assessment) => assessment.kind === 'issue').length;
}

function assemble(context: BuildContext, survey: Survey, keys: KeyPair[]): Pki {
  const { spec, now } = context;
  const nextKey = (): KeyPair => keys.pop() ?? unreachable('a generated key');
  const items: PkiItem[] = [];
  const decisions: PkiDecision[] = [];
  const cas = new Map<CaName, PkiCa>();
  for (const row of survey.caRows) {
    const found = survey.foundCas.get(row.name);
    const ca = found ?? newCa(row, nextKey(), { now, seconds: spec.validity?.caSeconds ?? DEFAULT_CA_VALIDITY_SECONDS });
    cas.set(row.name, ca);
    items.push(caItem(row, ca, spec));
    decisions.push(found === undefined ? { id: row.name, action: 'generated', reasons: [] } : { id: row.name, action: 'reused', reasons: [], source: found.source });
  }
  if (survey.saRow !== undefined) {
    const { saRow, foundSa } = survey;
    items.push(keyPairItem(saRow, foundSa === undefined ? nextKey() : loadPrivateKey(foundSa.content), spec));
    decisions.push(foundSa === undefined ? { id: saRow.name, action: 'generated', reasons: [] } : { id: saRow.name, action: 'reused', reasons: [], source: foundSa.source });
  }
  for (const instance of survey.signed) {
    const ca = cas.get(instance.row.ca) ?? unreachable(`CA ${instance.row.ca}`);
    const assessment = survey.assessments.get(instance.id) ?? unreachable(instance.id);
    const material = assessment.kind === 'reuse' ? assessment : issue(instance, { ca, key: nextKey(), now, seconds: context.leafSeconds, spec });
    const input = { id: instance.id, node: instance.node, certPem: material.certPem, keyPem: material.keyPem, spec };
    items.push(instance.row.kind === 'leaf' ? leafItem(instance.row, input) : kubeconfigItem(instance.row, { ...input, ca }));
    decisions.push(decide(instance.id, assessment));
  }
  return { spec, cas, items, decisions };
}

function newCa(row: CaRow, key: KeyPair, validity: { now: Date; seconds: number }): PkiCa {
  const certPem = issueCaCertificate({ subject: { commonName: row.subject.commonName, organizations: row.subject.organizations }, key, validity });
  return { name: row.name, cert: new X509Certificate(certPem), certPem, keyPem: key.privateKeyPem };
}

function issue(instance: SignedInstance, options: { ca: PkiCa; key: KeyPair; now: Date; seconds: number; spec: PkiClusterSpec }): { certPem: string; keyPem: string } {
  const { ca, key, now, seconds, spec } = options;
  const caKey = loadPrivateKey(ca.keyPem ?? unreachable(`key of CA ${ca.name}`));
  const request = certRequest(instance.row, instance.node, spec);
  const certPem = issueLeafCertificate({ request, key, ca: { cert: ca.cert, key: caKey }, validity: { now, seconds } });
  return { certPem, keyPem: key.privateKeyPem };
}

function decide(id: string, assessment: Assessment): PkiDecision {
  if (assessment.kind === 'reuse') {
    const action = assessment.rerender.length > 0 ? 'rerendered' : 'reused';
    return { id, action, reasons: assessment.rerender, source: assessment.source };
  }
  const fresh = assessment.reasons.length === 1 && (assessment.reasons[0] === 'missing' || assessment.reasons[0] === 'new CA');
  return { id, action: fresh ? 'generated' : 'reissued', reasons: fresh ? [] : assessment.reasons };
}

/** With an external CA kit may issue nothing for it: every such leaf must already be there and valid. */
function rejectExternalCaGaps(signed: readonly SignedInstance[], assessments: ReadonlyMap<string, Assessment>, cas: ReadonlyMap<CaName, PkiCa | undefined>): void {
  const gaps = signed.flatMap((instance) => {
    const assessment = assessments.get(instance.id);
    const ca = cas.get(instance.row.ca);
    if (ca === undefined || ca.keyPem !== undefined || assessment?.kind !== 'issue') return [];
    const path = instance.row.kind === 'leaf' ? instance.row.certPath : instance.row.path;
    return [`${instance.id} (${path}): ${assessment.reasons.join('; ')}`];
  });
  if (gaps.length === 0) return;
  throw new PkiError(`external CA mode: kit holds no CA key, so it cannot issue these:\n  ${gaps.join('\n  ')}`, {
    hint: 'Issue them with your CA (same subject, SANs and usages as `kit certs list` shows) and place them in --pki-dir (nodes/<node>/... for per-node files) or on the hosts.',
  });
}

function unreachable(what: string): never {
  throw new Error(`internal: ${what} missing`);
}
