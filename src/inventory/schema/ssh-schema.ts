import { z } from 'zod';
import { BastionSchema, hostKeySchema, localPathSchema, portSchema, sshUserSchema } from './common-schemas.ts';

/** Top-level `ssh`: defaults for every host. */
export const SshDefaultsSchema = z
  .strictObject({
    user: sshUserSchema('SSH user; kit uses sudo when it is not root.').default('root'),
    port: portSchema('SSH port.').default(22),
    keyFile: localPathSchema('Private key file. ~ is your home; relative paths are relative to the inventory file.', '~/.ssh/id_ed25519').default('~/.ssh/id_ed25519'),
    knownHostsFile: localPathSchema('known_hosts file host keys are checked against (and recorded in with --accept-new-host-keys).', '~/.ssh/known_hosts').default(
      '~/.ssh/known_hosts',
    ),
    bastion: BastionSchema.optional().meta({ description: 'Jump host for every host that does not name its own.' }),
  })
  .meta({ description: "Defaults for every host's `ssh` block; a host's own values win." });

/** A host's own `ssh` block: only what differs from the defaults. */
export const HostSshSchema = z
  .strictObject({
    user: sshUserSchema('SSH user for this host. Default: ssh.user.').optional(),
    port: portSchema('SSH port for this host. Default: ssh.port.').optional(),
    keyFile: localPathSchema('Private key for this host. Default: ssh.keyFile.', '~/.ssh/id_ed25519').optional(),
    hostKey: hostKeySchema(
      'Pinned host-key fingerprint (`ssh-keygen -lf` on the server); when set, knownHostsFile is not consulted for this host.',
    ).optional(),
    bastion: BastionSchema.optional().meta({ description: 'Jump host for this host. Default: ssh.bastion.' }),
  })
  .meta({ description: 'SSH settings for this host; anything left out comes from the top-level `ssh` block.' });
