import { defineConfig } from "@retort/cli";

export default defineConfig({
  dataSource: "./src/data-source.ts",
  migrations: "./migrations",
});
