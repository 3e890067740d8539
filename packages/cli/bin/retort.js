#!/usr/bin/env node
"use strict";
// V8's young generation doubles up to 2 × 16 MB as a run allocates; kept at its first
// size, a check at 1,000 entities peaks about 25 MB lower at the same CPU time
// (docs/performance.md, "Memory"). Set at run time: a flag on the command line would
// need a second process.
require("v8").setFlagsFromString("--semi-space-growth-factor=1");
// Before anything else is required, so that retort, TypeORM and the entities all load
// from V8's code cache.
require("@retort/loader/code-cache").installCodeCache();
const argv = process.argv.slice(2);
require("../dist/src/crash-handlers").installCrashHandlers(argv);
require("../dist/src/main").main(argv).then((code) => {
  process.exitCode = code;
});
