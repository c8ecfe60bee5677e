import { randomBytes } from "node:crypto";
import { staffUsers, type Product } from "../../../db/schema/index";
import type { AppContext } from "~/services/context.server";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";

export const CLI = { actorType: "cli" as const, actorId: "test", actorRole: "admin" };

let ipSeq = 0;
export const meta = () => ({ ip: `198.51.100.${(++ipSeq % 250) + 1}`, requestId: `req-${ipSeq}` });

/** `n` distinct vendor-looking codes, e.g. "TUA-1f3c9a-0001". */
export function vendorCodes(n: number, prefix = "TU"): string[] {
  const run = randomBytes(3).toString("hex");
  return Array.from({ length: n }, (_, i) => `${prefix}-${run}-${String(i + 1).padStart(5, "0")}`);
}

export async function loadCodes(ctx: AppContext, incidentId: string, product: Product, codes: string[]) {
  return importMonitoringCodes(ctx, CLI, null, { incidentId, product, text: codes.join("\n") });
}

export async function createAdmin(ctx: AppContext, email = `admin-${randomBytes(3).toString("hex")}@example.test`) {
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(staffUsers)
    .values({
      email,
      role: "admin",
      passwordHash: "$argon2id$test",
      totpSecretEnc: "t1.test",
      createdAt: now,
      createdBy: "test",
      updatedAt: now,
    })
    .returning();
  return row!;
}
