import { z } from 'zod';
import { checked } from './checked.ts';
import { checkAddress, checkHostKey, checkLocalPath, checkSshUser } from './field-checks.ts';

/** Building blocks several sections share; every one carries its description for editors. */
export function portSchema(description: string): z.ZodInt {
  return z.int().min(1).max(65535).meta({ description, examples: [22] });
}

export function addressSchema(description: string, example: string): z.ZodString {
  return checked(z.string(), checkAddress).meta({ description, examples: [example] });
}

export function localPathSchema(description: string, example: string): z.ZodString {
  return checked(z.string(), checkLocalPath).meta({ description, examples: [example] });
}

export function sshUserSchema(description: string): z.ZodString {
  return checked(z.string(), checkSshUser).meta({ description, examples: ['root', 'ubuntu'] });
}

export function hostKeySchema(description: string): z.ZodString {
  return checked(z.string(), checkHostKey).meta({ description, examples: ['SHA256:wS0m2mXn0CUbXbd8N1jZ0U6qKvYJ4p5c6G8bH1mWk2o'],
    pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$',
  });
}

export const BastionSchema = z
  .strictObject({
    address: addressSchema('Address of the jump host kit connects through (IP or DNS name).', '203.0.113.5'),
    port: portSchema('SSH port of the jump host.').default(22),
    user: sshUserSchema("User on the jump host. Default: the target host's SSH user.").optional(),
    keyFile: localPathSchema("Private key for the jump host. Default: the target host's keyFile.", '~/.ssh/bastion_ed25519').optional(),
    hostKey: hostKeySchema('Pinned host-key fingerprint of the jump host; when set, knownHostsFile is not consulted for it.').optional(),
  })
  .meta({ description: 'A jump host (like `ssh -J`): kit opens its SSH connection to the target through this one.' });
