export * from "./connection/connect";
export { parseConnectionUrl, type ConnectionTarget, type SqliteDriverName } from "./connection/connection-url";
export { redactSecrets, redactUrl, rememberSecret, rememberUrlSecrets } from "./connection/redact";
export * from "./introspection/introspect";
export type { IntrospectOptions } from "./introspection/introspect-options";
export * from "./sqlite/rules";
export * from "./postgres/rules";
export * from "./ddl/index";
export * from "./mysql/rules";
