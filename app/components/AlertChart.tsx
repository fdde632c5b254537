/**
 * A small control chart for an alert: the segment's daily values, the centre line, the limit or
 * threshold it crossed, and the days of the signal highlighted. Plain SVG: it renders on the
 * server and needs no chart runtime for a 35-point line.
 */
export interface AlertChartPoint {
  readonly day: string;
  readonly value: number | null;
}

export interface AlertChartProps {
  readonly points: readonly AlertChartPoint[];
  readonly limit: number;
  readonly center: number | null;
  readonly signalDays: readonly string[];
  /** Formats a value for the axis labels ("26.5 h", "4.2%"). */
  readonly label: (value: number) => string;
  readonly title: string;
}

const WIDTH = 560;
const HEIGHT = 140;
const PAD = { left: 56, right: 8, top: 10, bottom: 18 };

export function AlertChart({ points, limit, center, signalDays, label, title }: AlertChartProps) {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (values.length === 0) return null;
  const lo = Math.min(...values, limit, center ?? limit);
  const hi = Math.max(...values, limit, center ?? limit);
  const span = hi - lo || Math.abs(hi) || 1;
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (v - lo) / span);
  const x = (i: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * i) / Math.max(1, points.length - 1);
  const signal = new Set(signalDays);
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .reduce<string[]>((segments, pt, i) => {
      if (pt === null) return segments;
      const previousMissing = i === 0 || points[i - 1]?.value === null;
      segments.push(`${previousMissing ? "M" : "L"}${pt}`);
      return segments;
    }, [])
    .join(" ");
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(limit)} y2={y(limit)} stroke="#d72c0d" strokeDasharray="4 3" />
      <text x={PAD.left - 4} y={y(limit) + 4} textAnchor="end" fontSize="10" fill="#d72c0d">
        {label(limit)}
      </text>
      {center !== null ? (
        <>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(center)} y2={y(center)} stroke="#8c9196" strokeDasharray="2 3" />
          <text x={PAD.left - 4} y={y(center) + 4} textAnchor="end" fontSize="10" fill="#6d7175">
            {label(center)}
          </text>
        </>
      ) : null}
      <path d={path} fill="none" stroke="#2c6ecb" strokeWidth="1.5" />
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle key={p.day} cx={x(i)} cy={y(p.value)} r={signal.has(p.day) ? 3.5 : 1.8} fill={signal.has(p.day) ? "#d72c0d" : "#2c6ecb"} />
        ),
      )}
      <text x={PAD.left} y={HEIGHT - 4} fontSize="10" fill="#6d7175">
        {points[0]?.day}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 4} fontSize="10" fill="#6d7175" textAnchor="end">
        {points.at(-1)?.day}
      </text>
    </svg>
  );
}
