import {
  Button,
  Checkbox,
  Choices,
  ErrorSummary,
  Form,
  Layout,
  Notice,
  Select,
  TextArea,
  TextInput,
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import { STATUS_EXPLAINED } from '../feedback.labels.js';
import type { FeedbackStatus } from '../feedback.table.js';

export interface FeedbackFormValues {
  content: string;
  category: string;
  topic: string;
  commune: string;
  name: string;
  phone: string;
  email: string;
  consent: boolean;
  /** Idempotency key of this form: a double click or a resend stores the item once. */
  submissionId: string;
  /** 'tro-ly' when the assistant sent the citizen here. */
  from: string;
}

export interface FormOptions {
  categories: Option[];
  topics: Option[];
  communes: Option[];
}

const CRUMBS = [{ href: '/', label: 'Trang chủ' }];

type ClassifyField = 'category' | 'topic' | 'commune';
const CLASSIFY_OPTIONS = { category: 'categories', topic: 'topics', commune: 'communes' } as const;

/** The wording of the group, procedure and commune fields. */
export type ClassifyText = Record<ClassifyField, { label: string; emptyLabel: string; hint?: string }>;

/** How a citizen is asked for the group, procedure and commune. */
const CLASSIFY_TEXT: ClassifyText = {
  category: { label: 'Việc này thuộc nhóm nào?', emptyLabel: 'Tôi không rõ' },
  topic: { label: 'Liên quan đến thủ tục nào?', emptyLabel: 'Không rõ hoặc không liên quan' },
  commune: {
    label: 'Việc xảy ra ở xã, phường nào?',
    hint: 'Chọn để phản ánh được chuyển thẳng đến UBND xã, phường đó.',
    emptyLabel: 'Không rõ hoặc không liên quan',
  },
};

/** The group, procedure and commune of an item: the same three choices in the public form and the staff entry form. */
export function ClassifyFields(props: {
  v: Pick<FeedbackFormValues, ClassifyField>;
  options: FormOptions;
  errors?: FormErrors;
  text: ClassifyText;
}) {
  return (
    <>
      {(['category', 'topic', 'commune'] as const).map((name) => (
        <Select
          key={name}
          name={name}
          label={props.text[name].label}
          hint={props.text[name].hint}
          options={props.options[CLASSIFY_OPTIONS[name]]}
          value={props.v[name]}
          emptyLabel={props.text[name].emptyLabel}
          errors={props.errors}
        />
      ))}
    </>
  );
}

/** The "overdue" badge after a status or a deadline. */
export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? <strong class="tag tag-late"> Quá hạn</strong> : null;
}

/** A term and its value in a facts list, left out when there is no value. */
export function OptionalFact({ term, value }: { term: string; value: string | null }) {
  return value ? (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  ) : null;
}

export function FeedbackFormPage({ v, options, errors }: { v: FeedbackFormValues; options: FormOptions; errors?: FormErrors }) {
  return (
    <Layout
      title="Gửi phản ánh, kiến nghị"
      crumbs={CRUMBS}
      description="Gửi phản ánh, kiến nghị về dịch vụ công, không cần tài khoản."
    >
      <h1>Gửi phản ánh, kiến nghị</h1>
      <ErrorSummary errors={errors} />
      {v.from === 'tro-ly' ? (
        <Notice kind="info">Trợ lý ảo đã chuyển bạn đến đây. Hãy viết điều bạn cần, cán bộ sẽ trả lời bạn.</Notice>
      ) : null}
      <p class="lead">Bạn gặp khó khăn khi làm thủ tục, hoặc muốn góp ý? Hãy viết cho chúng tôi. Bạn không cần tài khoản.</p>
      <p>
        Sau khi gửi, bạn nhận một <strong>mã tra cứu</strong> để xem câu trả lời. Cơ quan trả lời trong 15 ngày làm việc.
      </p>
      <Form action="/gop-y">
        <input type="hidden" name="ma-gui" value={v.submissionId} />
        <input type="hidden" name="tu" value={v.from} />
        <TextArea
          name="content"
          label="Bạn muốn phản ánh, kiến nghị điều gì?"
          hint="Viết rõ việc gì, ở đâu, khi nào. Không cần ghi số căn cước hay số điện thoại vào đây."
          value={v.content}
          rows={7}
          maxLength={4000}
          required
          errors={errors}
        />
        <ClassifyFields v={v} options={options} errors={errors} text={CLASSIFY_TEXT} />
        <fieldset class="panel">
          <legend>Thông tin để trả lời bạn (không bắt buộc)</legend>
          <p class="hint">Nếu không để lại, bạn vẫn xem được câu trả lời bằng mã tra cứu.</p>
          <TextInput name="name" label="Họ và tên" value={v.name} autocomplete="name" maxLength={100} errors={errors} />
          <TextInput
            name="phone"
            label="Số điện thoại"
            type="tel"
            inputMode="tel"
            autocomplete="tel"
            value={v.phone}
            maxLength={20}
            width="short"
            errors={errors}
          />
          <TextInput
            name="email"
            label="Email"
            hint="Chúng tôi báo cho bạn qua email khi có câu trả lời."
            type="email"
            autocomplete="email"
            value={v.email}
            maxLength={200}
            errors={errors}
          />
          <Checkbox
            name="consent"
            label="Đồng ý dùng thông tin liên hệ"
            hint="Cần đánh dấu nếu bạn để lại họ tên, số điện thoại hoặc email."
            option="Tôi đồng ý cho cơ quan nhà nước dùng thông tin trên để trả lời tôi về phản ánh này."
            checked={v.consent}
            errors={errors}
          />
        </fieldset>
        <div class="hp" aria-hidden="true">
          <label for="website">Không điền ô này</label>
          <input id="website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
        </div>
        <p class="hint">
          Câu trả lời có thể được <a href="/cong-khai">công khai</a> sau khi đã xóa họ tên, số điện thoại, địa chỉ và các thông
          tin cá nhân khác.
        </p>
        <Button>Gửi phản ánh</Button>
      </Form>
      <p>
        Đã gửi rồi? <a href="/gop-y/tra-cuu">Tra cứu bằng mã</a>.
      </p>
    </Layout>
  );
}

