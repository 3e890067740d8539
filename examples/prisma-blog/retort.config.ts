import { defineConfig } from "@retort/cli";

export default defineConfig({
  prisma: "./prisma/schema.prisma",
  migrations: "./migrations",
});
