#!/usr/bin/env node
// The installed command: a committed shim, so package managers can link it before dist/ is built.
import '../dist/cli.js';
