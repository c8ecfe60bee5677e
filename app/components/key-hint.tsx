/** A keyboard shortcut shown on a button (the button's own text names the action). */
export function Key({ k }: { k: string }) {
  return (
    <span className="ec-key" aria-hidden="true">
      {k}
    </span>
  );
}