export function ThanksPage({ code, link, deadline }: { code: string; link: string; deadline: string }) {
  return (
    <Layout title="Đã gửi phản ánh" crumbs={CRUMBS}>
      <h1>Đã gửi phản ánh</h1>
      <div class="panel" role="status">
        <p>Mã tra cứu của bạn là:</p>
        <p class="code-big">
          <strong>{code}</strong>
        </p>
        <p>Hãy ghi lại mã này hoặc chụp màn hình. Hạn trả lời: {viDate(deadline)}.</p>
      </div>
      <h2>Xem câu trả lời</h2>
      <p>
        Mở đường dẫn riêng dưới đây để xem câu trả lời, gửi thêm thông tin và cho biết bạn có hài lòng không. Đừng gửi đường dẫn
        này cho người khác.
      </p>
      <p class="url">
        <a href={link}>{link}</a>
      </p>
      <p>
        Bạn cũng có thể <a href={`/gop-y/tra-cuu?ma=${code}`}>tra cứu tình trạng bằng mã</a>.
      </p>
    </Layout>
  );
}

export interface PublicViewData {
  code: string;
  status: FeedbackStatus;
  statusLabel: string;
  category: string | null;
  unit: string;
  receivedAt: string;
  deadline: string;
  overdue: boolean;
  content: string;
  answer: string | null;
  answeredAt: string | null;
  mergedInto: string | null;
  rating: string | null;
  history: Array<{ at: string; statusLabel: string | null; note: string | null }>;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i} class="pre-line">
          {p}
        </p>
      ))}
    </>
  );
}

/** The answer to the citizen, when there is one. */
function AnswerSection({ answer, answeredAt }: { answer: string | null; answeredAt: string | null }) {
  if (!answer) return null;
  return (
    <section aria-labelledby="tra-loi">
      <h2 id="tra-loi">Câu trả lời</h2>
      {answeredAt ? <p class="muted">Trả lời lúc {viDateTime(answeredAt)}</p> : null}
      <div class="answer">
        <Paragraphs text={answer} />
      </div>
    </section>
  );
}

export function StatusBlock({ d }: { d: PublicViewData }) {
  return (
    <>
      <dl class="facts-list">
        <dt>Tình trạng</dt>
        <dd>
          <strong class={`status status-${d.status}`}>{d.statusLabel}</strong>
          <OverdueTag overdue={d.overdue} />
          <br />
          <span class="muted">{STATUS_EXPLAINED[d.status]}</span>
        </dd>
        <dt>Ngày gửi</dt>
        <dd>{viDateTime(d.receivedAt)}</dd>
        <dt>Hạn trả lời</dt>
        <dd>{viDate(d.deadline)}</dd>
        <dt>Cơ quan xử lý</dt>
        <dd>{d.unit}</dd>
        <OptionalFact term="Nhóm vấn đề" value={d.category} />
      </dl>
      {d.mergedInto ? (
        <p class="callout">
          Phản ánh của bạn trùng nội dung với phản ánh <strong>{d.mergedInto}</strong> nên được trả lời chung.
        </p>
      ) : null}
    </>
  );
}

