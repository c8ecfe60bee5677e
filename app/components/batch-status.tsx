/** A batch's status as words, with a USWDS tag (colour is never the only signal: the text says it). */
const LABELS: Record<string, string> = {
  importing: "Importing",
  failed: "Failed",
  rejected: "Rejected",
  awaiting_mailing: "Awaiting mailing",
  mailed: "Mailed",
};
const CLASSES: Record<string, string> = {
  importing: "bg-primary",
  failed: "bg-error-dark",
  rejected: "bg-error-dark",
  awaiting_mailing: "bg-warning text-ink",
  mailed: "bg-success-darker",
};

export function BatchStatusTag({ status }: { status: string }) {
  return (
    <span className={`usa-tag ${CLASSES[status] ?? ""}`} data-testid="batch-status" data-status={status}>
      {LABELS[status] ?? status}
    </span>
  );
}

export function batchStatusLabel(status: string): string {
  return LABELS[status] ?? status;
}
