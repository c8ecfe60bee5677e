import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * After a JavaScript navigation (no full page load), says the new page's title in a polite live
 * region and moves focus to the main content, as a page load would for a screen reader user.
 * The first render (a real page load) announces nothing: the browser does that itself.
 */
export function RouteAnnouncer() {
  const location = useLocation();
  const where = location.pathname + location.search;
  const first = useRef(true);
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The title is updated in the same commit; read it once the browser has painted.
    const timer = setTimeout(() => {
      setMessage(document.title);
      const main = document.getElementById("main-content");
      if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(timer);
  }, [where]);
  return (
    <div className="usa-sr-only" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {message}
    </div>
  );
}
