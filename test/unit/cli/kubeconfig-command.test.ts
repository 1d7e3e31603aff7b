import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliContext, GlobalFlags } from '../../../src/cli/cli-context.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { isKitError } from '../../../src/errors/kit-error.ts';

function program(): ReturnType<typeof buildProgram> {
  const makeContext = (flags: GlobalFlags): CliContext => ({ flags, signal: new AbortController().signal, stdout: () => undefined, stderr: () => undefined, isTty: false });
  return buildProgram(makeContext);
}

async function usageError(argv: string[]): Promise<string> {
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (isKitError(error) && error.code === 'USAGE') return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('kit kubeconfig and kit status command lines', () => {
  it('refuses a --server that is not an https URL before reading the inventory', async () => {
    assert.match(await usageError(['kubeconfig', '-f', 'does-not-exist.yaml', '--server', 'http://198.18.0.11:6443']), /--server http:\/\/198\.18\.0\.11:6443 is not an https URL/u);
    assert.match(await usageError(['kubeconfig', '-f', 'does-not-exist.yaml', '--server', 'cp1:6443']), /is not an https URL|is not a URL/u);
  });

  it('refuses a --warn-within that is not a duration before reading the inventory', async () => {
    assert.match(await usageError(['status', '-f', 'does-not-exist.yaml', '--warn-within', 'soon']), /--warn-within soon is not a duration/u);
  });
});
