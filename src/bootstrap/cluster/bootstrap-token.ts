import { randomInt } from 'node:crypto';

/**
 * A kubeadm-style bootstrap token (`abcdef.0123456789abcdef`): the id names the Secret and is
 * public, the secret half authenticates the joining kubelet and must never be logged.
 */
export interface BootstrapToken {
  readonly id: string;
  readonly secret: string;
  readonly expiresAt: Date;
}

/** The group a joining kubelet is in while it uses a kit token; the RBAC bindings name it. */
export const BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kit:default-node-token';
/** kit creates a token per join and deletes it afterwards; the TTL only bounds a run that dies. */
export const DEFAULT_TOKEN_TTL_MS = 30 * 60 * 1000;
export const TOKEN_ID_PATTERN = /^[a-z0-9]{6}$/u;
export const TOKEN_PATTERN = /[a-z0-9]{6}\.[a-z0-9]{16}/u;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function generateBootstrapToken(ttlMs = DEFAULT_TOKEN_TTL_MS, now = new Date()): BootstrapToken {
  return { id: randomString(6), secret: randomString(16), expiresAt: new Date(now.getTime() + ttlMs) };
}

export function tokenString(token: BootstrapToken): string {
  return `${token.id}.${token.secret}`;
}

export function tokenSecretName(id: string): string {
  return `bootstrap-token-${id}`;
}

/** The Secret the API server's bootstrap authenticator and the bootstrap signer read. */
export function bootstrapTokenSecret(token: BootstrapToken): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'bootstrap.kubernetes.io/token',
    metadata: { name: tokenSecretName(token.id), namespace: 'kube-system', labels: { 'app.kubernetes.io/managed-by': 'kit' } },
    stringData: {
      'description': 'kit: joins nodes during one kit run, deleted afterwards',
      'token-id': token.id,
      'token-secret': token.secret,
      'expiration': token.expiresAt.toISOString().replace(/\.\d{3}Z$/u, 'Z'),
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': BOOTSTRAP_TOKEN_GROUP,
    },
  };
}

function randomString(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}
