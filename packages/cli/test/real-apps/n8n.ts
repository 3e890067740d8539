import type { RealApp } from "./real-app";

const cjs = (body: string) => `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${body}`;

/** Decorator factories that do nothing: validation, not schema. */
const NO_OP_DECORATORS = 'module.exports = new Proxy({ __esModule: true }, { get: (t, k) => (k in t ? t[k] : () => () => undefined) });\n';

/**
 * n8n (https://github.com/n8n-io/n8n), the package `n8n` on npm: the workflow server's 27
 * entities (workflows, executions, credentials, users, projects, tags, annotations, …).
 * Its column types and timestamp defaults depend on DB_TYPE, read while the entity files
 * load; it runs on SQLite (sqlite3 driver), PostgreSQL and (deprecated in 1.x) MySQL/MariaDB.
 */
export const N8N: RealApp = {
  name: "n8n",
  npmPackage: "n8n",
  version: "1.60.0",
  licence: "Sustainable Use License (fair-code), .ee. files under the n8n Enterprise licence; fetched at test time only, never committed",
  typeorm: "0.3",
  engines: ["postgres", "mariadb", "sqlite3"],
  // 27 entities: AuthUser maps the user table too.
  tables: 26,
  copy: ["dist/databases/entities/"],
  stubs: {
    "node_modules/@n8n/typeorm/index.js": {
      why: "n8n builds on its own TypeORM fork, @n8n/typeorm 0.3.20-10; the project's TypeORM 0.3 stands in for it",
      content: 'module.exports = require("typeorm");\n',
    },
    "node_modules/@n8n/config/index.js": { why: "only the GlobalConfig class is used, as a typedi token", content: cjs("exports.GlobalConfig = class GlobalConfig {};\n") },
    "node_modules/typedi/index.js": {
      why: "the entities ask the container for GlobalConfig's database.type, which n8n reads from DB_TYPE",
      content: cjs('exports.Container = { get: () => ({ database: { type: process.env.DB_TYPE || "sqlite" } }) };\n'),
    },
    "node_modules/class-validator/index.js": { why: "validation decorators only", content: NO_OP_DECORATORS },
    "dist/validators/no-xss.validator.js": { why: "a validation decorator only (needs xss)", content: NO_OP_DECORATORS },
    "dist/validators/no-url.validator.js": { why: "a validation decorator only", content: NO_OP_DECORATORS },
    "node_modules/@n8n/permissions/index.js": { why: "User.hasGlobalScope only, at run time", content: cjs("exports.hasScope = () => false;\n") },
    "dist/permissions/global-roles.js": {
      why: "the role → scopes table User reads at run time",
      content: cjs("exports.GLOBAL_OWNER_SCOPES = [];\nexports.GLOBAL_MEMBER_SCOPES = [];\nexports.GLOBAL_ADMIN_SCOPES = [];\n"),
    },
    "dist/databases/utils/transformers.js": {
      why: "value transformers (lower-casing, JSON, id to string) change values, not the schema; the real module needs n8n-workflow",
      content: cjs(
        "const same = { to: (v) => v, from: (v) => v };\nexports.idStringifier = same;\nexports.lowerCaser = same;\nexports.objectRetriever = same;\nexports.sqlite = { jsonColumn: same };\n",
      ),
    },
    "dist/databases/utils/generators.js": {
      why: "generateNanoId runs only in @BeforeInsert hooks; the real module needs nanoid and n8n-workflow",
      content: cjs("exports.generateNanoId = () => Date.now().toString(36);\n"),
    },
  },
  patches: [
    {
      file: "dist/databases/entities/execution-entity.js",
      find: "(0, typeorm_1.Generated)(),\n    (0, typeorm_1.PrimaryColumn)({ transformer: transformers_1.idStringifier }),",
      replace: '(0, typeorm_1.Generated)(),\n    (0, typeorm_1.PrimaryColumn)({ type: "integer", transformer: transformers_1.idStringifier }),',
      why: "ExecutionEntity.id is a string in TypeScript (design:type String) but auto-incremented: TypeORM would make it an auto-incremented varchar, which no engine accepts; n8n's migrations make it an integer",
    },
    {
      file: "dist/databases/entities/execution-data.js",
      find: "(0, typeorm_1.PrimaryColumn)({ transformer: transformers_1.idStringifier }),",
      replace: '(0, typeorm_1.PrimaryColumn)({ type: "integer", transformer: transformers_1.idStringifier }),',
      why: "the key referencing ExecutionEntity.id, integer as in n8n's migrations",
    },
    {
      file: "dist/databases/entities/execution-metadata.js",
      find: "(0, typeorm_1.Column)(),\n    __metadata(\"design:type\", String)\n], ExecutionMetadata.prototype, \"executionId\"",
      replace: '(0, typeorm_1.Column)({ type: "integer" }),\n    __metadata("design:type", String)\n], ExecutionMetadata.prototype, "executionId"',
      why: "the key referencing ExecutionEntity.id, integer as in n8n's migrations",
    },
    {
      file: "dist/databases/entities/webhook-entity.js",
      find: "(0, typeorm_1.PrimaryColumn)({ type: 'text' }),",
      replace: "(0, typeorm_1.PrimaryColumn)({ type: 'varchar' }),",
      why: "WebhookEntity's primary key holds `method`, a text column, which InnoDB cannot index whole, so TypeORM's synchronize fails on MariaDB; n8n's MySQL migrations make it a varchar",
      engines: ["mariadb"],
    },
  ],
  entitiesModule: 'const { entities } = require("../app/dist/databases/entities");\nmodule.exports = Object.values(entities);\n',
  // n8n's DB_TYPE values for the three engines.
  environment: { postgres: { DB_TYPE: "postgresdb" }, mariadb: { DB_TYPE: "mariadb" }, sqlite3: { DB_TYPE: "sqlite" } },
};
