/**
 * Every error a user can cause is a RetortError: it has a stable `code` (docs/reference.md §3,
 * `{ "error": { "code", "message" } }`) and a message that says what went wrong,
 * where, and how to fix it. The CLI prints the message without a stack trace.
 */
export class RetortError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database could not be reached or refused the credentials. Never carries the password. */
export class ConnectionError extends RetortError {
  constructor(
    readonly target: { dialect: string; host?: string; port?: number; database?: string; file?: string },
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super("connection_failed", ConnectionError.describe(target, reason), options);
  }

  private static describe(t: ConnectionError["target"], reason: string): string {
    const where =
      t.file !== undefined
        ? `SQLite database ${t.file}`
        : `${t.dialect} database "${t.database ?? ""}" at ${t.host ?? "localhost"}:${t.port ?? "default port"}`;
    const hint =
      t.file !== undefined
        ? "Check the file path in the URL (--url, DATABASE_URL or the config's url)."
        : "Check that the server is running and that the URL (--url, DATABASE_URL or the config's url) names the right host, port, database and credentials.";
    return `Could not connect to ${where}: ${reason}. ${hint}`;
  }
}

const URL_FORMS = "postgres://, postgresql://, mysql://, mariadb://, sqlite:<path> (or sqlite::memory:)";

/** A connection URL retort cannot use. The URL itself is never echoed (it may hold a password). */
export class UnsupportedUrlError extends RetortError {
  constructor(
    readonly scheme: string | undefined,
    message = scheme === undefined
      ? `The database URL has no scheme. Use one of: ${URL_FORMS}.`
      : `Unsupported database URL scheme "${scheme}". Use one of: ${URL_FORMS}.`,
  ) {
    super("unsupported_url", message);
  }
}

/** A connection URL with a known scheme that does not parse; `shown` is the URL already redacted. */
export class MalformedUrlError extends RetortError {
  constructor(readonly shown: string, reason: string) {
    super("malformed_url", `The database URL ${shown} is malformed: ${reason}. Fix it in --url, DATABASE_URL or the config's url.`);
  }
}

/** A database driver package the URL needs is not installed in the user's project. */
export class MissingDriverError extends RetortError {
  constructor(readonly packages: readonly string[], readonly dialect: string) {
    super(
      "missing_driver",
      `No ${dialect} driver found. Install ${packages.map((p) => `"${p}"`).join(" or ")} in your project (npm install ${packages[0]}).`,
    );
  }
}
