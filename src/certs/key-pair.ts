import { createPrivateKey, createPublicKey, generateKeyPair as generateNativeKeyPair } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyAlgorithm } from './pki-cluster-spec.ts';

const generate = promisify(generateNativeKeyPair);

export interface KeyPair {
  readonly privateKey: KeyObject;
  /** PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`), the formats kubeadm writes. */
  readonly privateKeyPem: string;
  /** SubjectPublicKeyInfo PEM (`PUBLIC KEY`), as kubeadm's sa.pub. */
  readonly publicKeyPem: string;
  /** DER SubjectPublicKeyInfo: what a certificate embeds. */
  readonly spkiDer: Buffer;
}

/**
 * Generates with node:crypto's async API: OpenSSL does the work on libuv's thread pool, so many
 * keys are made in parallel and far faster than a pure-JavaScript generator (see bench/pki.ts).
 */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<KeyPair> {
  const { privateKey } =
    algorithm === 'ecdsa-p256'
      ? await generate('ec', { namedCurve: 'prime256v1' })
      : await generate('rsa', { modulusLength: rsaBits(algorithm), publicExponent: 0x10001 });
  return keyPairOf(privateKey);
}

/** Starts every generation at once; the thread pool bounds how many really run together. */
export function generateKeyPairs(algorithm: KeyAlgorithm, count: number): Promise<KeyPair[]> {
  return Promise.all(Array.from({ length: count }, () => generateKeyPair(algorithm)));
}

/** Throws node:crypto's error when the text is no private key. */
export function loadPrivateKey(pem: string | Buffer): KeyPair {
  return keyPairOf(createPrivateKey(pem));
}

function keyPairOf(privateKey: KeyObject): KeyPair {
  const publicKey = createPublicKey(privateKey);
  const privateKeyPem =
    privateKey.asymmetricKeyType === 'ec'
      ? privateKey.export({ type: 'sec1', format: 'pem' })
      : privateKey.export({ type: 'pkcs1', format: 'pem' });
  return {
    privateKey,
    privateKeyPem: String(privateKeyPem),
    publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
    spkiDer: publicKey.export({ type: 'spki', format: 'der' }),
  };
}

function rsaBits(algorithm: Exclude<KeyAlgorithm, 'ecdsa-p256'>): number {
  return { 'rsa-2048': 2048, 'rsa-3072': 3072, 'rsa-4096': 4096 }[algorithm];
}
