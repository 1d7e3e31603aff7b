import { certFacts, parseCertificate, signedBy } from './cert-inspect.ts';
import { caRow } from './cert-list.ts';
import { certRequest } from './cert-request.ts';
import type { CaName, SignedRow } from './cert-row.ts';
import { parseKubeconfig } from './kubeconfig.ts';
import type { FileMap, PkiCa } from './pki.ts';
import type { PkiClusterSpec } from './pki-cluster-spec.ts';
import { PkiError } from './pki-error.ts';
import type { RenewTarget } from './renew-targets.ts';
import { resolveCa } from './resolve-shared.ts';
import { receivingNodes } from './row-instances.ts';

/** What one host holds for a target now: kit's (signed by the CA in use), someone else's, or nothing. */
export interface HeldCert {
  readonly host: string;
  readonly state: 'ours' | 'foreign' | 'missing';
  readonly notAfter?: string;
  readonly serial?: string;
  readonly problem?: string;
}

export interface RenewalEntry {
  readonly target: RenewTarget;
  /** Hosts that receive the new certificate. */
  readonly hosts: readonly string[];
  readonly held: readonly HeldCert[];
  /** How the new certificate differs from the one it replaces besides validity (`SANs +x`). */
  readonly changes: readonly string[];
}

export interface RenewalPlan {
  /** The CAs that sign, with their keys: in memory only. */
  readonly cas: ReadonlyMap<CaName, PkiCa>;
  readonly entries: readonly RenewalEntry[];
}

export interface PlanRenewalOptions {
  readonly spec: PkiClusterSpec;
  readonly targets: readonly RenewTarget[];
  /** What the hosts hold (`renewReadRequest`): CA certificates, the first control plane's CA keys, the targets' files. */
  readonly onHosts: ReadonlyMap<string, FileMap>;
  /** Replace certificates some other CA signed instead of refusing. */
  readonly force?: boolean;
}

/**
 * Decides everything a renewal does before anything is issued or written: the CAs must be the
 * cluster's and hold their keys; a certificate some other CA signed is reported, not replaced,
 * unless `force`.
 */
export function planRenewal(options: PlanRenewalOptions): RenewalPlan {
  const cas = signingCas(options);
  const entries = options.targets.map((target): RenewalEntry => {
    const ca = cas.get(target.row.ca) ?? unreachable(target.row.ca);
    const hosts = (target.node === undefined ? receivingNodes(target.row, options.spec) : [target.node]).map((node) => node.name);
    const held = hosts.map((host) => heldCert(target.row, options.onHosts.get(host), { host, ca }));
    return { target, hosts, held, changes: changesOf(target, held, options) };
  });
  const foreign = entries.flatMap((entry) => entry.held.filter((held) => held.state === 'foreign').map((held) => ({ entry, held })));
  if (foreign.length > 0 && options.force !== true) {
    const lines = foreign.map(({ entry, held }) => `${held.host}: ${pathOf(entry.target.row)} (${entry.target.id}): ${held.problem ?? 'foreign'}`);
    throw new PkiError(`certificates not issued by the cluster's CAs were found; kit leaves them alone:\n  ${lines.join('\n  ')}`, {
      hint: 'Someone replaced them by hand. Keep them by naming only the other certificates, or replace them with ones kit issues: add --force.',
    });
  }
  return { cas, entries };
}

function signingCas(options: PlanRenewalOptions): ReadonlyMap<CaName, PkiCa> {
  const names = [...new Set(options.targets.map((target) => target.row.ca))];
  const cas = new Map<CaName, PkiCa>();
  const external: string[] = [];
  const first = options.spec.controlPlanes[0]?.name ?? '?';
  for (const name of names) {
    const row = caRow(name);
    const ca = resolveCa(row, options.spec, { onHosts: options.onHosts });
    if (ca === undefined) throw new PkiError(`no ${name} CA certificate (${row.certPath}) on any control plane`, { hint: 'This cluster has no PKI yet: run `kit apply` first.' });
    if (ca.keyPem === undefined) external.push(`${name}: ${first} has ${row.certPath} but not ${row.keyPath}`);
    cas.set(name, ca);
  }
  if (external.length > 0) {
    const affected = options.targets.filter((target) => cas.get(target.row.ca)?.keyPem === undefined).map((target) => target.id);
    throw new PkiError(`cannot renew ${affected.join(', ')}: kit holds no key of their CA (external CA):\n  ${external.join('\n  ')}`, {
      hint: `Renew these with your CA (same subject, SANs and usages; \`kit certs list\` shows them) and place them on the hosts. If the key was only lost on ${first}, run \`kit apply\` to put it back from another control plane.`,
    });
  }
  return cas;
}

function heldCert(row: SignedRow, files: FileMap | undefined, context: { host: string; ca: PkiCa }): HeldCert {
  const content = files?.get(pathOf(row));
  if (content === undefined) return { host: context.host, state: 'missing' };
  const pem = row.kind === 'kubeconfig' ? parseKubeconfig(content)?.clientCertPem : content;
  const cert = pem === undefined ? undefined : parseCertificate(pem);
  if (cert === undefined) return { host: context.host, state: 'foreign', problem: row.kind === 'kubeconfig' ? 'no client certificate in it' : 'not a certificate' };
  const facts = { notAfter: cert.validToDate.toISOString(), serial: cert.serialNumber };
  if (!signedBy(cert, context.ca.cert)) return { host: context.host, state: 'foreign', ...facts, problem: `signed by ${certFacts(cert).issuer}, not by the ${context.ca.name} CA` };
  return { host: context.host, state: 'ours', ...facts };
}

/** Subject and SAN drift between what a host holds and what the inventory asks for now. */
function changesOf(target: RenewTarget, held: readonly HeldCert[], options: PlanRenewalOptions): string[] {
  const request = certRequest(target.row, target.node, options.spec);
  const want = [...request.sans.dnsNames, ...request.sans.ipAddresses];
  const changes = new Set<string>();
  for (const { host } of held.filter((entry) => entry.state === 'ours')) {
    const content = options.onHosts.get(host)?.get(pathOf(target.row));
    const pem = target.row.kind === 'kubeconfig' ? parseKubeconfig(content ?? '')?.clientCertPem : content;
    const cert = pem === undefined ? undefined : parseCertificate(pem);
    if (cert === undefined) continue;
    const facts = certFacts(cert);
    const have = [...facts.sans.dnsNames, ...facts.sans.ipAddresses];
    const diff = [...want.filter((name) => !have.includes(name)).map((name) => `+${name}`), ...have.filter((name) => !want.includes(name)).map((name) => `-${name}`)];
    if (diff.length > 0) changes.add(`SANs ${diff.join(' ')}`);
    if (facts.subject.commonName !== request.subject.commonName) changes.add(`CN ${facts.subject.commonName} → ${request.subject.commonName}`);
  }
  return [...changes];
}

export function pathOf(row: SignedRow): string {
  return row.kind === 'leaf' ? row.certPath : row.path;
}

function unreachable(what: string): never {
  throw new Error(`internal: CA ${what} missing from the plan`);
}
