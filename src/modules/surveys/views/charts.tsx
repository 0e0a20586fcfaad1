// Accessible bar charts rendered on the server: SVG with <title>/<desc>, text labels and values on every bar,
// and the same figures in a data table beside it (readable without JavaScript, never colour alone).
import { DataTable } from '../../../platform/html/index.js';

export interface ChartRow {
  label: string;
  n: number;
  /** 0..100 */
  pct: number;
}

const pctFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const numFmt = new Intl.NumberFormat('vi-VN');
export const fmtPct = (p: number | null | undefined): string => (p === null || p === undefined ? '—' : `${pctFmt.format(p)}%`);
export const fmtNum = (n: number): string => numFmt.format(n);

const WIDTH = 640;
const VALUE_SPACE = 150;
const ROW = 46;
const MAX_LABEL = 70;

function short(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/**
 * A horizontal bar chart plus its data table.
 *
 * @example
 * <BarChart id="q1" title="Câu 1" desc="Tỷ lệ người trả lời theo đáp án" rows={[{ label: 'Có', n: 3, pct: 75 }]} />
 */
export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  rows: ChartRow[];
  labelHeader?: string;
  countHeader?: string;
  pctHeader?: string;
}) {
  const rows = props.rows;
  const height = Math.max(1, rows.length) * ROW + 8;
  const max = Math.max(...rows.map((r) => r.pct), 1);
  const scale = (WIDTH - VALUE_SPACE) / max;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <div class="chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        focusable="false"
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>
          {props.desc} {rows.map((r) => `${r.label}: ${fmtNum(r.n)} (${fmtPct(r.pct)})`).join('; ')}
        </desc>
        {rows.map((r, i) => {
          const y = i * ROW + 4;
          const w = Math.max(r.n > 0 ? 2 : 0, r.pct * scale);
          return (
            <g key={i}>
              <text x={0} y={y + 14} font-size="14" fill="currentColor">
                {short(r.label)}
              </text>
              <rect x={0} y={y + 20} width={w} height={18} fill="#1d70b8" />
              <text x={w + 6} y={y + 34} font-size="14" font-weight="bold" fill="currentColor">
                {`${fmtNum(r.n)} (${fmtPct(r.pct)})`}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={props.title}
        visibleCaption
        columns={[
          props.labelHeader ?? 'Đáp án',
          { label: props.countHeader ?? 'Số lượng', num: true },
          { label: props.pctHeader ?? 'Tỷ lệ', num: true },
        ]}
        rows={rows}
        row={(r, i) => (
          <tr key={i}>
            <th scope="row">{r.label}</th>
            <td class="num">{fmtNum(r.n)}</td>
            <td class="num">{fmtPct(r.pct)}</td>
          </tr>
        )}
      />
    </div>
  );
}
