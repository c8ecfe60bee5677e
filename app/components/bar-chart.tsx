/**
 * A bar chart drawn on the server as inline SVG: no JavaScript, no library. It is an image with a
 * title and a description for screen readers (role="img"); the same numbers are always given in
 * a table next to it (the caller renders it). Days without a value are drawn as zero.
 */
export type BarPoint = { label: string; value: number };

const W = 720;
const H = 240;
const PAD = { top: 16, right: 12, bottom: 36, left: 56 };

function niceMax(max: number): number {
  if (max <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** Fill the days between the first and the last with zeros (UTC YYYY-MM-DD labels). */
export function fillDays(points: BarPoint[]): BarPoint[] {
  if (points.length < 2) return points;
  const byDay = new Map(points.map((p) => [p.label, p.value]));
  const out: BarPoint[] = [];
  const last = Date.parse(`${points[points.length - 1]!.label}T00:00:00Z`);
  for (let t = Date.parse(`${points[0]!.label}T00:00:00Z`); t <= last && out.length < 3660; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ label: day, value: byDay.get(day) ?? 0 });
  }
  return out;
}

export function BarChart({
  id,
  title,
  description,
  points,
  color = "#005ea2",
  tickLabel = (label: string) => label.slice(5),
}: {
  id: string;
  title: string;
  description: string;
  points: BarPoint[];
  color?: string;
  /** The label under a bar (default: a YYYY-MM-DD day without its year). */
  tickLabel?: (label: string) => string;
}) {
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = points.length ? innerW / points.length : innerW;
  const barW = Math.max(1, step * 0.8);
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid={id}
      className="display-block maxw-full"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((t) => {
        const y = PAD.top + innerH - (t / max) * innerH;
        return (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="#dfe1e2" strokeWidth={1} />
            <text x={PAD.left - 8} y={y + 4} textAnchor="end" fontSize={12} fill="#1b1b1b">
              {t.toLocaleString("en-US")}
            </text>
          </g>
        );
      })}
      {points.map((p, i) => {
        const h = (p.value / max) * innerH;
        const x = PAD.left + i * step + (step - barW) / 2;
        return (
          <g key={p.label}>
            <rect x={x} y={PAD.top + innerH - h} width={barW} height={h} fill={color}>
              <title>{`${p.label}: ${p.value.toLocaleString("en-US")}`}</title>
            </rect>
            {i % labelEvery === 0 || i === points.length - 1 ? (
              <text x={x + barW / 2} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#1b1b1b">
                {tickLabel(p.label)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#565c65" strokeWidth={1} />
      {points.length === 0 ? (
        <text x={W / 2} y={H / 2} textAnchor="middle" fontSize={14} fill="#565c65">
          No data yet
        </text>
      ) : null}
    </svg>
  );
}
