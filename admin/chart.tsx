// Horizontal bar charts in plain SVG: one row per category, one bar per series. The numbers
// themselves are in the table beside; the chart is for seeing the shape at a glance.
export interface Series {
  name: string;
  /** A CSS colour class suffix: bar-a, bar-b… */
  tone: 'a' | 'b' | 'c' | 'd' | 'e';
  values: (number | null)[];
}

const LABEL_W = 150;
const BAR_H = 20;
const GAP = 10;
const WIDTH = 480;

export function BarChart({
  title,
  categories,
  series,
  format,
  testid,
}: {
  title: string;
  categories: string[];
  series: Series[];
  format: (v: number) => string;
  testid?: string;
}) {
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const rowH = series.length * BAR_H + GAP;
  const height = categories.length * rowH + 8;
  const plotW = WIDTH - LABEL_W - 40;
  return (
    <figure class="chart" data-testid={testid}>
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="legend">
          {series.map((s) => (
            <span key={s.name} class="legend-item">
              <i class={`swatch bar-${s.tone}`} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      {categories.length === 0 ? (
        <p class="muted">—</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
          {categories.map((c, i) => {
            const y0 = i * rowH + 4;
            return (
              <g key={c + i}>
                <text
                  x={LABEL_W - 8}
                  y={y0 + (series.length * BAR_H) / 2 + 5}
                  text-anchor="end"
                  class="chart-label"
                >
                  {c.length > 12 ? `${c.slice(0, 11)}…` : c}
                </text>
                {series.map((s, j) => {
                  const v = s.values[i];
                  const w = v && max > 0 ? Math.max(1, (v / max) * plotW) : 0;
                  const y = y0 + j * BAR_H;
                  return (
                    <g key={s.name}>
                      <rect x={LABEL_W} y={y} width={w} height={BAR_H - 2} class={`bar-${s.tone}`}>
                        <title>{`${c} · ${s.name}: ${v === null || v === undefined ? '—' : format(v)}`}</title>
                      </rect>
                      <text x={LABEL_W + w + 4} y={y + BAR_H - 4} class="chart-value">
                        {v === null || v === undefined ? '—' : format(v)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
