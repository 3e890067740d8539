export * from "./typescript-hook";
export * from "./load-module";
export * from "./code-cache";
export { cacheDir, projectRoot } from "./cache-folder";
export { formatOf, type ModuleFormat } from "./module-format";
export { compileTypeScript, loadCompilerAhead } from "./typescript-compile";
export { loadedUserModules } from "./loaded-modules";
export { precompileAhead, type Precompiler } from "./precompile-ahead";
export { compileCacheMisses } from "./compile-cache";
