/**
 * Revenue and margin per month as a server-rendered SVG bar chart: no script, no chart library,
 * themed by the storefront's colours. The numbers are in the table beside it for screen readers
 * and for copying.
 */
export function MonthChart({ months, label, format, monthLabel, series }: {
  months: { month: string; revenue: number; margin: number }[];
  label: string;
  format: (minor: number) => string;
  monthLabel: (month: string) => string;
  series: { revenue: string; margin: string };
}) {
  const width = 720;
  const height = 240;
  const left = 8;
  const bottom = 24;
  const top = 20;
  const values = months.flatMap((m) => [m.revenue, m.margin]);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const span = max - min;
  const y = (v: number) => top + ((max - v) / span) * (height - top - bottom);
  const slot = (width - left) / months.length;
  const bar = Math.max(4, slot / 3);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full" data-testid="revenue-chart">
      <line x1={left} x2={width} y1={y(0)} y2={y(0)} className="stroke-line" strokeWidth={1} />
      <text x={left} y={12} className="fill-muted text-[11px]">{format(max)}</text>
      {months.map((m, i) => {
        const x = left + i * slot + (slot - 2 * bar) / 2;
        const rect = (v: number, dx: number, cls: string, name: string) => (
          <rect x={x + dx} y={Math.min(y(v), y(0))} width={bar - 1} height={Math.max(1, Math.abs(y(v) - y(0)))} className={cls}>
            <title>{`${monthLabel(m.month)} · ${name}: ${format(v)}`}</title>
          </rect>
        );
        return (
          <g key={m.month} data-month={m.month}>
            {rect(m.revenue, 0, 'fill-primary', series.revenue)}
            {rect(m.margin, bar, 'fill-accent', series.margin)}
            <text x={x + bar} y={height - 6} textAnchor="middle" className="fill-muted text-[11px]">{monthLabel(m.month)}</text>
          </g>
        );
      })}
    </svg>
  );
}
