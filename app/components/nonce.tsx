import { createContext, useContext } from "react";

/**
 * The CSP nonce of this response, provided by entry.server. It is not put in loader data, so
 * error pages (which have no loader data) get it too. In the browser it is empty: scripts are
 * already loaded by then, and browsers hide nonce attributes anyway.
 */
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
