#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled dist/ tree (run `npm run build` first).
import { runCli } from "../dist/src/cli/main.js";

process.exitCode = await runCli(process.argv);