export function HistoryList({ rows }: { rows: PublicViewData['history'] }) {
  return (
    <ol class="history">
      {rows.map((h, i) => (
        <li key={i}>
          <span class="muted">{viDateTime(h.at)}</span>
          {h.statusLabel ? <strong> {h.statusLabel}</strong> : null}
          {h.note ? <span class="pre-line">: {h.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function LookupPage({ code, d, error }: { code: string; d: PublicViewData | null; error?: string }) {
  const title = d ? `Phản ánh ${d.code}` : 'Tra cứu phản ánh';
  return (
    <Layout title={title} crumbs={[...CRUMBS, { href: '/gop-y', label: 'Gửi phản ánh' }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={error ? [{ field: 'ma', message: error }] : undefined} />
      <Form action="/gop-y/tra-cuu" method="get" class="inline-form">
        <TextInput
          name="ma"
          label="Mã tra cứu"
          hint="Ví dụ: PA-2026-7K3Q9X"
          value={code}
          maxLength={30}
          autocomplete="off"
          required
          errors={error ? [{ field: 'ma', message: error }] : undefined}
        />
        <Button>Tra cứu</Button>
      </Form>
      {d ? (
        <>
          <StatusBlock d={d} />
          <h2>Nội dung đã gửi</h2>
          <p class="hint">Thông tin cá nhân đã được ẩn.</p>
          <blockquote class="quote">
            <Paragraphs text={d.content} />
          </blockquote>
          <AnswerSection answer={d.answer} answeredAt={d.answeredAt} />
          <h2>Quá trình xử lý</h2>
          <HistoryList rows={d.history} />
          <p>
            Để đánh giá câu trả lời hoặc gửi thêm thông tin, hãy mở đường dẫn riêng trong thư chúng tôi gửi hoặc trên trang xác
            nhận khi bạn gửi phản ánh.
          </p>
        </>
      ) : null}
    </Layout>
  );
}

export function FollowPage(props: {
  d: PublicViewData;
  fullContent: string;
  fullAnswer: string | null;
  token: string;
  canRate: boolean;
  needsInfo: string | null;
  done?: string;
  errors?: FormErrors;
}) {
  const { d } = props;
  const base = `/gop-y/theo-doi/${d.code}`;
  return (
    <Layout title={`Phản ánh ${d.code}`} crumbs={[...CRUMBS, { href: '/gop-y', label: 'Gửi phản ánh' }]}>
      <h1>Phản ánh {d.code}</h1>
      {props.done === 'danh-gia' ? <Notice>Cảm ơn bạn đã đánh giá câu trả lời.</Notice> : null}
      {props.done === 'bo-sung' ? <Notice>Đã gửi thông tin bổ sung. Cán bộ sẽ xử lý tiếp.</Notice> : null}
      <ErrorSummary errors={props.errors} />
      <p class="hint">Đây là trang riêng của bạn. Đừng gửi đường dẫn của trang này cho người khác.</p>
      <StatusBlock d={d} />
      <h2>Nội dung bạn đã gửi</h2>
      <blockquote class="quote">
        <Paragraphs text={props.fullContent} />
      </blockquote>
      {props.needsInfo !== null ? (
        <section aria-labelledby="bo-sung" class="callout">
          <h2 id="bo-sung">Cán bộ cần bạn bổ sung</h2>
          <p class="pre-line">{props.needsInfo}</p>
          <Form action={`${base}/bo-sung`}>
            <input type="hidden" name="k" value={props.token} />
            <TextArea name="thong-tin" label="Thông tin bổ sung" rows={5} maxLength={4000} required errors={props.errors} />
            <Button>Gửi thông tin bổ sung</Button>
          </Form>
        </section>
      ) : null}
      <AnswerSection answer={props.fullAnswer} answeredAt={d.answeredAt} />
      {props.canRate ? (
        <section aria-labelledby="hai-long">
          <h2 id="hai-long">Bạn có hài lòng với câu trả lời không?</h2>
          <Form action={`${base}/danh-gia`}>
            <input type="hidden" name="k" value={props.token} />
            <Choices
              name="danh-gia"
              type="radio"
              label="Đánh giá của bạn"
              required
              options={[
                { value: 'hai-long', label: 'Hài lòng' },
                { value: 'khong-hai-long', label: 'Không hài lòng: tôi muốn được xem xét lại' },
              ]}
              errors={props.errors}
            />
            <TextArea name="y-kien" label="Ý kiến thêm" rows={3} maxLength={1000} errors={props.errors} />
            <Button>Gửi đánh giá</Button>
          </Form>
        </section>
      ) : d.rating ? (
        <p>
          Bạn đã đánh giá: <strong>{d.rating === 'satisfied' ? 'Hài lòng' : 'Không hài lòng'}</strong>.
        </p>
      ) : null}
      <h2>Quá trình xử lý</h2>
      <HistoryList rows={d.history} />
    </Layout>
  );
}
