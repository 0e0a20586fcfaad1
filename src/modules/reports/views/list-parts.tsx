import { FilterSelect, Notice, viNumber } from '../../../platform/html/index.js';
import { UNIT_TYPE_LABELS } from '../../org/index.js';
import type { Paged } from '../reports.paging.js';
import { REPORTING_TYPES } from '../reports.service.js';

/** "Trang trước / Trang sau" links that keep the filters (`href` builds the link to a page). */
export function Pager({ paged, href, label }: { paged: Paged<unknown>; href: (page: number) => string; label: string }) {
  if (paged.pages <= 1) return null;
  const { page, pages } = paged;
  return (
    <nav aria-label={label} class="pager">
      <ul class="pills-list">
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              Trang trước
            </a>
          </li>
        ) : null}
        <li>
          <span>
            Trang {page}/{pages}
          </span>
        </li>
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              Trang sau
            </a>
          </li>
        ) : null}
        {page > 2 ? (
          <li>
            <a href={href(1)}>Trang đầu</a>
          </li>
        ) : null}
        {page < pages - 1 ? (
          <li>
            <a href={href(pages)}>Trang cuối</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** How many rows match, which are shown, and a notice when the asked page did not exist. */
export function PageSummary({
  paged,
  noun,
  filtered,
  resetHref,
}: {
  paged: Paged<unknown>;
  noun: string;
  filtered: boolean;
  resetHref: string;
}) {
  return (
    <>
      {paged.notice ? <Notice kind="info">{paged.notice}</Notice> : null}
      <p class="list-summary">
        {paged.total ? (
          <>
            {viNumber(paged.total)} {noun}
            {filtered ? ' phù hợp bộ lọc' : ''}
            {paged.pages > 1
              ? `; đang hiện ${viNumber(paged.first)}–${viNumber(paged.last)} (trang ${paged.page}/${paged.pages}).`
              : '.'}
          </>
        ) : (
          `Không có ${noun} nào${filtered ? ' phù hợp bộ lọc' : ''}.`
        )}
        {filtered ? (
          <>
            {' '}
            <a href={resetHref}>Bỏ lọc</a>
          </>
        ) : null}
      </p>
    </>
  );
}

/** The unit type, name and status fields of a GET filter form (each with its own label). */
export function UnitFilterFields({
  type,
  q,
  status,
  statuses,
}: {
  type: string;
  q: string;
  status: string;
  statuses: Record<string, { label: string }>;
}) {
  return (
    <>
      <FilterSelect
        name="loai"
        label="Loại đơn vị"
        options={REPORTING_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))}
        value={type}
      />
      <label for="q">Tên đơn vị</label>
      <input id="q" name="q" type="search" class="input" value={q} maxLength={100} placeholder="Ví dụ: phuc xa" />
      <FilterSelect
        name="trang-thai"
        label="Tình trạng"
        options={Object.entries(statuses).map(([value, s]) => ({ value, label: s.label }))}
        value={status}
      />
    </>
  );
}
