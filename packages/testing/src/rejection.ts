/** The error a promise rejects with; fails when it resolves. For `expect(await rejectionOf(p)).to.be.instanceOf(...)`. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
