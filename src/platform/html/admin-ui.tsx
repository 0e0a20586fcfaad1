// Shapes that back-office (and data) pages of several modules share: tables, pagers, sub-navigation, one-button
// forms, filter forms. Built on the form components in forms.tsx; each renders the same markup the pages wrote by hand.
import type { ComponentChildren, JSX } from 'preact';
import { Button, Choices, Form, Notice, type FormErrors, type Option } from './forms.js';
import type { NavItem } from './layout.js';

/** A column header: its label, and `num` for a right-aligned number column. */
export type Column = ComponentChildren | { label: ComponentChildren; num?: boolean };

function isColumnSpec(c: Column): c is { label: ComponentChildren; num?: boolean } {
  return typeof c === 'object' && c !== null && !Array.isArray(c) && 'label' in c;
}

/**
 * A table in a scrollable wrapper, with a caption (hidden unless `visibleCaption`), column headers and rows.
 * `children` are rows placed before the mapped `rows`, and `foot` the footer rows (totals). With `empty`, no rows shows
 * that sentence instead of the table. A falsy column (`canEdit && 'Xóa'`) is left out. Without `columns`, `children`
 * are the whole table after the caption (its own header rows, body and footer).
 *
 * @example
 * <DataTable caption="Các mẫu trả lời" columns={['Tên mẫu', { label: 'Số lần dùng', num: true }]} rows={templates}
 *   row={(t) => <tr key={t.id}><th scope="row">{t.title}</th><td class="num">{t.uses}</td></tr>} empty="Chưa có mẫu." />
 */
