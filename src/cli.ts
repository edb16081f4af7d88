#!/usr/bin/env node
import { main } from './cli/main.ts';

// SIGINT/SIGTERM while a server runs are handled by the server cleanup registry: every server
// tree is stopped, then the process exits with 130/143.
process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr });
