#!/usr/bin/env node
// The `lockstep` command: runs the built CLI and exits with its code (non-zero on findings).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), out: (line) => console.log(line), err: (line) => console.error(line) });
