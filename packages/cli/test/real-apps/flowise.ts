import type { RealApp } from "./real-app";

/**
 * Flowise (https://github.com/FlowiseAI/Flowise), the server package `flowise` on npm: 33
 * entities (chat flows, messages, document stores, evaluations, and the workspace/user
 * entities under `enterprise/`). It runs on SQLite (sqlite3 driver), MySQL/MariaDB and
 * PostgreSQL with TypeORM 0.3, so it is tested on all three.
 */
export const FLOWISE: RealApp = {
  name: "flowise",
  npmPackage: "flowise",
  version: "3.1.4",
  licence: "Apache-2.0, except dist/enterprise (FlowiseAI commercial licence; fetched at test time only, never committed)",
  typeorm: "0.3",
  engines: ["postgres", "mariadb", "sqlite3"],
  tables: 33,
  copy: ["dist/database/entities/", "dist/enterprise/database/entities/"],
  stubs: {
    "dist/Interface.js": {
      why: "ChatMessageFeedback and DocumentStore import it only for TypeScript types; the real module pulls in the whole server",
      content: '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n',
    },
  },
  entitiesModule: 'const { entities } = require("../app/dist/database/entities");\nmodule.exports = Object.values(entities);\n',
  // As Flowise's own DataSource sets it on MySQL and MariaDB (docs/real-apps.md).
  dataSourceOptions: { mariadb: 'charset: "utf8mb4",' },
};
