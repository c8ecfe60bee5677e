import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { answerBusyWith503 } from "../../app/server";

/** The wrapper the server puts around every loader and action (the HTTP behaviour: patient-check.int.test.ts). */
describe("answerBusyWith503", () => {
  const lockTimeout = Object.assign(new Error("Failed query"), {
    cause: Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" }),
  });
  const other = Object.assign(new Error("duplicate key"), { code: "23505" });
  const build = {
    routes: {
      busy: { id: "busy", path: "busy", module: { loader: async () => Promise.reject(lockTimeout), default: () => null } },
      broken: { id: "broken", path: "broken", module: { action: async () => Promise.reject(other) } },
      fine: { id: "fine", path: "fine", module: { loader: async () => ({ ok: true }) } },
    },
  } as unknown as ServerBuild;
  const args = (path: string) => ({ request: new Request(`http://localhost/${path}`), params: {}, context: {} }) as never;

  it("turns a lock timeout (also wrapped by drizzle) into a thrown 503 with Retry-After; other errors and results pass through", async () => {
    const wrapped = answerBusyWith503(build).routes;
    const thrown = await Promise.resolve()
      .then(() => wrapped.busy!.module.loader!(args("busy")))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect((thrown as Response).headers.get("Retry-After")).toBe("120");
    await expect(Promise.resolve().then(() => wrapped.broken!.module.action!(args("broken")))).rejects.toBe(other);
    await expect(Promise.resolve().then(() => wrapped.fine!.module.loader!(args("fine")))).resolves.toEqual({ ok: true });
    // The rest of each module is kept; a route without a loader still has none; the build itself is not changed.
    expect(wrapped.busy!.module.default).toBe(build.routes.busy!.module.default);
    expect(wrapped.broken!.module.loader).toBeUndefined();
    expect(build.routes.busy!.module.loader).not.toBe(wrapped.busy!.module.loader);
  });
});
