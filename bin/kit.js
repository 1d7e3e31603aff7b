#!/usr/bin/env node
// kit runs its TypeScript sources directly (Node's type stripping); this shim is the `bin` entry.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
