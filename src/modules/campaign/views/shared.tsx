import type { ComponentChildren } from 'preact';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  Layout,
  Notice,
  Select,
  TextArea,
  TextInput,
  usePage,
  type Crumb,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';

const LINKS = [
  { href: '/quan-tri/chien-dich', label: 'Kế hoạch' },
  { href: '/quan-tri/chien-dich/hoat-dong', label: 'Hoạt động' },
  { href: '/quan-tri/chien-dich/san-pham', label: 'Sản phẩm truyền thông' },
  { href: '/quan-tri/chien-dich/lich', label: 'Lịch đăng' },
  { href: '/quan-tri/chien-dich/kenh', label: 'Kênh truyền thông' },
];

/** The campaign section's own links, under the page title. */
export function CampaignNav() {
  const ctx = usePage();
  return (
    <nav aria-label="Chiến dịch" class="pills">
      <ul class="pills-list">
        {LINKS.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={ctx.path === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const CRUMBS = [
  { href: '/quan-tri', label: 'Quản trị' },
  { href: '/quan-tri/chien-dich', label: 'Chiến dịch' },
];

/** The crumbs of a page under a year's plan. */
export const crumbsFor = (year: number) => [...CRUMBS, { href: `/quan-tri/chien-dich?nam=${year}`, label: `Năm ${year}` }];

/**
 * A page of the campaign section: its title, the section's links (unless `noNav`: a record's own page), the flash
 * message and the form errors, if any.
 */
export function SectionPage(props: {
  title: string;
  /** The h1, when it says more than the title. */
  heading?: string;
  crumbs?: Crumb[];
  noNav?: boolean;
  flash?: string;
  errors?: FormErrors;
  children: ComponentChildren;
}) {
  return (
    <Layout title={props.title} admin crumbs={props.crumbs ?? CRUMBS}>
      <h1>{props.heading ?? props.title}</h1>
      {props.noNav ? null : <CampaignNav />}
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      {props.children}
    </Layout>
  );
}

/**
 * A page that is one form: its fields (`children`) and the submit button, then, for an existing record, a separate
 * form that deletes it.
 */
export function FormPage(props: {
  title: string;
  heading?: string;
  crumbs: Crumb[];
  action: string;
  errors?: FormErrors;
  submit: string;
  deleteAction?: string;
  deleteLabel?: string;
  children: ComponentChildren;
}) {
  return (
    <SectionPage title={props.title} heading={props.heading} crumbs={props.crumbs} noNav errors={props.errors}>
      <Form action={props.action}>
        {props.children}
        <Button>{props.submit}</Button>
      </Form>
      {props.deleteAction ? (
        <Form action={props.deleteAction}>
          <Button variant="warning">{props.deleteLabel}</Button>
        </Form>
      ) : null}
    </SectionPage>
  );
}

type Bound<C extends (props: never) => unknown> = Omit<Parameters<C>[0], 'value' | 'errors'>;

/**
 * The form fields bound to one form: each takes its value from `form[name]` and its message from `errors`.
 *
 * @example
 * const f = boundFields(form, errors);
 * <f.Text name="title" label="Tên kế hoạch" required />
 */
export function boundFields(form: object, errors?: FormErrors) {
  const value = (name: string) => (form as Record<string, never>)[name];
  return {
    Text: (p: Bound<typeof TextInput>) => <TextInput {...p} value={value(p.name)} errors={errors} />,
    Area: (p: Bound<typeof TextArea>) => <TextArea {...p} value={value(p.name)} errors={errors} />,
    Pick: (p: Bound<typeof Select>) => <Select {...p} value={value(p.name)} errors={errors} />,
    Boxes: (p: Bound<typeof Choices>) => <Choices {...p} value={value(p.name)} errors={errors} />,
  };
}

/** A column header: its label, `num` for a right-aligned number column; a falsy column is left out. */
type Column = string | { label: string; num: true } | false | null;

/**
 * A table inside a scrollable wrapper with a caption (read by screen readers). With `columns`, it writes the header
 * row, `children` are the body rows and `foot` the footer rows; without, `children` are the whole table.
 */
export function DataTable({
  caption,
  children,
  columns,
  foot,
  visibleCaption,
}: {
  caption: string;
  children: ComponentChildren;
  columns?: Column[];
  /** Rows after the body (totals), with `columns`. */
  foot?: ComponentChildren;
  visibleCaption?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class={visibleCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        {columns ? (
          <>
            <thead>
              <tr>
                {columns.map((c) =>
                  !c ? null : typeof c === 'string' ? (
                    <th scope="col">{c}</th>
                  ) : (
                    <th scope="col" class="num">
                      {c.label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>{children}</tbody>
            {foot ? <tfoot>{foot}</tfoot> : null}
          </>
        ) : (
          children
        )}
      </table>
    </div>
  );
}

/** "Sửa" to a record's edit page; screen readers hear which record. */
export function EditLink({ href, what }: { href: string; what: ComponentChildren }) {
  return (
    <a href={href}>
      Sửa<span class="visually-hidden"> {what}</span>
    </a>
  );
}

/** A GET filter form of a list: its selects and a "Lọc" button. */
export function FilterForm({ action, children }: { action: string; children: ComponentChildren }) {
  return (
    <form method="get" action={action} class="inline-form">
      {children}
      <button type="submit" class="button button-secondary">
        Lọc
      </button>
    </form>
  );
}

/** One select of a filter form, "Tất cả" first unless `noAll`. */
export function FilterSelect(props: { name: string; label: string; options: Option[]; value?: string; noAll?: boolean }) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} class="input">
        {props.noAll ? null : <option value="">Tất cả</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** The options of a select from a record of labels. */
export const optionsOf = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** A file upload form. Multipart bodies are read after the CSRF check, so the token also travels in the query string. */
export function UploadForm({ action, children }: { action: string; children: ComponentChildren }) {
  const ctx = usePage();
  return (
    <Form action={`${action}?_csrf=${encodeURIComponent(ctx.csrf())}`} enctype="multipart/form-data">
      {children}
    </Form>
  );
}

/** The file field of an upload form (`name="file"`), with its hint and error message. */
export function FileField({ label, hint, error, accept }: { label: string; hint?: string; error?: string; accept: string }) {
  const describedBy = [hint ? 'file-hint' : '', error ? 'file-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="file">{label}</label>
      {hint ? (
        <p class="hint" id="file-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id="file-error">
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      ) : null}
      <input type="file" id="file" name="file" accept={accept} class="input" aria-describedby={describedBy || undefined} />
    </div>
  );
}

export function parseJsonList(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The names of the keys in a JSON list (channels, audiences), joined; unknown keys as they are. */
export const namesOf = (json: string, names: Map<string, string>) =>
  parseJsonList(json)
    .map((x) => names.get(x) ?? x)
    .join(', ');
