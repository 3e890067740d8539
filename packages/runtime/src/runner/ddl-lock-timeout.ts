/**
 * Whether a statement failed because it waited longer than `ddlLockTimeout` (README.md,
 * "Configuration") for another session's lock. Each engine sets that timeout on the
 * migration's own connection: `EngineSession.setDdlLockTimeout` in @retort/dialects.
 */
export function isLockWaitTimeout(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown; message?: unknown };
  return (
    err?.code === "55P03" || // PostgreSQL lock_not_available
    Number(err?.errno) === 1205 || // MySQL ER_LOCK_WAIT_TIMEOUT
    err?.code === "SQLITE_BUSY" ||
    /SQLITE_BUSY|database is locked/i.test(String(err?.message ?? ""))
  );
}
