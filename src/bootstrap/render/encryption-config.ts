import type { ClusterSpec } from '../spec/cluster-spec.ts';
import { EncryptionKeyError } from './encryption-key-error.ts';
import { renderYamlDocument } from './yaml-document.ts';

export interface EncryptionKey {
  /** Stays with the data it encrypted: name a new key, never reuse a name. */
  readonly name: string;
  /** 32 random bytes, base64. Generated and stored by the caller, never here. */
  readonly secret: string;
}

export interface EncryptionConfigOptions {
  readonly cluster: ClusterSpec;
  /** The first key encrypts; all of them decrypt (keep old ones while rotating). */
  readonly keys: readonly EncryptionKey[];
}

/**
 * The API server's EncryptionConfiguration for Secrets: secretbox (XSalsa20-Poly1305), then
 * `identity` so Secrets written before encryption was switched on stay readable. The result
 * holds key material: write it 0600 and never log it.
 */
export function renderEncryptionConfig(options: EncryptionConfigOptions): string {
  checkKeys(options.keys);
  return renderYamlDocument({
    apiVersion: options.cluster.version.traits.configApis.encryption,
    kind: 'EncryptionConfiguration',
    resources: [
      {
        resources: ['secrets'],
        providers: [{ secretbox: { keys: options.keys.map(({ name, secret }) => ({ name, secret })) } }, { identity: {} }],
      },
    ],
  });
}

function checkKeys(keys: readonly EncryptionKey[]): void {
  if (keys.length === 0) throw new EncryptionKeyError('no key was given');
  const names = new Set<string>();
  for (const key of keys) {
    if (!/^[a-z0-9][a-z0-9-]*$/u.test(key.name)) throw new EncryptionKeyError(`key name "${key.name}" is not lowercase letters, digits and dashes`);
    if (names.has(key.name)) throw new EncryptionKeyError(`key name "${key.name}" is used twice`);
    names.add(key.name);
    // The message names the key, never its secret.
    if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(key.secret) || Buffer.from(key.secret, 'base64').length !== 32) {
      throw new EncryptionKeyError(`key "${key.name}" is not 32 bytes in base64`);
    }
  }
}
