import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { incidents } from "../../../db/schema/index";
import { getCurrentIncident, getPublicIncident } from "~/services/incidents/current.server";
import { updateIncident } from "~/services/incidents/manage.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createIncident } from "../../factories";

const CLI = { actorType: "cli" as const, actorId: "test", actorRole: "admin" };

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe(`the public pages' incident, kept per process (decision 049; ${process.env.TEST_DB_KIND})`, () => {
  it("no incident yet is not kept: a new site opens at once", async () => {
    expect(await getPublicIncident(env.ctx)).toBeNull();
    const created = await createIncident(env.ctx, { tollFreePhone: "1-855-555-0100" });
    expect((await getPublicIncident(env.ctx))?.id).toBe(created.id);
  });

  it("a change written elsewhere shows only after the cache time; one written through the service shows at once", async () => {
    const incident = (await getCurrentIncident(env.ctx))!;
    expect((await getPublicIncident(env.ctx))?.tollFreePhone).toBe("1-855-555-0100");
    // Another process (the CLI against a running server): this process keeps its copy a while.
    await env.ctx.db.update(incidents).set({ tollFreePhone: "1-855-555-0199" }).where(eq(incidents.id, incident.id));
    expect((await getPublicIncident(env.ctx))?.tollFreePhone).toBe("1-855-555-0100");
    expect((await getCurrentIncident(env.ctx))?.tollFreePhone).toBe("1-855-555-0199"); // staff pages read afresh
    // This process's own write (the admin incident page): forgotten after its commit.
    const result = await updateIncident(env.ctx, CLI, null, incident.slug, { tollFreePhone: "1-855-555-0177" });
    expect(result.kind).toBe("updated");
    expect((await getPublicIncident(env.ctx))?.tollFreePhone).toBe("1-855-555-0177");
  });
});
