import {
  BackLink,
  bindFields,
  Button,
  ButtonForm,
  Checkbox,
  Choices,
  DataTable,
  ErrorSummary,
  FilterForm,
  FlashNotice,
  Form,
  Layout,
  Select,
  TextArea,
  TextInput,
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import {
  availability,
  optionsOf,
  QUESTION_TYPES,
  TYPE_LABELS,
  type DynamicOptions,
  type Question,
  type Survey,
} from '../surveys.model.js';
import type { PlacementRow } from '../surveys.repository.js';
import type { SurveyResults } from '../surveys.results.js';
import type { PlacementForm, QuestionForm, SurveyForm } from '../surveys.service.js';
import { fmtNum, fmtPct } from './charts.js';
import { ResultsBody } from './results.js';

const STATE_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  open: 'Đang mở',
  closed: 'Đã đóng',
  not_started: 'Chưa đến ngày bắt đầu',
  ended: 'Đã hết hạn',
};

export function AdminSurveysPage({ rows, canEdit }: { rows: Array<Survey & { responses: number }>; canEdit: boolean }) {
  return (
    <Layout title="Khảo sát" admin>
      <h1>Khảo sát</h1>
      {canEdit ? (
        <p>
          <a class="button button-primary" href="/quan-tri/khao-sat/moi">
            Tạo khảo sát mới
          </a>
        </p>
      ) : null}
      <DataTable
        caption="Danh sách khảo sát"
        columns={['Khảo sát', 'Trạng thái', 'Thời gian', { label: 'Số người trả lời', num: true }, 'Kết quả']}
        rows={rows}
        row={(s) => (
          <tr key={s.id}>
            <td>
              <a href={`/quan-tri/khao-sat/${s.id}`}>{s.title.vi}</a>
              {s.isSatisfaction ? <span class="tag">Hài lòng</span> : null}
            </td>
            <td>{STATE_LABELS[availability(s)]}</td>
            <td>
              {s.startsOn ? `Từ ${viDate(s.startsOn)}` : ''} {s.endsOn ? `đến ${viDate(s.endsOn)}` : ''}
            </td>
            <td class="num">{fmtNum(s.responses)}</td>
            <td>
              <a href={`/quan-tri/khao-sat/${s.id}/ket-qua`}>Xem kết quả</a>
              {s.resultsPublic ? ' (đã công bố)' : ''}
            </td>
          </tr>
        )}
      />
    </Layout>
  );
}

export function SurveyEditPage(props: { id?: number; form: SurveyForm; errors?: FormErrors; audiences: Option[] }) {
  const f = props.form;
  const field = bindFields(f, props.errors);
  const title = props.id ? 'Sửa thông tin khảo sát' : 'Tạo khảo sát mới';
  return (
    <Layout title={title} admin>
      <BackLink href={props.id ? `/quan-tri/khao-sat/${props.id}` : '/quan-tri/khao-sat'}>Quay lại</BackLink>
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} />
      <Form action={props.id ? `/quan-tri/khao-sat/${props.id}/sua` : '/quan-tri/khao-sat/moi'}>
        <TextInput {...field('title_vi')} label="Tên khảo sát (tiếng Việt)" required maxLength={200} />
        <TextInput
          {...field('title_en')}
          label="Tên khảo sát (tiếng Anh)"
          hint="Điền tên tiếng Anh thì khảo sát có thêm bản tiếng Anh (người trả lời chọn “English”)."
          maxLength={200}
        />
        <TextInput
          {...field('slug')}
          label="Đường dẫn"
          hint="Phần cuối của địa chỉ /khao-sat/..., chữ thường không dấu. Để trống để tạo từ tên. Không đổi được sau khi đã có người trả lời."
          maxLength={80}
        />
        <TextArea {...field('intro_vi')} label="Lời giới thiệu (tiếng Việt)" rows={4} maxLength={2000} />
        <TextArea {...field('intro_en')} label="Lời giới thiệu (tiếng Anh)" rows={4} maxLength={2000} />
        <TextInput {...field('starts_on')} type="date" label="Ngày bắt đầu" hint="Để trống: bắt đầu ngay khi mở." width="short" />
        <TextInput {...field('ends_on')} type="date" label="Ngày kết thúc" hint="Để trống: không hạn." width="short" />
        <Choices
          {...field('audiences')}
          type="checkbox"
          label="Đối tượng khảo sát"
          hint="Nếu chỉ chọn một đối tượng, mọi câu trả lời được tính cho đối tượng đó."
          options={props.audiences}
        />
        <Checkbox
          name="is_satisfaction"
          label="Loại khảo sát"
          option="Khảo sát mức độ hài lòng (tính vào chỉ số hài lòng của Thành phố)"
          checked={f.is_satisfaction}
          errors={props.errors}
        />
        <Checkbox
          name="contact_enabled"
          label="Thông tin liên hệ"
          hint="Người trả lời chỉ để lại liên hệ khi tự đánh dấu đồng ý. Không bao giờ bắt buộc."
          option="Cho phép để lại số điện thoại hoặc email (có ô đồng ý)"
          checked={f.contact_enabled}
          errors={props.errors}
        />
        <Button>{props.id ? 'Lưu' : 'Tạo khảo sát'}</Button>
      </Form>
    </Layout>
  );
}

