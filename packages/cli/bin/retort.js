#!/usr/bin/env node
"use strict";
// Before anything else is required, so that retort, TypeORM and the entities all load
// from V8's code cache.
require("@retort/loader/code-cache").installCodeCache();
require("../dist/src/main").main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
