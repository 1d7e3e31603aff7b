import type { PathProblem } from '../inventory-problem.ts';
import { DEFAULT_CA_VALIDITY_DAYS, DEFAULT_CERTIFICATE_VALIDITY_DAYS } from '../schema/pki-schema.ts';
import { intAt, stringAt, valueAt } from './raw-access.ts';

/** Fields that only make sense together: what a choice requires, and what it leaves unused. */
export function checkSections(raw: unknown): PathProblem[] {
  return [...checkNetwork(raw), ...checkArtifacts(raw), ...checkPki(raw)];
}

function checkNetwork(raw: unknown): PathProblem[] {
  const plugin = stringAt(raw, 'network', 'plugin') ?? 'vxlan';
  const has = (key: string): boolean => valueAt(raw, 'network', key) !== undefined;
  if (plugin === 'manifest') {
    return [
      ...(has('manifest') ? [] : [{ path: ['network', 'manifest'], message: 'manifest is required when plugin is manifest', hint: 'Set network.manifest to the URL or file path of the CNI manifest.' }]),
      ...(has('vxlan') ? [unused(['network', 'vxlan'], 'vxlan settings are not used with plugin: manifest', 'Remove network.vxlan, or set plugin: vxlan.')] : []),
    ];
  }
  if (plugin === 'vxlan' && has('manifest')) return [unused(['network', 'manifest'], 'manifest is only used with plugin: manifest', 'Remove network.manifest, or set plugin: manifest.')];
  return [];
}

function checkArtifacts(raw: unknown): PathProblem[] {
  const source = stringAt(raw, 'artifacts', 'source') ?? 'download';
  const has = (key: string): boolean => valueAt(raw, 'artifacts', key) !== undefined;
  const problems: PathProblem[] = [];
  if (source === 'bundle' && !has('path')) {
    problems.push({ path: ['artifacts', 'path'], message: 'path is required when source is bundle', hint: 'Set artifacts.path to the offline bundle (a folder or a .tar.gz).' });
  }
  if (source !== 'bundle' && has('path')) problems.push(unused(['artifacts', 'path'], 'path is only used with source: bundle', 'Remove artifacts.path, or set source: bundle.'));
  if (source !== 'download' && has('mirror')) problems.push(unused(['artifacts', 'mirror'], 'mirror is only used with source: download', 'Remove artifacts.mirror, or set source: download.'));
  return problems;
}

function checkPki(raw: unknown): PathProblem[] {
  const problems: PathProblem[] = [];
  if (stringAt(raw, 'pki', 'keyType') === 'ecdsa' && valueAt(raw, 'pki', 'keySize') !== undefined) {
    problems.push(unused(['pki', 'keySize'], 'keySize applies to RSA keys only', 'Remove keySize: ecdsa keys are P-256.'));
  }
  const leaf = intAt(raw, 'pki', 'certificateValidityDays') ?? DEFAULT_CERTIFICATE_VALIDITY_DAYS;
  const ca = intAt(raw, 'pki', 'caValidityDays') ?? DEFAULT_CA_VALIDITY_DAYS;
  if (leaf > ca) {
    problems.push({
      path: ['pki', valueAt(raw, 'pki', 'certificateValidityDays') === undefined ? 'caValidityDays' : 'certificateValidityDays'],
      message: `certificates would outlive their CA: certificateValidityDays ${leaf} > caValidityDays ${ca}`,
      hint: 'Lower certificateValidityDays or raise caValidityDays.',
    });
  }
  return problems;
}

/** A field that is set but would be ignored: an error, so nobody believes it took effect. */
function unused(path: readonly string[], message: string, hint: string): PathProblem {
  return { path, message, hint, atKey: true };
}
