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
import { CampaignNav, CRUMBS, DataTable } from './shared.js';

type Overview = Awaited<ReturnType<typeof planOverview>>;

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
    <Layout title={`Kế hoạch năm ${plan.year}`} admin crumbs={CRUMBS.slice(0, 1)}>
      <h1>Kế hoạch truyền thông năm {plan.year}</h1>
      <CampaignNav />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorSummary errors={copyErrors} />
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
      {canEdit ? (
        <p>
          <a href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/sua`}>Sửa tên, thông điệp chính và mục tiêu chung</a>
        </p>
      ) : null}

      {myDuties.length ? (
        <section class="callout" aria-labelledby="nv-cua-ban">
          <h2 id="nv-cua-ban">Nhiệm vụ của đơn vị bạn</h2>
          {myDuties.map((d) => (
            <div key={d.id}>
              <p>
                <strong>{d.label}</strong>
              </p>
              <ul>
                {d.list.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      <h2>Thông điệp chính</h2>
      <p class="motto-big">{plan.main_message}</p>

      <h2>Mục tiêu chung</h2>
      <ul>
        {o.goals.map((g, i) => (
          <li key={i}>{g}</li>
        ))}
      </ul>

      <h2 id="chi-tieu">Chỉ tiêu cụ thể</h2>
      <p>Mỗi chỉ tiêu có mã chỉ số để bảng chỉ số tự tính mức đạt được từ số liệu, không nhập tay.</p>
      <DataTable caption={`Chỉ tiêu cụ thể của kế hoạch năm ${plan.year}`}>
        <thead>
          <tr>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col">Mã chỉ số</th>
            <th scope="col" class="num">
              Mục tiêu
            </th>
            <th scope="col">Cách đo</th>
            {canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody>
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
                  <a href={`/quan-tri/chien-dich/chi-tieu/${t.id}/sua`}>
                    Sửa<span class="visually-hidden"> chỉ tiêu {t.metric_key}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </DataTable>
      {canEdit ? (
        <p>
          <a href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/chi-tieu/moi`}>Thêm chỉ tiêu</a>
        </p>
      ) : null}

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
                <a href={`/quan-tri/chien-dich/giai-doan/${p.id}/sua`}>
                  Sửa<span class="visually-hidden"> giai đoạn {p.no}</span>
                </a>
              </>
            ) : null}
          </p>
        </section>
      ))}

      <h2 id="thong-diep">Thông điệp theo đối tượng</h2>
      <DataTable caption="Thông điệp chính và thông điệp phụ theo nhóm đối tượng">
        <thead>
          <tr>
            <th scope="col">Đối tượng</th>
            <th scope="col">Thông điệp</th>
            <th scope="col">Nhấn mạnh</th>
            {canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody>
          {o.messages.map((m) => (
            <tr key={m.id}>
              <td>{audienceName(m.audience_id)}</td>
              <td>“{m.text}”</td>
              <td>{m.emphasis}</td>
              {canEdit ? (
                <td>
                  <a href={`/quan-tri/chien-dich/thong-diep/${m.id}/sua`}>
                    Sửa<span class="visually-hidden"> thông điệp {m.text}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </DataTable>
      {canEdit ? (
        <p>
          <a href={`/quan-tri/chien-dich/ke-hoach/${plan.year}/thong-diep/moi`}>Thêm thông điệp</a>
        </p>
      ) : null}

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
          <ul>
            {d.list.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
          {canEdit ? (
            <p>
              <a href={`/quan-tri/chien-dich/nhiem-vu/${d.id}/sua`}>
                Sửa<span class="visually-hidden"> nhiệm vụ của {d.label}</span>
              </a>
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
    </Layout>
  );
}

const crumbsFor = (year: number) => [...CRUMBS, { href: `/quan-tri/chien-dich?nam=${year}`, label: `Năm ${year}` }];

export function PlanEditPage({ year, form, errors }: { year: number; form: PlanForm; errors?: FormErrors }) {
  return (
    <Layout title={`Sửa kế hoạch năm ${year}`} admin crumbs={crumbsFor(year)}>
      <h1>Sửa kế hoạch năm {year}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/quan-tri/chien-dich/ke-hoach/${year}/sua`}>
        <TextInput name="title" label="Tên kế hoạch" value={form.title} errors={errors} required />
        <TextInput name="mainMessage" label="Thông điệp chính" value={form.mainMessage} errors={errors} required />
        <TextArea
          name="goals"
          label="Mục tiêu chung"
          hint="Mỗi mục tiêu một dòng."
          value={form.goals}
          rows={10}
          errors={errors}
          required
        />
        <Button>Lưu</Button>
      </Form>
    </Layout>
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
  const title = deleteAction ? 'Sửa chỉ tiêu' : 'Thêm chỉ tiêu';
  return (
    <Layout title={title} admin crumbs={crumbsFor(year)}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={action}>
        <TextArea name="text" label="Nội dung chỉ tiêu" value={form.text} rows={3} errors={errors} required />
        <TextInput
          name="metricKey"
          label="Mã chỉ số"
          hint="Chữ thường không dấu, số và dấu gạch dưới; bảng chỉ số dùng mã này. Ví dụ: communes_info_channels."
          value={form.metricKey}
          errors={errors}
          required
        />
        <TextInput
          name="targetValue"
          label="Giá trị mục tiêu"
          inputMode="numeric"
          width="short"
          value={form.targetValue}
          errors={errors}
          required
        />
        <Choices
          name="unit"
          type="radio"
          label="Đơn vị tính"
          inline
          options={Object.entries(TARGET_UNIT_LABELS).map(([value, label]) => ({ value, label }))}
          value={form.unit}
          errors={errors}
          required
        />
        <Select
          name="source"
          label="Nguồn số liệu"
          options={Object.entries(TARGET_SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
          value={form.source}
          emptyLabel="Chọn nguồn"
          errors={errors}
          required
        />
        <TextInput
          name="sourceKey"
          label="Mã trường hoặc chỉ số nguồn"
          hint="Ví dụ: mã trường báo cáo định kỳ (people_guided, portal_articles) hoặc mã chỉ số (online_rate)."
          value={form.sourceKey}
          errors={errors}
        />
        <TextArea name="measure" label="Cách đo" value={form.measure} rows={3} errors={errors} required />
        <Button>Lưu chỉ tiêu</Button>
      </Form>
      {deleteAction ? (
        <Form action={deleteAction}>
          <Button variant="warning">Xóa chỉ tiêu này</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

export function PhaseFormPage({
  year,
  phase,
  form,
  errors,
}: {
  year: number;
  phase: repo.PhaseRow;
  form: PhaseForm;
  errors?: FormErrors;
}) {
  return (
    <Layout title={`Sửa giai đoạn ${phase.no}`} admin crumbs={crumbsFor(year)}>
      <h1>Sửa giai đoạn {phase.no}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/quan-tri/chien-dich/giai-doan/${phase.id}/sua`}>
        <TextInput name="name" label="Tên giai đoạn" value={form.name} errors={errors} required />
        <TextInput name="start" label="Ngày bắt đầu" type="date" width="short" value={form.start} errors={errors} required />
        <TextInput name="end" label="Ngày kết thúc" type="date" width="short" value={form.end} errors={errors} required />
        <TextArea name="goals" label="Mục tiêu" value={form.goals} rows={5} errors={errors} required />
        <TextArea name="units" label="Đơn vị thực hiện" value={form.units} rows={3} errors={errors} />
        <Button>Lưu</Button>
      </Form>
    </Layout>
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
  const title = deleteAction ? 'Sửa thông điệp' : 'Thêm thông điệp';
  return (
    <Layout title={title} admin crumbs={crumbsFor(year)}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={action}>
        <Select
          name="audience"
          label="Dành cho"
          options={audiences.map((a) => ({ value: a.id, label: a.name }))}
          value={form.audience}
          emptyLabel="Mọi đối tượng (thông điệp chính)"
          errors={errors}
        />
        <TextInput name="text" label="Thông điệp" value={form.text} errors={errors} required />
        <TextInput name="emphasis" label="Nhấn mạnh vào" value={form.emphasis} errors={errors} />
        <Button>Lưu thông điệp</Button>
      </Form>
      {deleteAction ? (
        <Form action={deleteAction}>
          <Button variant="warning">Xóa thông điệp này</Button>
        </Form>
      ) : null}
    </Layout>
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
    <Layout title="Kênh truyền thông" admin crumbs={CRUMBS}>
      <h1>Kênh truyền thông</h1>
      <CampaignNav />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p>Mã kênh dùng trong báo cáo và bảng chỉ số; tên kênh có thể sửa.</p>
      <DataTable caption="Danh sách kênh truyền thông">
        <thead>
          <tr>
            <th scope="col">Kênh</th>
            <th scope="col">Mã</th>
            <th scope="col">Nhóm</th>
            <th scope="col">Đang dùng</th>
            {canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody>
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
                  <a href={`/quan-tri/chien-dich/kenh/${c.key}/sua`}>
                    Sửa<span class="visually-hidden"> kênh {c.name}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
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
            <TextInput name="name" label="Tên kênh" value={form?.name} errors={errors} required />
            <Select
              name="grp"
              label="Nhóm"
              options={Object.entries(CHANNEL_GROUP_LABELS).map(([value, label]) => ({ value, label }))}
              value={form?.grp}
              emptyLabel="Chọn nhóm"
              errors={errors}
              required
            />
            <Button>Thêm kênh</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

export function ChannelEditPage({ channelKey, form, errors }: { channelKey: string; form: ChannelForm; errors?: FormErrors }) {
  return (
    <Layout title="Sửa kênh" admin crumbs={[...CRUMBS, { href: '/quan-tri/chien-dich/kenh', label: 'Kênh' }]}>
      <h1>Sửa kênh {channelKey}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/quan-tri/chien-dich/kenh/${channelKey}/sua`}>
        <TextInput name="name" label="Tên kênh" value={form.name} errors={errors} required />
        <Select
          name="grp"
          label="Nhóm"
          options={Object.entries(CHANNEL_GROUP_LABELS).map(([value, label]) => ({ value, label }))}
          value={form.grp}
          errors={errors}
          required
        />
        <Choices
          name="active"
          type="checkbox"
          label="Trạng thái"
          options={[{ value: '1', label: 'Đang dùng' }]}
          value={form.active ? '1' : ''}
          errors={errors}
        />
        <Button>Lưu</Button>
      </Form>
    </Layout>
  );
}

export function DutyFormPage({
  year,
  duty,
  form,
  errors,
}: {
  year: number;
  duty: repo.DutyRow;
  form: DutyForm;
  errors?: FormErrors;
}) {
  return (
    <Layout title="Sửa nhiệm vụ" admin crumbs={crumbsFor(year)}>
      <h1>Sửa nhiệm vụ: {duty.label}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/quan-tri/chien-dich/nhiem-vu/${duty.id}/sua`}>
        <TextInput name="label" label="Cơ quan, đơn vị" value={form.label} errors={errors} required />
        <TextArea
          name="duties"
          label="Nhiệm vụ"
          hint="Mỗi nhiệm vụ một dòng."
          value={form.duties}
          rows={10}
          errors={errors}
          required
        />
        <Button>Lưu</Button>
      </Form>
    </Layout>
  );
}
