import { HostPool } from '../host/host-pool.ts';
import type { Logger } from '../workflow/logger.ts';
import type { CliContext } from './cli-context.ts';

/** Opens one SSH connection per host on demand for the body, and closes them all after. */
export async function withHostPool<T>(context: CliContext, body: (pool: HostPool) => Promise<T>): Promise<T> {
  const logger: Logger = {
    log: (event) => {
      if (event.level === 'debug' && !context.flags.debug) return;
      if (context.flags.output === 'json') context.stdout(`${JSON.stringify({ type: 'log', ...event })}\n`);
      else context.stderr(`${event.level}: ${event.host === undefined ? '' : `${event.host}: `}${event.message}\n`);
    },
  };
  const pool = new HostPool({ acceptNewHostKeys: context.flags.acceptNewHostKeys, logger, signal: context.signal });
  try {
    return await body(pool);
  } finally {
    await pool.closeAll();
  }
}
