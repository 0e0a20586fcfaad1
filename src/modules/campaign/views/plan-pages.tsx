import type { ComponentChildren } from 'preact';
import {
  Button,
  Choices,
  DataTable,
  Form,
  Select,
  TextArea,
  TextInput,
  bindFields,
  labelOptions,
  viDate,
  type FormErrors,
} from '../../../platform/html/index.js';
import type * as repo from '../campaign.repository.js';
import {
  CHANNEL_GROUP_LABELS,
  TARGET_SOURCE_LABELS,
  TARGET_UNIT_LABELS,
  type ChannelForm,
  type DutyForm,
  type MessageForm,
  type PhaseForm,
  type PlanForm,
  type TargetForm,
  type planOverview,
} from '../campaign.service.js';
import { CRUMBS, EditLink, FormPage, SectionPage, crumbsFor } from './shared.js';

type Overview = Awaited<ReturnType<typeof planOverview>>;

/** A duty's list of tasks. */
function DutyList({ list }: { list: string[] }) {
  return (
    <ul>
      {list.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

/** A link shown to those who may edit, as its own paragraph. */
function EditorLink({ show, href, children }: { show: boolean; href: string; children: string }) {
  return show ? (
    <p>
      <a href={href}>{children}</a>
    </p>
  ) : null;
}

export function PlanPage({
  o,
  canEdit,
  myDuties,
  flash,
  copyErrors,
  copyTo,
}: {
  o: Overview;
  canEdit: boolean;
  myDuties: Overview['duties'];
  flash?: string;
  copyErrors?: FormErrors;
  copyTo?: string;
}) {
  const { plan } = o;
  const audienceName = (id: string | null) => (id ? (o.audiences.find((a) => a.id === id)?.name ?? id) : 'Mọi đối tượng');
  return (
    <SectionPage
      title={`Kế hoạch năm ${plan.year}`}
      heading={`Kế hoạch truyền thông năm ${plan.year}`}
      crumbs={CRUMBS.slice(0, 1)}
      flash={flash}
      errors={copyErrors}
    >
      <p class="lead">{plan.title}</p>
      {o.plans.length > 1 ? (
        <p>
          Kế hoạch các năm:{' '}
          {o.plans.map((p, i) => (
            <span key={p.id}>
              {i ? ' · ' : ''}
              {p.year === plan.year ? <strong>{p.year}</strong> : <a href={`/quan-tri/chien-dich?nam=${p.year}`}>{p.year}</a>}
            </span>
          ))}
        </p>
      ) : null}
      <EditorLink show={canEdit} href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/sua`}>
        Sửa tên, thông điệp chính và mục tiêu chung
      </EditorLink>

      {myDuties.length ? (
        <section class="callout" aria-labelledby="nv-cua-ban">
          <h2 id="nv-cua-ban">Nhiệm vụ của đơn vị bạn</h2>
          {myDuties.map((d) => (
            <div key={d.id}>
              <p>
                <strong>{d.label}</strong>
              </p>
              <DutyList list={d.list} />
            </div>
          ))}
        </section>
      ) : null}

      <h2>Thông điệp chính</h2>
      <p class="motto-big">{plan.main_message}</p>

      <h2>Mục tiêu chung</h2>
      <DutyList list={o.goals} />

      <h2 id="chi-tieu">Chỉ tiêu cụ thể</h2>
      <p>Mỗi chỉ tiêu có mã chỉ số để bảng chỉ số tự tính mức đạt được từ số liệu, không nhập tay.</p>
      <DataTable
        caption={`Chỉ tiêu cụ thể của kế hoạch năm ${plan.year}`}
        columns={['Chỉ tiêu', 'Mã chỉ số', { label: 'Mục tiêu', num: true }, 'Cách đo', canEdit && 'Sửa']}
      >
        {o.targets.map((t) => (
          <tr key={t.id}>
            <td>{t.text}</td>
            <td>
              <code>{t.metric_key}</code>
            </td>
            <td class="num">
              {t.target_value}
              {t.unit === '%' ? '%' : ''}
            </td>
            <td>
              {t.measure}
              <br />
              <span class="muted">
                Nguồn: {TARGET_SOURCE_LABELS[t.source]} (<code>{t.source_key}</code>)
              </span>
            </td>
            {canEdit ? (
              <td>
                <EditLink href={`/quan-tri/chien-dich/chi-tieu/${t.id}/sua`} what={`chỉ tiêu ${t.metric_key}`} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <EditorLink show={canEdit} href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/chi-tieu/moi`}>
        Thêm chỉ tiêu
      </EditorLink>

      <h2 id="giai-doan">Lộ trình thực hiện</h2>
      {o.phases.map((p) => (
        <section class="panel" key={p.id} aria-labelledby={`gd-${p.no}`}>
          <h3 id={`gd-${p.no}`}>
            Giai đoạn {p.no}: {p.name}
          </h3>
          <p>
            Từ {viDate(p.start_date)} đến {viDate(p.end_date)}.
          </p>
          <p>
            <strong>Mục tiêu: </strong>
            {p.goals}
          </p>
          <p>
            <strong>Đơn vị thực hiện: </strong>
            {p.units}
          </p>
          <p>
            <a href={`/quan-tri/chien-dich/hoat-dong?nam=${plan.year}&giai-doan=${p.id}`}>{p.activityCount} hoạt động</a>
            {canEdit ? (
              <>
                {' · '}
                <EditLink href={`/quan-tri/chien-dich/giai-doan/${p.id}/sua`} what={`giai đoạn ${p.no}`} />
              </>
            ) : null}
          </p>
        </section>
      ))}

      <h2 id="thong-diep">Thông điệp theo đối tượng</h2>
      <DataTable
        caption="Thông điệp chính và thông điệp phụ theo nhóm đối tượng"
        columns={['Đối tượng', 'Thông điệp', 'Nhấn mạnh', canEdit && 'Sửa']}
      >
        {o.messages.map((m) => (
          <tr key={m.id}>
            <td>{audienceName(m.audience_id)}</td>
            <td>“{m.text}”</td>
            <td>{m.emphasis}</td>
            {canEdit ? (
              <td>
                <EditLink href={`/quan-tri/chien-dich/thong-diep/${m.id}/sua`} what={`thông điệp ${m.text}`} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <EditorLink show={canEdit} href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/thong-diep/moi`}>
        Thêm thông điệp
      </EditorLink>

      <h2 id="kenh">Kênh truyền thông</h2>
      <p>
        {o.channels
          .filter((c) => c.active)
          .map((c) => c.name)
          .join(' · ')}
        . <a href="/quan-tri/chien-dich/kenh">Danh sách kênh</a>
      </p>

      <h2 id="nhiem-vu">Tổ chức thực hiện</h2>
      {o.duties.map((d) => (
        <section key={d.id} aria-labelledby={`nv-${d.id}`}>
          <h3 id={`nv-${d.id}`}>{d.label}</h3>
          <DutyList list={d.list} />
          {canEdit ? (
            <p>
              <EditLink href={`/quan-tri/chien-dich/nhiem-vu/${d.id}/sua`} what={`nhiệm vụ của ${d.label}`} />
            </p>
          ) : null}
        </section>
      ))}

      {canEdit ? (
        <section aria-labelledby="sao-chep">
          <h2 id="sao-chep">Tạo kế hoạch năm mới</h2>
          <p>
            Sao chép kế hoạch năm {plan.year} (mục tiêu, chỉ tiêu, giai đoạn, thông điệp, nhiệm vụ và hoạt động) sang năm mới rồi
            sửa lại.
          </p>
          <Form action="/quan-tri/chien-dich/ke-hoach/sao-chep">
            <input type="hidden" name="from" value={String(plan.year)} />
            <TextInput
              name="to"
              label="Năm của kế hoạch mới"
              inputMode="numeric"
              width="short"
              value={copyTo ?? String(plan.year + 1)}
              errors={copyErrors}
              required
            />
            <Button>Tạo kế hoạch năm mới</Button>
          </Form>
        </section>
      ) : null}
    </SectionPage>
  );
}

/** A form page under a year's plan ("Lưu" unless said otherwise). */
function YearFormPage({
  year,
  submit = 'Lưu',
  ...rest
}: Omit<Parameters<typeof FormPage>[0], 'crumbs' | 'submit'> & { year: number; submit?: string }) {
  return <FormPage crumbs={crumbsFor(year)} submit={submit} {...rest} />;
}

export function PlanEditPage({ year, form, errors }: { year: number; form: PlanForm; errors?: FormErrors }) {
  const field = bindFields(form, errors);
  return (
    <YearFormPage
      year={year}
      title={`Sửa kế hoạch năm ${year}`}
      action={`/quan-tri/chien-dich/ke-hoach/${year}/sua`}
      errors={errors}
    >
      <TextInput {...field('title')} label="Tên kế hoạch" required />
      <TextInput {...field('mainMessage')} label="Thông điệp chính" required />
      <TextArea {...field('goals')} label="Mục tiêu chung" hint="Mỗi mục tiêu một dòng." rows={10} required />
    </YearFormPage>
  );
}

/** The add or edit form of an item of a year's plan (a target, a message); an existing one can be deleted. */
function PlanItemPage(props: {
  noun: string;
  year: number;
  action: string;
  errors?: FormErrors;
  deleteAction?: string;
  children: ComponentChildren;
}) {
  return (
    <YearFormPage
      year={props.year}
      title={`${props.deleteAction ? 'Sửa' : 'Thêm'} ${props.noun}`}
      action={props.action}
      errors={props.errors}
      submit={`Lưu ${props.noun}`}
      deleteAction={props.deleteAction}
      deleteLabel={`Xóa ${props.noun} này`}
    >
      {props.children}
    </YearFormPage>
  );
}

export function TargetFormPage({
  year,
  action,
  form,
  errors,
  deleteAction,
}: {
  year: number;
  action: string;
  form: TargetForm;
  errors?: FormErrors;
  deleteAction?: string;
}) {
  const field = bindFields(form, errors);
  return (
    <PlanItemPage noun="chỉ tiêu" year={year} action={action} errors={errors} deleteAction={deleteAction}>
      <TextArea {...field('text')} label="Nội dung chỉ tiêu" rows={3} required />
      <TextInput
        {...field('metricKey')}
        label="Mã chỉ số"
        hint="Chữ thường không dấu, số và dấu gạch dưới; bảng chỉ số dùng mã này. Ví dụ: communes_info_channels."
        required
      />
      <TextInput {...field('targetValue')} label="Giá trị mục tiêu" inputMode="numeric" width="short" required />
      <Choices {...field('unit')} type="radio" label="Đơn vị tính" inline options={labelOptions(TARGET_UNIT_LABELS)} required />
      <Select
        {...field('source')}
        label="Nguồn số liệu"
        options={labelOptions(TARGET_SOURCE_LABELS)}
        emptyLabel="Chọn nguồn"
        required
      />
      <TextInput
        {...field('sourceKey')}
        label="Mã trường hoặc chỉ số nguồn"
        hint="Ví dụ: mã trường báo cáo định kỳ (people_guided, portal_articles) hoặc mã chỉ số (online_rate)."
      />
      <TextArea {...field('measure')} label="Cách đo" rows={3} required />
    </PlanItemPage>
  );
}

export function PhaseFormPage(props: { year: number; phase: repo.PhaseRow; form: PhaseForm; errors?: FormErrors }) {
  const { year, phase, errors } = props;
  const field = bindFields(props.form, errors);
  return (
    <YearFormPage
      year={year}
      title={`Sửa giai đoạn ${phase.no}`}
      action={`/quan-tri/chien-dich/giai-doan/${phase.id}/sua`}
      errors={errors}
    >
      <TextInput {...field('name')} label="Tên giai đoạn" required />
      <TextInput {...field('start')} label="Ngày bắt đầu" type="date" width="short" required />
      <TextInput {...field('end')} label="Ngày kết thúc" type="date" width="short" required />
      <TextArea {...field('goals')} label="Mục tiêu" rows={5} required />
      <TextArea {...field('units')} label="Đơn vị thực hiện" rows={3} />
    </YearFormPage>
  );
}

export function MessageFormPage({
  year,
  action,
  form,
  audiences,
  errors,
  deleteAction,
}: {
  year: number;
  action: string;
  form: MessageForm;
  audiences: Array<{ id: string; name: string }>;
  errors?: FormErrors;
  deleteAction?: string;
}) {
  const field = bindFields(form, errors);
  return (
    <PlanItemPage noun="thông điệp" year={year} action={action} errors={errors} deleteAction={deleteAction}>
      <Select
        {...field('audience')}
        label="Dành cho"
        options={audiences.map((a) => ({ value: a.id, label: a.name }))}
        emptyLabel="Mọi đối tượng (thông điệp chính)"
      />
      <TextInput {...field('text')} label="Thông điệp" required />
      <TextInput {...field('emphasis')} label="Nhấn mạnh vào" />
    </PlanItemPage>
  );
}

/** The channel's name and group, shared by the add and edit forms. */
function ChannelFields({ form, errors, chooseGroup }: { form?: ChannelForm; errors?: FormErrors; chooseGroup?: boolean }) {
  const field = bindFields<Partial<ChannelForm>>(form ?? {}, errors);
  return (
    <>
      <TextInput {...field('name')} label="Tên kênh" required />
      <Select
        {...field('grp')}
        label="Nhóm"
        options={labelOptions(CHANNEL_GROUP_LABELS)}
        emptyLabel={chooseGroup ? 'Chọn nhóm' : undefined}
        required
      />
    </>
  );
}

export function ChannelsPage({
  channels,
  canEdit,
  form,
  errors,
  flash,
}: {
  channels: Array<{ key: string; name: string; grp: keyof typeof CHANNEL_GROUP_LABELS; active: number }>;
  canEdit: boolean;
  form?: ChannelForm;
  errors?: FormErrors;
  flash?: string;
}) {
  return (
    <SectionPage title="Kênh truyền thông" flash={flash} errors={errors}>
      <p>Mã kênh dùng trong báo cáo và bảng chỉ số; tên kênh có thể sửa.</p>
      <DataTable caption="Danh sách kênh truyền thông" columns={['Kênh', 'Mã', 'Nhóm', 'Đang dùng', canEdit && 'Sửa']}>
        {channels.map((c) => (
          <tr key={c.key}>
            <td>{c.name}</td>
            <td>
              <code>{c.key}</code>
            </td>
            <td>{CHANNEL_GROUP_LABELS[c.grp]}</td>
            <td>{c.active ? 'Có' : 'Không'}</td>
            {canEdit ? (
              <td>
                <EditLink href={`/quan-tri/chien-dich/kenh/${c.key}/sua`} what={`kênh ${c.name}`} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {canEdit ? (
        <section aria-labelledby="them-kenh">
          <h2 id="them-kenh">Thêm kênh</h2>
          <Form action="/quan-tri/chien-dich/kenh">
            <TextInput
              name="key"
              label="Mã kênh"
              hint="Ví dụ: zalo-oa"
              value={form?.key}
              errors={errors}
              width="short"
              required
            />
            <ChannelFields form={form} errors={errors} chooseGroup />
            <Button>Thêm kênh</Button>
          </Form>
        </section>
      ) : null}
    </SectionPage>
  );
}

export function ChannelEditPage({ channelKey, form, errors }: { channelKey: string; form: ChannelForm; errors?: FormErrors }) {
  return (
    <FormPage
      title="Sửa kênh"
      heading={`Sửa kênh ${channelKey}`}
      crumbs={[...CRUMBS, { href: '/quan-tri/chien-dich/kenh', label: 'Kênh' }]}
      action={`/quan-tri/chien-dich/kenh/${channelKey}/sua`}
      errors={errors}
      submit="Lưu"
    >
      <ChannelFields form={form} errors={errors} />
      <Choices
        name="active"
        type="checkbox"
        label="Trạng thái"
        options={[{ value: '1', label: 'Đang dùng' }]}
        value={form.active ? '1' : ''}
        errors={errors}
      />
    </FormPage>
  );
}

export function DutyFormPage(props: { year: number; duty: repo.DutyRow; form: DutyForm; errors?: FormErrors }) {
  const { year, duty, errors } = props;
  const field = bindFields(props.form, errors);
  return (
    <YearFormPage
      year={year}
      title="Sửa nhiệm vụ"
      heading={`Sửa nhiệm vụ: ${duty.label}`}
      action={`/quan-tri/chien-dich/nhiem-vu/${duty.id}/sua`}
      errors={errors}
    >
      <TextInput {...field('label')} label="Cơ quan, đơn vị" required />
      <TextArea {...field('duties')} label="Nhiệm vụ" hint="Mỗi nhiệm vụ một dòng." rows={10} required />
    </YearFormPage>
  );
}
