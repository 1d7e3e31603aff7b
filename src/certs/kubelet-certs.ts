/**
 * Certificates on a node that kit does not issue but reports expiry for: the kubelet makes
 * and rotates them itself (a client certificate through CSRs signed by the cluster CA, a
 * serving certificate it signs itself unless serving TLS bootstrap is on).
 */
export interface KubeletCert {
  readonly name: string;
  readonly description: string;
  /** May hold the certificate and its key (and a chain): the first certificate counts. */
  readonly path: string;
  /** The CA that should sign it; `self-signed` when the kubelet signs it itself. */
  readonly ca: 'ca' | 'self-signed';
}

export const KUBELET_CERTS: readonly KubeletCert[] = Object.freeze([
  Object.freeze({ name: 'kubelet-client-current', description: 'the kubelet\'s client certificate, rotated by the kubelet', path: '/var/lib/kubelet/pki/kubelet-client-current.pem', ca: 'ca' }),
  Object.freeze({ name: 'kubelet-serving', description: 'the kubelet\'s serving certificate, made by the kubelet', path: '/var/lib/kubelet/pki/kubelet.crt', ca: 'self-signed' }),
  // Present instead of kubelet.crt when serving TLS bootstrap is on (serverTLSBootstrap).
  Object.freeze({ name: 'kubelet-server-current', description: 'the kubelet\'s serving certificate, rotated through CSRs', path: '/var/lib/kubelet/pki/kubelet-server-current.pem', ca: 'ca' }),
] satisfies KubeletCert[]);
