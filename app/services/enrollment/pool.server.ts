import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  enrollments,
  incidents,
  monitoringCodes,
  monitoringPools,
  poolAlerts,
  PRODUCTS,
  staffUsers,
  type PoolAlert,
  type PoolAlertKind,
  type Product,
} from "../../../db/schema/index";
import { keyedHash } from "~/utils/crypto.server";
import { log } from "~/utils/log.server";
import type { AppContext } from "../context.server";
import { enqueueEmail } from "../email/queue.server";

/** Admins are warned (pages + email) when fewer than this share of a product's codes remain. */
export const POOL_LOW_SHARE = 0.1;
/** The cipher field of monitoring codes. */
export const MONITORING_CODE_FIELD = "monitoring_code";

export function monitoringCodeHash(pepper: Buffer, code: string): Buffer {
  return keyedHash(pepper, `monitoring-code:${code}`);
}

/**
 * Hand out one code, at most once ever. `SKIP LOCKED` lets concurrent enrollments take different
 * codes without queueing behind one row; when it finds nothing (every free row is locked by
 * enrollments still in flight, or the pool is empty) a blocking `FOR UPDATE` pass waits for them,
 * so nobody is put on the waiting list while a code is in fact free. `claimed_at is null` is
 * re-checked on the locked row, and the unique indexes on `notice_id` and
 * `enrollments.monitoring_code_id` stand behind it.
 */
export async function claimMonitoringCode(
  tx: Db,
  input: { incidentId: string; product: Product; noticeId: number; now: Date },
): Promise<{ id: number; codeEnc: string } | null> {
  for (const lockMode of [sql`for update skip locked`, sql`for update`]) {
    const rows = await tx
      .update(monitoringCodes)
      .set({ claimedAt: input.now, noticeId: input.noticeId })
      .where(
        and(
          isNull(monitoringCodes.claimedAt),
          sql`${monitoringCodes.id} = (
            select id from monitoring_codes
            where incident_id = ${input.incidentId} and product = ${input.product} and claimed_at is null
            order by id
            limit 1
            ${lockMode})`,
        ),
      )
      .returning({ id: monitoringCodes.id, codeEnc: monitoringCodes.codeEnc });
    if (rows[0]) {
      await afterClaim(tx, input);
      return rows[0];
    }
  }
  return null;
}

async function afterClaim(tx: Db, input: { incidentId: string; product: Product; now: Date }): Promise<void> {
  await tx
    .update(monitoringPools)
    .set({ claimedCount: sql`${monitoringPools.claimedCount} + 1`, updatedAt: input.now })
    .where(and(eq(monitoringPools.incidentId, input.incidentId), eq(monitoringPools.product, input.product)));
}

/**
 * After a claim (or a failed one), raise the low or empty alert if the pool has crossed the
 * threshold. One open alert per kind: admins are emailed once per crossing.
 */
export async function checkPoolAfterClaim(
  tx: Db,
  ctx: AppContext,
  input: { incidentId: string; product: Product; now: Date; claimed: boolean },
): Promise<void> {
  const [pool] = await tx
    .select()
    .from(monitoringPools)
    .where(and(eq(monitoringPools.incidentId, input.incidentId), eq(monitoringPools.product, input.product)));
  const loaded = pool?.loadedCount ?? 0;
  const remaining = pool ? pool.loadedCount - pool.claimedCount : 0;
  if (!input.claimed || remaining === 0) {
    await raisePoolAlert(tx, ctx, { ...input, kind: "empty", remaining: 0, loaded });
  }
  if (loaded > 0 && remaining / loaded < POOL_LOW_SHARE) {
    await raisePoolAlert(tx, ctx, { ...input, kind: "low", remaining, loaded });
  }
}

async function raisePoolAlert(
  tx: Db,
  ctx: AppContext,
  input: { incidentId: string; product: Product; now: Date; kind: PoolAlertKind; remaining: number; loaded: number },
): Promise<void> {
  const [alert] = await tx
    .insert(poolAlerts)
    .values({
      incidentId: input.incidentId,
      product: input.product,
      kind: input.kind,
      remaining: input.remaining,
      loaded: input.loaded,
      raisedAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: poolAlerts.id });
  if (!alert) return; // already open: this crossing was announced
  log.warn("pool.alert", { kind: input.kind, product: input.product, remaining: input.remaining, loaded: input.loaded });
  const admins = await tx
    .select({ id: staffUsers.id, email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), isNull(staffUsers.disabledAt)));
  for (const admin of admins) {
    await enqueueEmail(tx, ctx, {
      kind: input.kind === "low" ? "pool_low" : "pool_empty",
      language: "en",
      dedupeKey: `pool_${input.kind}:${alert.id}:${admin.id}`,
      to: { plain: admin.email },
      vars: { product: input.product, remaining: input.remaining, loaded: input.loaded, percent: Math.round(POOL_LOW_SHARE * 100) },
    });
  }
}

export async function clearPoolAlert(tx: Db, incidentId: string, product: Product, kind: PoolAlertKind, now: Date) {
  await tx
    .update(poolAlerts)
    .set({ clearedAt: now })
    .where(and(eq(poolAlerts.incidentId, incidentId), eq(poolAlerts.product, product), eq(poolAlerts.kind, kind), isNull(poolAlerts.clearedAt)));
}

export type PoolProductStatus = {
  product: Product;
  loaded: number;
  claimed: number;
  remaining: number;
  /** remaining / loaded, 0..1 (0 when nothing was loaded). */
  share: number;
  low: boolean;
  waiting: number;
};
export type PoolStatus = {
  incident: { id: string; name: string; slug: string; enrollBy: string };
  products: PoolProductStatus[];
  alerts: PoolAlert[];
};

/** What the admin pool page and `pool import` show: per product, loaded/handed out/left/waiting. */
export async function getPoolStatus(ctx: AppContext, incidentId: string): Promise<PoolStatus | null> {
  const [incident] = await ctx.db
    .select({ id: incidents.id, name: incidents.name, slug: incidents.slug, enrollBy: incidents.enrollBy })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const pools = await ctx.db.select().from(monitoringPools).where(eq(monitoringPools.incidentId, incidentId));
  const waiting = await ctx.db
    .select({ product: enrollments.product, n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.incidentId, incidentId), eq(enrollments.status, "waiting")))
    .groupBy(enrollments.product);
  const alerts = await ctx.db
    .select()
    .from(poolAlerts)
    .where(and(eq(poolAlerts.incidentId, incidentId), isNull(poolAlerts.clearedAt)))
    .orderBy(asc(poolAlerts.raisedAt));
  const products = PRODUCTS.map((product): PoolProductStatus => {
    const p = pools.find((x) => x.product === product);
    const loaded = p?.loadedCount ?? 0;
    const claimed = p?.claimedCount ?? 0;
    const remaining = loaded - claimed;
    const share = loaded > 0 ? remaining / loaded : 0;
    return {
      product,
      loaded,
      claimed,
      remaining,
      share,
      low: share < POOL_LOW_SHARE,
      waiting: Number(waiting.find((w) => w.product === product)?.n ?? 0),
    };
  });
  return { incident, products, alerts };
}
