import { z } from 'zod';

export const RSA_KEY_SIZES = [2048, 3072, 4096] as const;
export const DEFAULT_RSA_KEY_SIZE = 2048;
export const DEFAULT_CERTIFICATE_VALIDITY_DAYS = 365;
export const DEFAULT_CA_VALIDITY_DAYS = 3650;

const days = (description: string, fallback: number): z.ZodDefault<z.ZodInt> =>
  z.int().min(1).max(36_500).default(fallback).meta({ description, examples: [fallback] });

export const PkiSchema = z
  .strictObject({
    keyType: z
      .enum(['rsa', 'ecdsa'])
      .default('rsa')
      .meta({ description: 'Key algorithm for every CA, certificate and the service-account key pair. ecdsa means ECDSA P-256.' }),
    keySize: z
      .literal(RSA_KEY_SIZES)
      .optional()
      .meta({ description: 'RSA key size in bits (keyType rsa only).', default: DEFAULT_RSA_KEY_SIZE, examples: [DEFAULT_RSA_KEY_SIZE] }),
    certificateValidityDays: days('How long leaf certificates (API server, kubelet clients, etcd) are valid; at most caValidityDays.', DEFAULT_CERTIFICATE_VALIDITY_DAYS),
    caValidityDays: days('How long the CAs are valid.', DEFAULT_CA_VALIDITY_DAYS),
  })
  .meta({ description: 'The cluster PKI kit generates.' });
