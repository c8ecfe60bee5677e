import type { AppContext, RequestMeta } from "~/services/context.server";
import type { CheckResult } from "~/services/notices/check.server";
import type { CheckFormValues } from "~/services/notices/schemas";
import type { PatientExposureRead } from "~/services/patient/exposure.server";

/**
 * A patient check the fast path (app/http/fast-check.server.ts) already ran for this very request
 * and left to Remix to answer: the action shows its outcome instead of running the check twice.
 */
export type PriorCheck =
  | {
      result: CheckResult;
      /**
       * What the page shows in the form's fields instead of what the body says: the fast path's
       * render of a refusal page template, with placeholders where each person's typed values go.
       * The body was parsed and found valid by the fast path before it ran the check.
       */
      values?: CheckFormValues;
    }
  | { error: unknown };

/**
 * The patient session and exposure the exposure fast path (app/http/fast-exposure.server.ts)
 * already read for this very request (and the cookie's token): requirePatient uses them instead of
 * touching the session a second time. `error`: that read failed; the loader throws it as its own.
 */
export type PriorPatient = { read: PatientExposureRead; token: string } | { error: unknown };

/**
 * What app/server.ts hands every loader and action (`getLoadContext`): the services' context,
 * the request's metadata and the CSP nonce. Declared here, on the HTTP floor, so that services
 * never import Remix.
 */
declare module "@remix-run/node" {
  // Single fetch is on (remix.config.js): loader/action types are the real values, not JSON.
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    app: AppContext;
    meta: RequestMeta;
    cspNonce: string;
    priorCheck?: PriorCheck;
    priorPatient?: PriorPatient;
    /** Set by the exposure fast path for a template render: each loader's data, by route id (remix-handler's recordLoaderData). */
    loaderDataOut?: Map<string, unknown>;
  }
}
