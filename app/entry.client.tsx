import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { ERROR_TITLE_PREFIX, setErrorTitle } from "~/utils/error-title";

// The server put "Error: " before the title of an error page; React's markup has no prefix, so it
// comes off for hydration and goes back on once the page is hydrated (root Layout).
const errorTitle = document.title.startsWith(ERROR_TITLE_PREFIX);
if (errorTitle) setErrorTitle(false);
(window as unknown as { __ecErrorTitle?: boolean }).__ecErrorTitle = errorTitle;

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
