import {
  Button,
  ButtonForm,
  Choices,
  DataTable,
  FilterForm,
  FilterSelect,
  Form,
  Select,
  TextArea,
  TextInput,
  bindFields,
  errorFor,
  labelOptions,
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import type * as repo from '../campaign.repository.js';
import { ACTIVITY_STATUS_LABELS, EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, type ActivityForm } from '../campaign.service.js';
import type { ActivityStatus } from '../campaign.table.js';
import { CRUMBS, FileField, FormPage, SectionPage, UploadForm, namesOf } from './shared.js';

const STATUS_OPTIONS: Option[] = labelOptions(ACTIVITY_STATUS_LABELS);

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
    <SectionPage title={`Hoạt động năm ${props.year}`} flash={props.flash}>
      <FilterForm action="/quan-tri/chien-dich/hoat-dong" inline>
        <FilterSelect
          name="nam"
          label="Năm"
          options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
          value={String(props.year)}
          noAll
        />
        <FilterSelect
          name="giai-doan"
          label="Giai đoạn"
          options={props.phases.map((p) => ({ value: String(p.id), label: `Giai đoạn ${p.no}` }))}
          value={String(props.phaseId)}
        />
        <FilterSelect name="trang-thai" label="Trạng thái" options={STATUS_OPTIONS} value={props.status} />
      </FilterForm>
      {props.canCreate ? (
        <p>
          <a class="button button-primary" href={`/quan-tri/chien-dich/hoat-dong/moi?nam=${props.year}`}>
            Thêm hoạt động
          </a>
        </p>
      ) : null}
      <p>{props.items.length} hoạt động.</p>
      <DataTable caption="Danh sách hoạt động" columns={['Hoạt động', 'Giai đoạn', 'Chủ trì', 'Kênh', 'Hạn', 'Trạng thái']}>
        {props.items.map((a) => (
          <tr key={a.id}>
            <td>
              <a href={`/quan-tri/chien-dich/hoat-dong/${a.id}`}>{a.title}</a>
            </td>
            <td>{a.phase_no ?? ''}</td>
            <td>{a.lead_name}</td>
            <td>{namesOf(a.channels, props.channelNames)}</td>
            <td>{viDate(a.due_date)}</td>
            <td>{ACTIVITY_STATUS_LABELS[a.status]}</td>
          </tr>
        ))}
      </DataTable>
    </SectionPage>
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

const listCrumbs = (year: number) => [...CRUMBS, { href: `/quan-tri/chien-dich/hoat-dong?nam=${year}`, label: 'Hoạt động' }];

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
  const field = bindFields(form, errors);
  return (
    <FormPage title={props.title} crumbs={listCrumbs(props.year)} action={props.action} errors={errors} submit="Lưu hoạt động">
      <TextInput {...field('title')} label="Tên hoạt động" required />
      <TextArea {...field('description')} label="Mô tả" rows={4} />
      <Select
        {...field('phaseId')}
        label="Giai đoạn"
        options={props.phases.map((p) => ({ value: String(p.id), label: `Giai đoạn ${p.no}: ${p.name}` }))}
        emptyLabel="Không thuộc giai đoạn nào"
      />
      <Select {...field('leadUnitId')} label="Đơn vị chủ trì" options={props.leadUnits} emptyLabel="Chọn đơn vị" required />
      <MultiSelect
        name="coopUnitIds"
        label="Đơn vị phối hợp"
        hint="Giữ phím Ctrl (hoặc Cmd) để chọn nhiều đơn vị."
        options={props.allUnits}
        value={form.coopUnitIds}
        errors={errors}
      />
      <Choices {...field('channels')} type="checkbox" label="Kênh" options={props.channels} />
      <Choices {...field('audiences')} type="checkbox" label="Đối tượng" options={props.audiences} />
      <TextInput {...field('dueDate')} label="Hạn hoàn thành" type="date" width="short" />
      <Select {...field('status')} label="Trạng thái" options={STATUS_OPTIONS} required />
    </FormPage>
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
  const base = `/quan-tri/chien-dich/hoat-dong/${act.id}`;
  return (
    <SectionPage title={act.title} crumbs={listCrumbs(props.year)} noNav flash={props.flash} errors={errors}>
      <div class="facts">
        <dl>
          <dt>Giai đoạn</dt>
          <dd>{props.phase ? `Giai đoạn ${props.phase.no}: ${props.phase.name}` : 'Không thuộc giai đoạn nào'}</dd>
          <dt>Đơn vị chủ trì</dt>
          <dd>{props.leadName}</dd>
          <dt>Đơn vị phối hợp</dt>
          <dd>{props.coop.length ? props.coop.map((c) => c.name).join(', ') : 'Không có'}</dd>
          <dt>Kênh</dt>
          <dd>{namesOf(act.channels, props.channelNames) || 'Chưa chọn'}</dd>
          <dt>Đối tượng</dt>
          <dd>{namesOf(act.audiences, props.audienceNames) || 'Chưa chọn'}</dd>
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
        <DataTable caption="Minh chứng của hoạt động" columns={['Minh chứng', 'Ghi chú', 'Người thêm', 'Thời gian', 'Xóa']}>
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
                  <ButtonForm action={`${base}/minh-chung/${e.id}/xoa`} variant="warning" srLabel={`minh chứng ${e.id}`}>
                    Xóa
                  </ButtonForm>
                ) : null}
              </td>
            </tr>
          ))}
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
          <UploadForm action={`${base}/minh-chung/tep`}>
            <TextInput name="note" id="note-file" label="Ghi chú" errors={errors} />
            <FileField
              label="Tệp minh chứng"
              hint={`${EVIDENCE_EXTENSIONS.join(', ')}; tối đa ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`}
              error={errorFor(errors, 'file')}
              accept={EVIDENCE_EXTENSIONS.join(',')}
            />
            <Button variant="secondary">Tải lên</Button>
          </UploadForm>
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
    </SectionPage>
  );
}
