import type { RealApp } from "./real-app";

const cjs = (body: string) => `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${body}`;

/** Medusa's feature flags at their 1.20 defaults (docs/real-apps.md lists them). */
const FLAG_DEFAULTS = {
  analytics: true,
  order_editing: true,
  publishable_api_keys: true,
  sales_channels: true,
  product_categories: false,
  tax_inclusive_pricing: false,
  medusa_v2: false,
  workflows: false,
  many_to_many_inventory: false,
};

/**
 * Medusa 1.x (https://github.com/medusajs/medusa, branch v1.x), the package
 * `@medusajs/medusa` on npm: the commerce server's 84 model files (carts, orders, products,
 * prices, regions, taxes, …) on TypeORM 0.3. Medusa runs on PostgreSQL only (jsonb,
 * timestamptz, enum types).
 */
export const MEDUSA: RealApp = {
  name: "medusa",
  npmPackage: "@medusajs/medusa",
  version: "1.20.8",
  licence: "MIT",
  typeorm: "0.3",
  engines: ["postgres"],
  tables: 98,
  copy: [
    "dist/models/",
    "dist/interfaces/models/base-entity.js",
    "dist/interfaces/models/soft-deletable-entity.js",
    "dist/utils/db-aware-column.js",
    "dist/utils/manual-auto-increment.js",
  ],
  stubs: {
    "dist/interfaces/index.js": {
      why: "the models take only BaseEntity and SoftDeletableEntity from it; the real index pulls in services and validators",
      content: cjs('exports.BaseEntity = require("./models/base-entity").BaseEntity;\nexports.SoftDeletableEntity = require("./models/soft-deletable-entity").SoftDeletableEntity;\n'),
    },
    "dist/utils/index.js": {
      why: "the models take only DbAwareColumn, resolveDbType and generateEntityId from it; the real index pulls in the whole server",
      content: cjs(
        'const column = require("./db-aware-column");\nexports.DbAwareColumn = column.DbAwareColumn;\nexports.resolveDbType = column.resolveDbType;\nexports.generateEntityId = require("./generate-entity-id").generateEntityId;\n',
      ),
    },
    "dist/utils/generate-entity-id.js": {
      why: "runs only in @BeforeInsert hooks; the real one needs the ulid package",
      content: cjs('exports.generateEntityId = (id, prefix) => id || `${prefix ? prefix + "_" : ""}${Date.now().toString(36)}`;\n'),
    },
    "dist/utils/feature-flag-decorators.js": {
      why: "the real decorators apply their column and relation decorators in a setImmediate callback and need class-validator; these make the same decisions at once",
      content: cjs(`const typeorm = require("typeorm");
const { featureFlagRouter } = require("../loaders/feature-flags");
const on = (flag) => featureFlagRouter.isFeatureEnabled(flag);
exports.FeatureFlagColumn = (flag, options = {}) => (target, property) => { if (on(flag)) typeorm.Column(options)(target, property); };
exports.FeatureFlagDecorators = (flag, decorators) => (target, property) => { if (on(flag)) decorators.forEach((d) => d(target, property)); };
exports.FeatureFlagClassDecorators = (flag, decorators) => (target) => { if (on(flag)) decorators.forEach((d) => d(target)); };
exports.FeatureFlagEntity = (flag, name, options) => (target) => {
  target.isFeatureEnabled = () => on(flag);
  typeorm.Entity(name, options)(target);
};
`),
    },
    "dist/loaders/feature-flags/index.js": {
      why: "the real loader reads the project's config and environment; this is Medusa's flag router with every flag at its default",
      content: cjs(`const defaults = ${JSON.stringify(FLAG_DEFAULTS)};
exports.featureFlagRouter = {
  isFeatureEnabled(flag) {
    if (typeof flag === "object" && !Array.isArray(flag)) return !!defaults[Object.keys(flag)[0]];
    return (Array.isArray(flag) ? flag : [flag]).every((f) => !!defaults[f]);
  },
};
`),
    },
    "dist/loaders/feature-flags/analytics.js": { why: "only the flag's key is read", content: cjs('exports.default = { key: "analytics" };\n') },
    "dist/loaders/feature-flags/tax-inclusive-pricing.js": { why: "only the flag's key is read", content: cjs('exports.default = { key: "tax_inclusive_pricing" };\n') },
    "dist/types/batch-job.js": {
      why: "BatchJob's hooks read BatchJobStatus; the real module needs class-validator and class-transformer",
      content: cjs(
        'exports.BatchJobStatus = { CREATED: "created", PRE_PROCESSED: "pre_processed", CONFIRMED: "confirmed", PROCESSING: "processing", COMPLETED: "completed", CANCELED: "canceled", FAILED: "failed" };\n',
      ),
    },
    "node_modules/@medusajs/utils/index.js": {
      why: "the models read two flag keys and the PriceList enums (values as in @medusajs/utils 1.11)",
      content: cjs(
        'exports.MedusaV2Flag = { key: "medusa_v2" };\nexports.SalesChannelFeatureFlag = { key: "sales_channels" };\nexports.PriceListStatus = { ACTIVE: "active", DRAFT: "draft" };\nexports.PriceListType = { SALE: "sale", OVERRIDE: "override" };\n',
      ),
    },
    "node_modules/lodash/index.js": {
      why: "Product and ProductCollection call kebabCase in @BeforeInsert hooks only",
      content: cjs('exports.kebabCase = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-");\nexports.default = exports;\n'),
    },
  },
  // What Medusa's model loader registers, every class a model file exports, less the
  // entities whose table a @ManyToMany's @JoinTable maps too (with another primary key):
  // TypeORM's own synchronize fails on such a table (it drops a primary key it never
  // created), so it could not build the database the cases compare with. docs/real-apps.md.
  entitiesModule: `const { DefaultNamingStrategy, getMetadataArgsStorage } = require("typeorm");
const models = require("../app/dist/models");
const classes = Object.values(models).filter((value) => typeof value === "function");
const storage = getMetadataArgsStorage();
const joinTables = new Set(storage.joinTables.map((j) => j.name).filter(Boolean));
const naming = new DefaultNamingStrategy();
const mapsJoinTable = (cls) => storage.tables.some((t) => t.target === cls && joinTables.has(naming.tableName(cls.name, t.name)));
module.exports = classes.filter((cls) => !mapsJoinTable(cls));
module.exports.leftOut = classes.filter(mapsJoinTable).map((cls) => cls.name);
`,
};
