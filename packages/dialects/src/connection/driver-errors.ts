/** Turns a driver's connection error into a short reason, without credentials. */
export function describeDriverError(e: unknown): string {
  const err = e as { code?: string; errno?: number; message?: string; errors?: unknown[] };
  switch (err.code) {
    case "ECONNREFUSED":
      return "the connection was refused (is the server running and listening on that port?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name could not be resolved";
    case "ETIMEDOUT":
      return "the connection timed out";
    case "28P01":
    case "28000":
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_DBACCESS_DENIED_ERROR":
      return "the server rejected the user name or password";
    case "3D000":
    case "ER_BAD_DB_ERROR":
      return "the database does not exist (create it first)";
    case "SQLITE_NOTADB":
      return "the file is not a SQLite database (is the path right?)";
    case "SQLITE_CORRUPT":
      return "the database file is corrupt";
    case "SQLITE_CANTOPEN":
      return "the file cannot be opened (does its folder exist, and is it writable?)";
  }
  // pg reports an AggregateError when every resolved address refused.
  if (Array.isArray(err.errors) && err.errors.length > 0) return describeDriverError(err.errors[0]);
  return (err.message ?? String(e)).replace(/password=\S+/gi, "password=***");
}
