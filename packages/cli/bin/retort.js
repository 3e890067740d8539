#!/usr/bin/env node
"use strict";
// Before anything else is required, so that retort, TypeORM and the entities all load
// from V8's code cache.
require("@retort/loader/code-cache").installCodeCache();
const argv = process.argv.slice(2);
require("../dist/src/crash-handlers").installCrashHandlers(argv);
require("../dist/src/main").main(argv).then((code) => {
  process.exitCode = code;
});
