import type { ComponentChildren } from 'preact';
import {
  Button,
  ErrorSummary,
  FlashNotice,
  Form,
  Layout,
  PillNav,
  usePage,
  type Crumb,
  type FormErrors,
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
  return <PillNav label="Chiến dịch" links={LINKS} current={usePage().path} listClass="pills-list" />;
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
      <FlashNotice message={props.flash} />
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

/** "Sửa" to a record's edit page; screen readers hear which record. */
export function EditLink({ href, what }: { href: string; what: ComponentChildren }) {
  return (
    <a href={href}>
      Sửa<span class="visually-hidden"> {what}</span>
    </a>
  );
}

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
