import type { ComponentChildren } from 'preact';
import { usePage } from './context.js';

/** A validation message for one field; `field` is the input's name (and id). */
export interface FieldError {
  field: string;
  message: string;
}

export type FormErrors = FieldError[];

export function errorFor(errors: FormErrors | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

interface FormProps {
  action: string;
  method?: 'post' | 'get';
  children: ComponentChildren;
  class?: string;
  id?: string;
  'data-module'?: string;
  enctype?: 'multipart/form-data' | 'application/x-www-form-urlencoded';
}

/**
 * A form. POST forms always carry the CSRF token, so no page can forget it.
 *
 * @example
 * <Form action="/gop-y"><TextArea name="content" label="Nội dung" /><Button>Gửi</Button></Form>
 */
export function Form({ action, method = 'post', children, ...rest }: FormProps) {
  const ctx = usePage();
  return (
    <form action={action} method={method} novalidate {...rest}>
      {method === 'post' ? <input type="hidden" name="_csrf" value={ctx.csrf()} /> : null}
      {children}
    </form>
  );
}

/** The error summary at the top of a form (GOV.UK pattern): links move focus to each field. */
export function ErrorSummary({ errors }: { errors?: FormErrors }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-module="error-summary">
      <h2 class="error-summary-title">Vui lòng sửa các lỗi sau</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface BaseFieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FormErrors;
  required?: boolean;
  id?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function FieldShell({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required ? null : <span class="optional"> (không bắt buộc)</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextInput(
  props: BaseFieldProps & {
    value?: string | number | null;
    type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'url' | 'search' | 'month' | 'datetime-local';
    autocomplete?: string;
    inputMode?: 'numeric' | 'text' | 'tel' | 'email';
    maxLength?: number;
    width?: 'short' | 'full';
  },
) {
  const id = props.id ?? props.name;
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        class={props.width === 'short' ? 'input input-short' : 'input'}
      />
    </FieldShell>
  );
}

export function TextArea(props: BaseFieldProps & { value?: string | null; rows?: number; maxLength?: number }) {
  const id = props.id ?? props.name;
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        class="input"
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(props: BaseFieldProps & { options: Option[]; value?: string | null; emptyLabel?: string }) {
  const id = props.id ?? props.name;
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        class="input"
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio buttons or checkboxes in a fieldset with a legend. */
export function Choices(
  props: BaseFieldProps & {
    options: Option[];
    type: 'radio' | 'checkbox';
    value?: string | string[] | null;
    inline?: boolean;
  },
) {
  const id = props.id ?? props.name;
  const error = errorFor(props.errors, props.name);
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset aria-describedby={describedBy(id, props.hint, error)}>
        <legend>
          {props.label}
          {props.required ? null : <span class="optional"> (không bắt buộc)</span>}
        </legend>
        {props.hint ? (
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">Lỗi: </span>
            {error}
          </p>
        ) : null}
        <div class={props.inline ? 'choices choices-inline' : 'choices'}>
          {props.options.map((o, i) => {
            const optId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="choice" key={o.value}>
                <input type={props.type} id={optId} name={props.name} value={o.value} checked={selected.has(o.value)} />
                <label for={optId}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  name?: string;
  value?: string;
}) {
  return (
    <button type="submit" class={`button button-${variant}`} name={name} value={value}>
      {children}
    </button>
  );
}

/** A success or information banner shown after a redirect. */
export function Notice({ children, kind = 'success' }: { children: ComponentChildren; kind?: 'success' | 'info' }) {
  return (
    <div class={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}
