import { writeFileSync } from 'node:fs';

/**
 * Loaded with `node --import` into a benchmarked kit process: at exit it writes the process's
 * peak resident set (KiB, from getrusage) to $KIT_BENCH_RSS_FILE. kit itself knows nothing of it.
 */
const target = process.env['KIT_BENCH_RSS_FILE'];
if (target !== undefined && target !== '') {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
