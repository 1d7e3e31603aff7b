import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface MirrorServer {
  /** `http://127.0.0.1:PORT`: the base URL for `artifacts.mirror`. */
  readonly url: string;
  /** Paths asked for, in order. */
  readonly requests: string[];
  /** Replace a path's body (a wrong sum, say) until cleared. */
  readonly overrides: Map<string, string>;
  close(): Promise<void>;
}

/** A static file server on loopback only, serving a mirror folder. */
export async function startMirrorServer(root: string): Promise<MirrorServer> {
  const requests: string[] = [];
  const overrides = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    const override = overrides.get(pathname);
    if (override !== undefined) {
      response.writeHead(200, { 'content-length': Buffer.byteLength(override) }).end(override);
      return;
    }
    const file = path.join(root, ...pathname.split('/').filter((part) => part !== '' && part !== '..'));
    stat(file).then((info) => {
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-length': info.size });
      createReadStream(file).pipe(response);
    }).catch(() => {
      response.writeHead(404).end('not found\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    overrides,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
