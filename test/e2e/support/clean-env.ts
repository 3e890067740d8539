/**
 * The environment of a user's shell: this process's, less what `npm test` and the test
 * runner put there (npm_config_*, npm_package_*, a DATABASE_URL), so that the npm and
 * retort runs in a fresh project see only that project and the settings given here.
 * The machine's own npm settings (~/.npmrc) still apply, as they would for the user.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "DATABASE_URL" || key.startsWith("RETORT_TEST_")) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}
