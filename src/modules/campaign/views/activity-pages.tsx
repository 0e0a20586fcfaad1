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
  errorFor,
  usePage,
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import type * as repo from '../campaign.repository.js';
import { ACTIVITY_STATUS_LABELS, EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, type ActivityForm } from '../campaign.service.js';
import type { ActivityStatus } from '../campaign.table.js';
import { CampaignNav, CRUMBS, DataTable, parseJsonList } from './shared.js';

const STATUS_OPTIONS: Option[] = Object.entries(ACTIVITY_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export interface ActivityListItem {
  id: number;
  title: string;
  status: ActivityStatus;
  due_date: string | null;
  lead_name: string;
  phase_no: number | null;
  channels: string;
}

export function ActivitiesPage(props: {
  year: number;
  years: number[];
  phases: repo.PhaseRow[];
  phaseId?: number;
  status?: string;
  items: ActivityListItem[];
  channelNames: Map<string, string>;
  canCreate: boolean;
  flash?: string;
}) {
  return (
    <Layout title={`Hoạt động năm ${props.year}`} admin crumbs={CRUMBS}>
      <h1>Hoạt động năm {props.year}</h1>
      <CampaignNav />
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <form method="get" action="/quan-tri/chien-dich/hoat-dong" class="inline-form">
        <label for="nam">Năm</label>
        <select id="nam" name="nam" class="input">
          {props.years.map((y) => (
            <option key={y} value={String(y)} selected={y === props.year}>
              {y}
            </option>
          ))}
        </select>
        <label for="giai-doan">Giai đoạn</label>
        <select id="giai-doan" name="giai-doan" class="input">
          <option value="">Tất cả</option>
          {props.phases.map((p) => (
            <option key={p.id} value={String(p.id)} selected={p.id === props.phaseId}>
              Giai đoạn {p.no}
            </option>
          ))}
        </select>
        <label for="trang-thai">Trạng thái</label>
        <select id="trang-thai" name="trang-thai" class="input">
          <option value="">Tất cả</option>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === props.status}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary">
          Lọc
        </button>
      </form>
      {props.canCreate ? (
        <p>
          <a class="button button-primary" href={`/quan-tri/chien-dich/hoat-dong/moi?nam=${props.year}`}>
            Thêm hoạt động
          </a>
        </p>
      ) : null}
      <p>{props.items.length} hoạt động.</p>
      <DataTable caption="Danh sách hoạt động">
        <thead>
          <tr>
            <th scope="col">Hoạt động</th>
            <th scope="col">Giai đoạn</th>
            <th scope="col">Chủ trì</th>
            <th scope="col">Kênh</th>
            <th scope="col">Hạn</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/quan-tri/chien-dich/hoat-dong/${a.id}`}>{a.title}</a>
              </td>
              <td>{a.phase_no ?? ''}</td>
              <td>{a.lead_name}</td>
              <td>
                {parseJsonList(a.channels)
                  .map((c) => props.channelNames.get(c) ?? c)
                  .join(', ')}
              </td>
              <td>{viDate(a.due_date)}</td>
              <td>{ACTIVITY_STATUS_LABELS[a.status]}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Layout>
  );
}

/** A multiple select with a label and an error message (the platform's Select takes one value). */
export function MultiSelect(props: {
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  value: string[];
  errors?: FormErrors;
}) {
  const error = errorFor(props.errors, props.name);
  const selected = new Set(props.value);
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={props.name}>
        {props.label}
        <span class="optional"> (không bắt buộc)</span>
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      ) : null}
      <select
        id={props.name}
        name={props.name}
        multiple
        size={8}
        class="input"
        aria-describedby={
          [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={selected.has(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ActivityFormPage(props: {
  year: number;
  action: string;
  title: string;
  form: ActivityForm;
  errors?: FormErrors;
  phases: repo.PhaseRow[];
  leadUnits: Option[];
  allUnits: Option[];
  channels: Option[];
  audiences: Option[];
}) {
  const { form, errors } = props;
  return (
    <Layout
      title={props.title}
      admin
      crumbs={[...CRUMBS, { href: `/quan-tri/chien-dich/hoat-dong?nam=${props.year}`, label: 'Hoạt động' }]}
    >
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={props.action}>
        <TextInput name="title" label="Tên hoạt động" value={form.title} errors={errors} required />
        <TextArea name="description" label="Mô tả" value={form.description} rows={4} errors={errors} />
        <Select
          name="phaseId"
          label="Giai đoạn"
          options={props.phases.map((p) => ({ value: String(p.id), label: `Giai đoạn ${p.no}: ${p.name}` }))}
          value={form.phaseId}
          emptyLabel="Không thuộc giai đoạn nào"
          errors={errors}
        />
        <Select
          name="leadUnitId"
          label="Đơn vị chủ trì"
          options={props.leadUnits}
          value={form.leadUnitId}
          emptyLabel="Chọn đơn vị"
          errors={errors}
          required
        />
        <MultiSelect
          name="coopUnitIds"
          label="Đơn vị phối hợp"
          hint="Giữ phím Ctrl (hoặc Cmd) để chọn nhiều đơn vị."
          options={props.allUnits}
          value={form.coopUnitIds}
          errors={errors}
        />
        <Choices name="channels" type="checkbox" label="Kênh" options={props.channels} value={form.channels} errors={errors} />
        <Choices
          name="audiences"
          type="checkbox"
          label="Đối tượng"
          options={props.audiences}
          value={form.audiences}
          errors={errors}
        />
        <TextInput name="dueDate" label="Hạn hoàn thành" type="date" width="short" value={form.dueDate} errors={errors} />
        <Select name="status" label="Trạng thái" options={STATUS_OPTIONS} value={form.status} errors={errors} required />
        <Button>Lưu hoạt động</Button>
      </Form>
    </Layout>
  );
}

export function ActivityPage(props: {
  act: repo.ActivityRow;
  phase: repo.PhaseRow | undefined;
  year: number;
  leadName: string;
  coop: Array<{ id: number; name: string }>;
  channelNames: Map<string, string>;
  audienceNames: Map<string, string>;
  evidence: Awaited<ReturnType<typeof repo.listEvidence>>;
  canManage: boolean;
  canAddEvidence: boolean;
  userId: number;
  errors?: FormErrors;
  linkForm?: { url: string; note: string };
  flash?: string;
  auditRows: Array<{ id: number; at: string; summary: string; actor_name: string | null }>;
}) {
  const { act, errors } = props;
  const ctx = usePage();
  const base = `/quan-tri/chien-dich/hoat-dong/${act.id}`;
  return (
    <Layout
      title={act.title}
      admin
      crumbs={[...CRUMBS, { href: `/quan-tri/chien-dich/hoat-dong?nam=${props.year}`, label: 'Hoạt động' }]}
    >
      <h1>{act.title}</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={errors} />
      <div class="facts">
        <dl>
          <dt>Giai đoạn</dt>
          <dd>{props.phase ? `Giai đoạn ${props.phase.no}: ${props.phase.name}` : 'Không thuộc giai đoạn nào'}</dd>
          <dt>Đơn vị chủ trì</dt>
          <dd>{props.leadName}</dd>
          <dt>Đơn vị phối hợp</dt>
          <dd>{props.coop.length ? props.coop.map((c) => c.name).join(', ') : 'Không có'}</dd>
          <dt>Kênh</dt>
          <dd>
            {parseJsonList(act.channels)
              .map((c) => props.channelNames.get(c) ?? c)
              .join(', ') || 'Chưa chọn'}
          </dd>
          <dt>Đối tượng</dt>
          <dd>
            {parseJsonList(act.audiences)
              .map((c) => props.audienceNames.get(c) ?? c)
              .join(', ') || 'Chưa chọn'}
          </dd>
          <dt>Hạn hoàn thành</dt>
          <dd>{viDate(act.due_date) || 'Chưa đặt'}</dd>
          <dt>Trạng thái</dt>
          <dd>
            <strong>{ACTIVITY_STATUS_LABELS[act.status]}</strong>
          </dd>
        </dl>
      </div>
      {act.description ? <p>{act.description}</p> : null}
      {props.canManage ? (
        <>
          <p>
            <a href={`${base}/sua`}>Sửa hoạt động</a>
          </p>
          <Form action={`${base}/trang-thai`} class="inline">
            <Select name="status" id="status-quick" label="Đổi trạng thái" options={STATUS_OPTIONS} value={act.status} required />
            <Button variant="secondary">Cập nhật trạng thái</Button>
          </Form>
        </>
      ) : null}

      <h2 id="minh-chung">Minh chứng</h2>
      {props.evidence.length ? (
        <DataTable caption="Minh chứng của hoạt động">
          <thead>
            <tr>
              <th scope="col">Minh chứng</th>
              <th scope="col">Ghi chú</th>
              <th scope="col">Người thêm</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Xóa</th>
            </tr>
          </thead>
          <tbody>
            {props.evidence.map((e) => (
              <tr key={e.id}>
                <td>
                  {e.kind === 'link' ? (
                    <a href={e.url ?? '#'} rel="noopener noreferrer nofollow">
                      {e.url}
                    </a>
                  ) : (
                    <a href={`${base}/minh-chung/${e.id}`}>
                      {e.file_name} ({Math.max(1, Math.round((e.size ?? 0) / 1024))} KB)
                    </a>
                  )}
                </td>
                <td>{e.note}</td>
                <td>{e.author_name ?? ''}</td>
                <td>{viDateTime(e.created_at)}</td>
                <td>
                  {props.canManage || (props.canAddEvidence && e.created_by === props.userId) ? (
                    <Form action={`${base}/minh-chung/${e.id}/xoa`} class="inline">
                      <Button variant="warning">
                        Xóa<span class="visually-hidden"> minh chứng {e.id}</span>
                      </Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>Chưa có minh chứng.</p>
      )}
      {props.canAddEvidence ? (
        <>
          <h3>Thêm đường link</h3>
          <Form action={`${base}/minh-chung`}>
            <TextInput
              name="url"
              label="Đường link (bài đăng, video, ảnh...)"
              type="url"
              value={props.linkForm?.url}
              errors={errors}
              required
            />
            <TextInput name="note" id="note-link" label="Ghi chú" value={props.linkForm?.note} errors={errors} />
            <Button variant="secondary">Thêm link</Button>
          </Form>
          <h3>Tải tệp lên</h3>
          {/* Multipart bodies are read after the CSRF check, so the token also travels in the query string. */}
          <Form action={`${base}/minh-chung/tep?_csrf=${encodeURIComponent(ctx.csrf())}`} enctype="multipart/form-data">
            <TextInput name="note" id="note-file" label="Ghi chú" errors={errors} />
            <div class={errorFor(errors, 'file') ? 'field field-error' : 'field'}>
              <label for="file">Tệp minh chứng</label>
              <p class="hint" id="file-hint">
                {EVIDENCE_EXTENSIONS.join(', ')}; tối đa {EVIDENCE_MAX_BYTES / 1024 / 1024} MB.
              </p>
              {errorFor(errors, 'file') ? (
                <p class="error-message" id="file-error">
                  <span class="visually-hidden">Lỗi: </span>
                  {errorFor(errors, 'file')}
                </p>
              ) : null}
              <input
                type="file"
                id="file"
                name="file"
                class="input"
                accept={EVIDENCE_EXTENSIONS.join(',')}
                aria-describedby={errorFor(errors, 'file') ? 'file-hint file-error' : 'file-hint'}
              />
            </div>
            <Button variant="secondary">Tải lên</Button>
          </Form>
        </>
      ) : null}

      {props.auditRows.length ? (
        <>
          <h2>Lịch sử thay đổi</h2>
          <ul>
            {props.auditRows.map((r) => (
              <li key={r.id}>
                {viDateTime(r.at)}: {r.summary}
                {r.actor_name ? ` (${r.actor_name})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
