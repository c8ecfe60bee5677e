import type { AppContext } from "~/services/context.server";
import { lookupCaller } from "~/services/calls/lookup.server";
import type { LookupCriteria } from "~/services/calls/schemas";
import type { StaffActor } from "~/services/staff/roles";
import { performCallAction } from "~/services/calls/actions.server";
import { testMeta } from "../../support/staff";

let callSeq = 0;
export const callRef = () => `PBX-${Date.now().toString(36)}-${++callSeq}`;

export async function lookup(ctx: AppContext, actor: StaffActor, criteria: LookupCriteria, callReference = callRef()) {
  return lookupCaller(ctx, actor, testMeta(), { callReference, reason: "Caller asking about their letter", criteria });
}

/** Find a notice by its reference number and return the call id (it must be found). */
export async function startCall(ctx: AppContext, actor: StaffActor, referenceNumber: string): Promise<string> {
  const r = await lookup(ctx, actor, { by: "reference", referenceNumber });
  if (r.kind !== "found") throw new Error(`expected a match, got ${r.kind}`);
  return r.callId;
}

export async function verifiedCall(ctx: AppContext, actor: StaffActor, referenceNumber: string): Promise<string> {
  const callId = await startCall(ctx, actor, referenceNumber);
  const v = await performCallAction(ctx, actor, testMeta(), callId, { intent: "verify", outcome: "pass" });
  if (v.kind !== "done") throw new Error(`verify: ${v.kind}`);
  return callId;
}
