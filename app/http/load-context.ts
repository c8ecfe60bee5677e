import type { AppContext, RequestMeta } from "~/services/context.server";

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
  }
}
