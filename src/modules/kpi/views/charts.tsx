// Accessible SVG charts rendered on the server: role="img" with <title>/<desc>, every bar labelled with its value
// in text, drawn in currentColor (so the high-contrast theme works and colour never carries meaning alone).
// Each chart is followed on the page by a data table with the same figures.
import type { ComponentChildren } from 'preact';

export interface ChartItem {
  label: string;
  /** null: no figure (drawn as a dash, not a zero bar). */
  value: number | null;
  /** The value as text, shown on the chart. */
  display: string;
}

interface ChartProps {
  /** Unique on the page: used for the title and description ids. */
  id: string;
  title: string;
  desc: string;
  items: ChartItem[];
  /** The value of a full bar (1 for rates). */
  max?: number;
}

const FONT = 13;

function Frame({
  id,
  title,
  desc,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  children: ComponentChildren;
}) {
  return (
    // Focusable, so keyboard users can scroll a chart wider than a phone screen.
    <div class="table-wrap chart" tabIndex={0} role="group" aria-label={title}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        font-size={FONT}
        fill="currentColor"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {children}
      </svg>
    </div>
  );
}

/** Vertical columns, one per item (months). */
export function ColumnChart({ id, title, desc, items, max }: ChartProps) {
  const col = 52;
  const plotH = 160;
  const top = 22;
  const bottom = 30;
  const width = Math.max(items.length * col + 16, 200);
  const height = top + plotH + bottom;
  const top1 = max ?? Math.max(1, ...items.map((i) => i.value ?? 0));
  return (
    <Frame id={id} title={title} desc={desc} width={width} height={height}>
      <line x1={8} x2={width - 8} y1={top + plotH} y2={top + plotH} stroke="currentColor" stroke-width={1} />
      {items.map((it, i) => {
        const x = 8 + i * col;
        const h = it.value === null ? 0 : Math.max(1, Math.round((Math.min(it.value, top1) / top1) * plotH));
        return (
          <g key={it.label}>
            {it.value === null ? null : <rect x={x + 8} y={top + plotH - h} width={col - 16} height={h} opacity={0.85} />}
            <text x={x + col / 2} y={top + plotH - h - 6} text-anchor="middle" font-size={FONT - 1}>
              {it.value === null ? '–' : it.display}
            </text>
            <text x={x + col / 2} y={top + plotH + 18} text-anchor="middle">
              {it.label}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** Horizontal bars, one per item (units, targets). */
export function BarChart({ id, title, desc, items, max }: ChartProps) {
  const row = 26;
  const labelW = 240;
  const barW = 300;
  const width = labelW + barW + 90;
  const height = items.length * row + 12;
  const top1 = max ?? Math.max(1, ...items.map((i) => i.value ?? 0));
  return (
    <Frame id={id} title={title} desc={desc} width={width} height={height}>
      <line x1={labelW} x2={labelW} y1={4} y2={height - 4} stroke="currentColor" stroke-width={1} />
      {items.map((it, i) => {
        const y = 6 + i * row;
        const w = it.value === null ? 0 : Math.max(1, Math.round((Math.min(it.value, top1) / top1) * barW));
        const label = it.label.length > 34 ? `${it.label.slice(0, 33)}…` : it.label;
        return (
          <g key={`${i}-${it.label}`}>
            <text x={labelW - 8} y={y + row / 2 + 4} text-anchor="end">
              {label}
            </text>
            {it.value === null ? null : <rect x={labelW} y={y + 4} width={w} height={row - 10} opacity={0.85} />}
            <text x={labelW + w + 6} y={y + row / 2 + 4}>
              {it.value === null ? '–' : it.display}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}
