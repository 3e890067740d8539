/**
 * Every error a user can cause is a RetortError: it has a stable `code` (SPEC.md §3,
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
    return `Could not connect to ${where}: ${reason}. Check that the server is running and that the URL (--url, DATABASE_URL or the config's url) names the right host, port, database and credentials.`;
  }
}

/** A connection URL retort cannot use. */
export class UnsupportedUrlError extends RetortError {
  constructor(readonly scheme: string) {
    super(
      "unsupported_url",
      `Unsupported database URL scheme "${scheme}". Use one of: postgres://, postgresql://, mysql://, mariadb://, sqlite:<path> (or sqlite::memory:).`,
    );
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