export function DataTable<T>(props: {
  caption: ComponentChildren;
  visibleCaption?: boolean;
  columns?: Array<Column | false | null | undefined>;
  rows?: readonly T[];
  row?: (r: T, i: number) => JSX.Element;
  empty?: ComponentChildren;
  /** Rows after the body (totals), in a tfoot; with `columns`. */
  foot?: ComponentChildren;
  children?: ComponentChildren;
}) {
  if (props.empty !== undefined && props.rows && !props.rows.length) return <p>{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class={props.visibleCaption ? undefined : 'visually-hidden'}>{props.caption}</caption>
        {props.columns ? (
          <>
            <thead>
              <tr>
                {props.columns.map((c) =>
                  c === false || c === null || c === undefined ? null : isColumnSpec(c) ? (
                    <th scope="col" class={c.num ? 'num' : undefined}>
                      {c.label}
                    </th>
                  ) : (
                    <th scope="col">{c}</th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {props.children}
              {props.row && props.rows ? props.rows.map(props.row) : null}
            </tbody>
            {props.foot ? <tfoot>{props.foot}</tfoot> : null}
          </>
        ) : (
          props.children
        )}
      </table>
    </div>
  );
}

/**
 * "Trang trước / Trang sau" links under a paged list; nothing when there is one page.
 *
 * @example
 * <Pager page={2} pages={5} href={(p) => `/quan-tri/phan-anh?trang=${p}`} showPosition />
 */
export function Pager({
  page,
  pages,
  href,
  showPosition,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** Adds "Trang 2/5" between the links. */
  showPosition?: boolean;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Trang" class="pager">
      {page > 1 ? <a href={href(page - 1)}>Trang trước</a> : null}{' '}
      {showPosition ? (
        <>
          <span>
            Trang {page}/{pages}
          </span>{' '}
        </>
      ) : null}
      {page < pages ? <a href={href(page + 1)}>Trang sau</a> : null}
    </nav>
  );
}

/**
 * A row of links ("pills"): a section's sub-navigation, years, page numbers. The link to `current` is marked
 * aria-current="page".
 *
 * @example
 * <PillNav label="Trợ lý ảo" links={[{ href: '/quan-tri/tro-ly', label: 'Số liệu' }]} current="/quan-tri/tro-ly" />
 */
export function PillNav({
  label,
  links,
  current,
  listClass,
}: {
  label: string;
  links: readonly NavItem[];
  current?: string;
  /** A class on the list (`pills-list`). */
  listClass?: string;
}) {
  return (
    <nav aria-label={label} class="pills">
      <ul class={listClass}>
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={current !== undefined && l.href === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link back to the page above, above the page's heading. */
export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a href={href}>{children}</a>
    </p>
  );
}

/** The success banner after a redirect, when there is a message. */
export function FlashNotice({ message }: { message?: string | null }) {
  return message ? <Notice>{message}</Notice> : null;
}

/**
 * A POST form that is one button (delete, revoke, move up), shown inline. `srLabel` tells screen-reader users which
 * item the button acts on; `fields` are hidden inputs.
 *
 * @example
 * <ButtonForm action={`/quan-tri/tu-dien/${id}/xoa`} variant="warning" srLabel={`“${term}”`}>Xóa</ButtonForm>
 */
export function ButtonForm({
  action,
  variant,
  srLabel,
  fields,
  children,
}: {
  action: string;
  variant?: 'primary' | 'secondary' | 'warning';
  srLabel?: string;
  fields?: Record<string, string>;
  children: ComponentChildren;
}) {
  return (
    <Form action={action} class="inline">
      {fields ? Object.entries(fields).map(([name, value]) => <input type="hidden" name={name} value={value} />) : null}
      <Button variant={variant}>
        {children}
        {srLabel ? <span class="visually-hidden"> {srLabel}</span> : null}
      </Button>
    </Form>
  );
}

/**
 * A GET form of filters above a list; works without JavaScript (the filters end up in the URL). `inline` lays the
 * labels and fields out on one line (class `inline-form`), as the campaign and reports lists do.
 *
 * @example
 * <FilterForm action="/quan-tri/phan-anh"><Select name="kenh" label="Kênh" options={channels} emptyLabel="Tất cả" /></FilterForm>
 * <FilterForm action="/quan-tri/chien-dich/san-pham" inline><FilterSelect name="loai" label="Loại" options={types} /></FilterForm>
 */
export function FilterForm({
  action,
  submitLabel = 'Lọc',
  inline,
  children,
}: {
  action: string;
  submitLabel?: string;
  inline?: boolean;
  children: ComponentChildren;
}) {
  if (inline)
    return (
      <form method="get" action={action} class="inline-form">
        {children}
        <Button variant="secondary">{submitLabel}</Button>
      </form>
    );
  return (
    <Form action={action} method="get" class="filters">
      {children}
      <Button variant="secondary">{submitLabel}</Button>
    </Form>
  );
}

/**
 * One select of an inline filter form: its label, then the select, "Tất cả" (or `allLabel`) first unless `noAll`.
 *
 * @example
 * <FilterSelect name="trang-thai" label="Trạng thái" options={labelOptions(STATUS_LABELS)} value={status} />
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  options: readonly Option[];
  value?: string;
  allLabel?: string;
  noAll?: boolean;
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} class="input">
        {props.noAll ? null : <option value="">{props.allLabel ?? 'Tất cả'}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * One checkbox in a fieldset with a legend, sending "1" when ticked (a yes/no setting).
 *
 * @example
 * <Checkbox name="active" label="Trạng thái" option="Đang dùng" checked={v.active} />
 */
export function Checkbox(props: {
  name: string;
  label: string;
  /** The text beside the box. */
  option: string;
  checked: boolean;
  hint?: string;
  errors?: FormErrors;
}) {
  return (
    <Choices
      name={props.name}
      type="checkbox"
      label={props.label}
      hint={props.hint}
      options={[{ value: '1', label: props.option }]}
      value={props.checked ? '1' : null}
      errors={props.errors}
    />
  );
}

/**
 * The name, value and errors of a form field from the form's values, to spread into a field component.
 *
 * @example
 * const field = bindFields(form, errors);
 * <TextInput {...field('title')} label="Tiêu đề" required />
 */
export function bindFields<T extends object>(values: T, errors?: FormErrors) {
  return <K extends keyof T & string>(name: K) => ({ name, value: values[name], errors });
}

/**
 * Select options from a label map, in the map's order.
 *
 * @example
 * <Select name="kenh" label="Kênh" options={labelOptions(CHANNEL_LABELS)} />
 */
export function labelOptions(labels: Readonly<Record<string, string>>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
