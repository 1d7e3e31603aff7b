import { z } from 'zod';
import { checked } from './checked.ts';
import { localPathSchema } from './common-schemas.ts';
import { checkHttpUrl } from './field-checks.ts';

export const ArtifactsSchema = z
  .strictObject({
    source: z.enum(['download', 'bundle', 'os-packages']).default('download').meta({
      description:
        'Where binaries come from. download: the upstream release layout (optionally from mirror). bundle: an offline folder or tarball (path). ' +
        "os-packages: containerd and runc from the hosts' package manager.",
    }),
    mirror: checked(z.string(), checkHttpUrl)
      .optional()
      .meta({ description: 'Base URL serving the upstream download layout (source: download only).', examples: ['https://mirror.example.com/kubernetes'] }),
    path: localPathSchema('Offline bundle: a folder or tarball (source: bundle only; relative to the inventory file).', './kit-bundle-v1.37.1.tar.gz').optional(),
    cacheDir: localPathSchema('Folder on the machine running kit where downloaded artifacts are kept between runs.', '~/.cache/kit').default('~/.cache/kit'),
  })
  .meta({ description: 'Where the Kubernetes, etcd, containerd and CNI binaries come from.' });