function gotoLabel(g: string | null, questions: Question[]): string {
  if (!g) return '';
  if (g === 'end') return 'kết thúc';
  const i = questions.findIndex((q) => q.key === g);
  return i >= 0 ? `câu ${i + 1}` : g;
}

export function SurveyOverviewPage(props: {
  survey: Survey;
  questions: Question[];
  placements: Array<PlacementRow & { unit_name: string | null; responses: number }>;
  responses: number;
  canEdit: boolean;
  flash?: string;
  publicUrl: string;
  dyn: DynamicOptions;
  placementForm?: PlacementForm;
  placementErrors?: FormErrors;
}) {
  const { survey: s, questions } = props;
  const state = availability(s);
  const link = `${props.publicUrl}/khao-sat/${s.slug}`;
  const questionUrl = (q: Question) => `/quan-tri/khao-sat/${s.id}/cau-hoi/${q.id}`;
  return (
    <Layout title={s.title.vi} admin>
      <BackLink href="/quan-tri/khao-sat">Danh sách khảo sát</BackLink>
      <h1>{s.title.vi}</h1>
      <FlashNotice message={props.flash} />
      <dl class="facts">
        <dt>Trạng thái</dt>
        <dd>{STATE_LABELS[state]}</dd>
        <dt>Địa chỉ</dt>
        <dd>
          <a href={`/khao-sat/${s.slug}`}>
            <code>{link}</code>
          </a>
        </dd>
        <dt>Thời gian</dt>
        <dd>
          {s.startsOn ? `Từ ${viDate(s.startsOn)}` : 'Bắt đầu khi mở'}, {s.endsOn ? `đến hết ${viDate(s.endsOn)}` : 'không hạn'}
        </dd>
        <dt>Ngôn ngữ</dt>
        <dd>{s.hasEn ? 'Tiếng Việt, tiếng Anh' : 'Tiếng Việt'}</dd>
        <dt>Số người trả lời</dt>
        <dd>
          {fmtNum(props.responses)} · <a href={`/quan-tri/khao-sat/${s.id}/ket-qua`}>Xem kết quả</a>
        </dd>
        <dt>Kết quả công khai</dt>
        <dd>
          {s.resultsPublic ? (
            <>
              Đã công bố ngày {viDate(s.resultsPublishedAt)}: <a href={`/khao-sat/${s.slug}/ket-qua`}>trang kết quả công khai</a>
            </>
          ) : (
            'Chưa công bố'
          )}
        </dd>
      </dl>
      {props.canEdit ? (
        <div class="button-row">
          <a class="button button-secondary" href={`/quan-tri/khao-sat/${s.id}/sua`}>
            Sửa thông tin
          </a>
          {s.status !== 'open' ? (
            <ButtonForm action={`/quan-tri/khao-sat/${s.id}/trang-thai`} fields={{ status: 'open' }}>
              Mở khảo sát
            </ButtonForm>
          ) : (
            <ButtonForm action={`/quan-tri/khao-sat/${s.id}/trang-thai`} fields={{ status: 'closed' }} variant="warning">
              Đóng khảo sát
            </ButtonForm>
          )}
          <ButtonForm
            action={`/quan-tri/khao-sat/${s.id}/cong-bo`}
            fields={{ public: s.resultsPublic ? '0' : '1' }}
            variant="secondary"
          >
            {s.resultsPublic ? 'Thôi công bố kết quả' : 'Công bố kết quả'}
          </ButtonForm>
        </div>
      ) : null}

      <h2>Câu hỏi</h2>
      {questions.length ? (
        <ol class="survey-questions">
          {questions.map((q, i) => (
            <li key={q.id}>
              <p>
                <strong>{q.text.vi}</strong> <span class="tag">{TYPE_LABELS[q.type]}</span>{' '}
                {q.required ? <span class="tag">Bắt buộc</span> : null}
                {q.satisfaction ? <span class="tag">Thang hài lòng</span> : null}
              </p>
              {q.rules.length || q.next ? (
                <p class="muted">
                  Chuyển câu:{' '}
                  {q.rules
                    .map((r) => {
                      const o = optionsOf(q, props.dyn).find((x) => x.v === r.v);
                      return `chọn “${o?.vi ?? r.v}” thì đến ${gotoLabel(r.goto, questions)}`;
                    })
                    .concat(q.next ? [`sau câu này đến ${gotoLabel(q.next, questions)}`] : [])
                    .join('; ')}
                </p>
              ) : null}
              {props.canEdit ? (
                <div class="button-row">
                  <a href={questionUrl(q)}>
                    Sửa<span class="visually-hidden"> câu {i + 1}</span>
                  </a>
                  {i > 0 ? (
                    <ButtonForm action={`${questionUrl(q)}/len`} variant="secondary" srLabel={`câu ${i + 1}`}>
                      Lên
                    </ButtonForm>
                  ) : null}
                  {i < questions.length - 1 ? (
                    <ButtonForm action={`${questionUrl(q)}/xuong`} variant="secondary" srLabel={`câu ${i + 1}`}>
                      Xuống
                    </ButtonForm>
                  ) : null}
                  <ButtonForm action={`${questionUrl(q)}/xoa`} variant="warning" srLabel={`câu ${i + 1}`}>
                    Xóa
                  </ButtonForm>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>Chưa có câu hỏi.</p>
      )}
      {props.canEdit ? (
        <p>
          <a class="button button-secondary" href={`/quan-tri/khao-sat/${s.id}/cau-hoi/moi`}>
            Thêm câu hỏi
          </a>
        </p>
      ) : null}

      <h2 id="diem-phat">Điểm phát: đường dẫn và mã QR</h2>
      <p>
        Mỗi tờ rơi, áp phích hay kênh đăng tin có một <strong>mã nguồn</strong> riêng, để biết câu trả lời đến từ đâu.
      </p>
      <DataTable
        caption="Các điểm phát của khảo sát"
        columns={['Điểm phát', 'Đường dẫn', 'Mã QR', { label: 'Trả lời', num: true }, props.canEdit && 'Xóa']}
        rows={props.placements}
        row={(p) => (
          <tr key={p.id}>
            <td>
              {p.name}
              {p.unit_name ? <span class="muted"> ({p.unit_name})</span> : null}
            </td>
            <td>
              <code>{`${link}?nguon=${p.source}`}</code>
            </td>
            <td>
              <a href={`/quan-tri/khao-sat/${s.id}/qr.png?nguon=${p.source}`}>
                PNG<span class="visually-hidden"> {p.name}</span>
              </a>{' '}
              ·{' '}
              <a href={`/quan-tri/khao-sat/${s.id}/qr.svg?nguon=${p.source}`}>
                SVG<span class="visually-hidden"> {p.name}</span>
              </a>
            </td>
            <td class="num">{fmtNum(p.responses)}</td>
            {props.canEdit ? (
              <td>
                <ButtonForm action={`/quan-tri/khao-sat/${s.id}/diem-phat/${p.id}/xoa`} variant="warning" srLabel={p.name}>
                  Xóa
                </ButtonForm>
              </td>
            ) : null}
          </tr>
        )}
      >
        <tr>
          <td>Đường dẫn chung (không có mã nguồn)</td>
          <td>
            <code>{link}</code>
          </td>
          <td>
            <a href={`/quan-tri/khao-sat/${s.id}/qr.png`}>PNG</a> · <a href={`/quan-tri/khao-sat/${s.id}/qr.svg`}>SVG</a>
          </td>
          <td class="num"></td>
          {props.canEdit ? <td></td> : null}
        </tr>
      </DataTable>
      {props.canEdit ? (
        <>
          <h3>Thêm điểm phát</h3>
          <ErrorSummary errors={props.placementErrors} />
          <Form action={`/quan-tri/khao-sat/${s.id}/diem-phat#diem-phat`}>
            <TextInput
              name="name"
              label="Tên điểm phát"
              hint="Ví dụ: Tờ rơi tại Bộ phận một cửa phường Ba Đình"
              value={props.placementForm?.name}
              errors={props.placementErrors}
              required
              maxLength={120}
            />
            <TextInput
              name="source"
              label="Mã nguồn"
              hint="Chữ thường không dấu và dấu gạch ngang, ví dụ to-roi-ba-dinh. Để trống để tạo từ tên."
              value={props.placementForm?.source}
              errors={props.placementErrors}
              maxLength={60}
            />
            <Select
              name="unit"
              label="Xã, phường của điểm phát"
              hint="Câu trả lời không chọn xã, phường sẽ được tính cho xã, phường này."
              options={props.dyn.communes.map((c) => ({ value: c.v, label: c.vi }))}
              value={props.placementForm?.unit}
              emptyLabel="-- Không gắn với xã, phường --"
              errors={props.placementErrors}
            />
            <Button>Thêm điểm phát</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

export function QuestionEditPage(props: {
  survey: Survey;
  question?: Question;
  form: QuestionForm;
  errors?: FormErrors;
  questions: Question[];
  dyn: DynamicOptions;
}) {
  const { survey: s, question: q, form: f } = props;
  const field = bindFields(f, props.errors);
  const title = q ? 'Sửa câu hỏi' : 'Thêm câu hỏi';
  const position = q ? q.position : Number.POSITIVE_INFINITY;
  const later = props.questions.filter((x) => x.position > position);
  const gotoOptions: Option[] = [
    ...later.map((x) => ({ value: x.key, label: `Chuyển đến câu ${props.questions.indexOf(x) + 1}: ${x.text.vi.slice(0, 60)}` })),
    { value: 'end', label: 'Kết thúc khảo sát' },
  ];
  const ruleOptions = q && q.type !== 'text' && q.type !== 'commune' ? optionsOf(q, props.dyn) : [];
  return (
    <Layout title={title} admin>
      <BackLink href={`/quan-tri/khao-sat/${s.id}`}>Quay lại khảo sát</BackLink>
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} />
      <Form action={q ? `/quan-tri/khao-sat/${s.id}/cau-hoi/${q.id}` : `/quan-tri/khao-sat/${s.id}/cau-hoi/moi`}>
        <Choices
          {...field('type')}
          type="radio"
          label="Loại câu hỏi"
          options={QUESTION_TYPES.map((x) => ({ value: x, label: TYPE_LABELS[x] }))}
          required
        />
        <TextArea {...field('text_vi')} label="Câu hỏi (tiếng Việt)" rows={2} required maxLength={500} />
        <TextArea {...field('text_en')} label="Câu hỏi (tiếng Anh)" rows={2} maxLength={500} />
        <TextInput {...field('help_vi')} label="Gợi ý (tiếng Việt)" maxLength={500} />
        <TextInput {...field('help_en')} label="Gợi ý (tiếng Anh)" maxLength={500} />
        <Checkbox
          name="required"
          label="Bắt buộc"
          option="Người trả lời phải trả lời câu này (nếu không được bỏ qua)"
          checked={f.required}
          errors={props.errors}
        />
        <TextArea
          {...field('options')}
          label="Các đáp án"
          hint="Chọn một / chọn nhiều: mỗi dòng một đáp án, có thể thêm bản tiếng Anh sau dấu |, ví dụ: Có | Yes. Thang 1-5 (không phải thang hài lòng): 5 dòng nhãn hoặc để trống. Các loại khác: để trống."
          rows={6}
        />
        <Checkbox
          name="satisfaction"
          label="Thang hài lòng"
          hint="Chỉ cho thang 1-5: đáp án là Rất không hài lòng, Không hài lòng, Bình thường, Hài lòng, Rất hài lòng."
          option="Đây là câu hỏi về mức độ hài lòng"
          checked={f.satisfaction}
          errors={props.errors}
        />
        <Select
          {...field('next')}
          label="Sau câu này"
          hint="Với mọi câu trả lời (trừ khi có quy tắc riêng theo đáp án bên dưới)."
          options={gotoOptions}
          emptyLabel="Sang câu tiếp theo"
        />
        {ruleOptions.length ? (
          <fieldset>
            <legend>Chuyển câu theo đáp án</legend>
            <p class="hint">Ví dụ: nếu chọn “Chưa” thì chuyển đến câu 5 hoặc kết thúc.</p>
            {ruleOptions.map((o) => (
              <Select
                key={o.v}
                name={`rule_${o.v}`}
                label={`Nếu chọn “${o.vi}”`}
                options={gotoOptions}
                value={f.rules[o.v] ?? ''}
                emptyLabel="Không chuyển (theo mục “Sau câu này”)"
              />
            ))}
          </fieldset>
        ) : q ? null : (
          <p class="hint">Sau khi lưu câu hỏi, bạn có thể đặt quy tắc chuyển câu theo từng đáp án.</p>
        )}
        <Button>{q ? 'Lưu câu hỏi' : 'Thêm câu hỏi'}</Button>
      </Form>
    </Layout>
  );
}

export interface ResultsFilterValues {
  'doi-tuong': string;
  nguon: string;
  'don-vi': string;
  tu: string;
  den: string;
}

export function AdminResultsPage(props: {
  survey: Survey;
  results: SurveyResults;
  filter: ResultsFilterValues;
  audiences: Option[];
  sources: Option[];
  units: Option[];
  exportQuery: string;
  scopedTo: string | null;
  showTexts: boolean;
}) {
  const { survey: s, results, filter } = props;
  return (
    <Layout title={`Kết quả: ${s.title.vi}`} admin>
      <BackLink href={`/quan-tri/khao-sat/${s.id}`}>Quay lại khảo sát</BackLink>
      <h1>Kết quả: {s.title.vi}</h1>
      {props.scopedTo ? <p class="callout">Bạn xem câu trả lời thuộc {props.scopedTo}.</p> : null}
      <FilterForm action={`/quan-tri/khao-sat/${s.id}/ket-qua`}>
        <Select name="doi-tuong" label="Đối tượng" options={props.audiences} value={filter['doi-tuong']} emptyLabel="Tất cả" />
        <Select name="nguon" label="Nguồn" options={props.sources} value={filter.nguon} emptyLabel="Tất cả" />
        <Select name="don-vi" label="Xã, phường" options={props.units} value={filter['don-vi']} emptyLabel="Tất cả" />
        <TextInput name="tu" type="date" label="Từ ngày" value={filter.tu} width="short" />
        <TextInput name="den" type="date" label="Đến ngày" value={filter.den} width="short" />
      </FilterForm>
      <p>
        Tải về (theo bộ lọc đang chọn): <a href={`/quan-tri/khao-sat/${s.id}/ket-qua.csv${props.exportQuery}`}>CSV</a> ·{' '}
        <a href={`/quan-tri/khao-sat/${s.id}/ket-qua.xlsx${props.exportQuery}`}>Excel (XLSX)</a>
      </p>
      {results.total === 0 ? <p>Chưa có câu trả lời phù hợp với bộ lọc.</p> : null}
      <ResultsBody results={results} showTexts={props.showTexts} showSource />
      <p class="muted">
        Cập nhật lúc {viDateTime(new Date().toISOString())}. Chỉ số hài lòng tổng: {fmtPct(results.satisfaction)}.
      </p>
    </Layout>
  );
}
