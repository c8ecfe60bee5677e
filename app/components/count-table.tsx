import type { HTMLAttributes } from "react";

/** One number column: its header and how to read it from a row. */
export type CountColumn<R> = { header: string; value: (row: R) => number };

const count = (x: number) => x.toLocaleString("en-US");

/**
 * The staff pages' table of counts: a caption, a row header per line (a state, a day, an
 * organization), then right-aligned numbers. It scrolls sideways on a phone and can be focused, so
 * a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function CountTable<R>({
  testId,
  caption,
  keyHeader,
  rows,
  rowKey,
  rowLabel,
  columns,
  rowProps,
}: {
  testId: string;
  caption: string;
  keyHeader: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowLabel: (row: R) => string;
  columns: readonly CountColumn<R>[];
  /** Extra attributes of a row (test hooks such as data-category). */
  rowProps?: (row: R) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}) {
  return (
    <div className="usa-table-container--scrollable" tabIndex={0}>
      <table className="usa-table usa-table--compact" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            {columns.map((c) => (
              <th key={c.header} scope="col" className="text-right">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              <th scope="row">{rowLabel(r)}</th>
              {columns.map((c) => (
                <td key={c.header} className="text-right">
                  {count(c.value(r))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
