import { useEffect, useState } from "react";

/**
 * "Print this page": the button needs JavaScript, so until the page is hydrated (and always
 * without JavaScript) it is the sentence that says how to print with the browser instead.
 */
export function PrintButton({ label, noScript }: { label: string; noScript?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return noScript ? <p>{noScript}</p> : null;
  return (
    <button type="button" className="usa-button usa-button--outline" onClick={() => window.print()} data-testid="print">
      {label}
    </button>
  );
}
