import { createHash, X509Certificate } from 'node:crypto';

/**
 * kubeadm's `--discovery-token-ca-cert-hash`: `sha256:` and the hex SHA-256 of the CA
 * certificate's DER SubjectPublicKeyInfo. Pinning the key, not the certificate, survives
 * a re-issued CA certificate with the same key.
 */
export function discoveryTokenCaCertHash(caCertPem: string | Buffer): string {
  const spki = new X509Certificate(caCertPem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}
