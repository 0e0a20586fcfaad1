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
  viDateTime,
  viNumber,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import type { DictionaryEntry } from '../../../platform/text/index.js';
import type { DayFigures } from '../assistant.repository.js';

export const OUTCOME_LABELS: Record<string, string> = {
  answered: 'Đã trả lời',
  followup: 'Trả lời câu hỏi tiếp',
  clarify: 'Hỏi lại cho rõ',
  declined: 'Ngoài phạm vi',
  greeting: 'Chào hỏi',
};

export const CHANNEL_LABELS: Record<string, string> = {
  web: 'Trang web (API)',
  'tro-ly': 'Trang Hỏi trợ lý',
  widget: 'Tiện ích nhúng',
  zalo: 'Zalo OA',
  webhook: 'Ứng dụng khác',
  ihanoi: 'iHanoi',
};

const KIND_LABELS: Record<string, string> = {
  abbreviation: 'Viết tắt',
  teencode: 'Cách gõ tắt',
  synonym: 'Từ đồng nghĩa',
  alias: 'Cách gọi khác',
  faq: 'Câu hỏi thường gặp',
};

const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

function SubNav({ current }: { current: string }) {
  const links = [
    { href: '/quan-tri/tro-ly', label: 'Số liệu' },
    { href: '/quan-tri/tro-ly/hang-cho', label: 'Hàng chờ câu hỏi' },
    { href: '/quan-tri/tro-ly/hoi-thoai', label: 'Nhật ký hội thoại' },
    { href: '/quan-tri/tro-ly/cum-tu', label: 'Cách hỏi đã thêm' },
    { href: '/quan-tri/tu-dien', label: 'Từ điển viết tắt' },
  ];
  return (
    <nav aria-label="Trợ lý ảo" class="pills">
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={l.href === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function FiguresPage(props: {
  from: string;
  byDay: DayFigures[];
  topics: Array<{ topic: string; title: string; n: number }>;
  queueOpen: number | null;
}) {
  const total = props.byDay.reduce(
    (a, r) => ({
      questions: a.questions + r.questions,
      answered: a.answered + r.answered,
      clarified: a.clarified + r.clarified,
      declined: a.declined + r.declined,
    }),
    { questions: 0, answered: 0, clarified: 0, declined: 0 },
  );
  return (
    <Layout title="Trợ lý ảo" admin>
      <h1>Trợ lý ảo</h1>
      <SubNav current="/quan-tri/tro-ly" />
      <p>
        Số liệu 30 ngày gần nhất (từ {props.from.split('-').reverse().join('/')}): {viNumber(total.questions)} câu hỏi,{' '}
        {viNumber(total.answered)} được trả lời, {viNumber(total.clarified)} phải hỏi lại, {viNumber(total.declined)} ngoài phạm
        vi.
        {props.queueOpen !== null ? (
          <>
            {' '}
            <a href="/quan-tri/tro-ly/hang-cho">{viNumber(props.queueOpen)} câu hỏi đang chờ biên tập viên xử lý</a>.
          </>
        ) : null}
      </p>
      <h2>Theo ngày và kênh</h2>
      {props.byDay.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Số câu hỏi theo ngày và kênh</caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Kênh</th>
                <th scope="col" class="num">
                  Câu hỏi
                </th>
                <th scope="col" class="num">
                  Đã trả lời
                </th>
                <th scope="col" class="num">
                  Hỏi lại
                </th>
                <th scope="col" class="num">
                  Ngoài phạm vi
                </th>
              </tr>
            </thead>
            <tbody>
              {props.byDay.map((r) => (
                <tr key={`${r.day}-${r.channel}`}>
                  <th scope="row">{r.day.split('-').reverse().join('/')}</th>
                  <td>{channelLabel(r.channel)}</td>
                  <td class="num">{viNumber(r.questions)}</td>
                  <td class="num">{viNumber(r.answered)}</td>
                  <td class="num">{viNumber(r.clarified)}</td>
                  <td class="num">{viNumber(r.declined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Chưa có câu hỏi nào trong 30 ngày qua.</p>
      )}
      <h2>Chủ đề được hỏi nhiều nhất</h2>
      {props.topics.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Chủ đề được trợ lý trả lời nhiều nhất</caption>
            <thead>
              <tr>
                <th scope="col">Chủ đề</th>
                <th scope="col" class="num">
                  Số câu trả lời
                </th>
              </tr>
            </thead>
            <tbody>
              {props.topics.map((t) => (
                <tr key={t.topic}>
                  <th scope="row">
                    <a href={`/huong-dan/${t.topic}`}>{t.title}</a>
                  </th>
                  <td class="num">{viNumber(t.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Chưa có dữ liệu.</p>
      )}
    </Layout>
  );
}

export function ConversationsPage(props: {
  rows: Array<{
    id: string;
    channel: string;
    last_topic: string | null;
    message_count: number;
    created_at: string;
    updated_at: string;
  }>;
  page: number;
  pages: number;
  total: number;
  topicTitle: (id: string) => string;
}) {
  return (
    <Layout title="Nhật ký hội thoại" admin>
      <h1>Nhật ký hội thoại</h1>
      <SubNav current="/quan-tri/tro-ly/hoi-thoai" />
      <p>{viNumber(props.total)} cuộc hội thoại. Số điện thoại, email và số giấy tờ đã được xóa khỏi câu hỏi trước khi lưu.</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Các cuộc hội thoại, mới nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Bắt đầu</th>
              <th scope="col">Kênh</th>
              <th scope="col" class="num">
                Số câu hỏi
              </th>
              <th scope="col">Chủ đề gần nhất</th>
              <th scope="col">Xem</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.id}>
                <td>{viDateTime(r.created_at)}</td>
                <td>{channelLabel(r.channel)}</td>
                <td class="num">{r.message_count}</td>
                <td>{r.last_topic ? props.topicTitle(r.last_topic) : 'Chưa rõ'}</td>
                <td>
                  <a href={`/quan-tri/tro-ly/hoi-thoai/${r.id}`}>
                    Xem<span class="visually-hidden"> hội thoại lúc {viDateTime(r.created_at)}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.pages > 1 ? (
        <nav aria-label="Trang" class="pills">
          <ul>
            {Array.from({ length: props.pages }, (_, i) => i + 1)
              .slice(0, 50)
              .map((p) => (
                <li key={p}>
                  <a href={`/quan-tri/tro-ly/hoi-thoai?trang=${p}`} aria-current={p === props.page ? 'page' : undefined}>
                    {p}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

export function ConversationPage(props: {
  conv: { id: string; channel: string; created_at: string };
  messages: Array<{
    id: number;
    created_at: string;
    question: string;
    outcome: string;
    topic: string | null;
    confidence: number;
    llm: number;
    reply: string;
  }>;
  topicTitle: (id: string) => string;
}) {
  return (
    <Layout title="Một cuộc hội thoại" admin>
      <p>
        <a href="/quan-tri/tro-ly/hoi-thoai">Nhật ký hội thoại</a>
      </p>
      <h1>Hội thoại lúc {viDateTime(props.conv.created_at)}</h1>
      <p>Kênh: {channelLabel(props.conv.channel)}.</p>
      <ol class="chat">
        {props.messages.map((m) => {
          const reply = JSON.parse(m.reply) as { answer: string };
          return (
            <li key={m.id}>
              <p class="chat-q">
                <strong>Câu hỏi ({viDateTime(m.created_at)}): </strong>
                {m.question}
              </p>
              <p>
                <strong>{OUTCOME_LABELS[m.outcome] ?? m.outcome}</strong>
                {m.topic ? ` · ${props.topicTitle(m.topic)}` : ''} · độ tin cậy {Math.round(m.confidence * 100)}%
                {m.llm ? ' · có dùng mô hình ngôn ngữ' : ''}
              </p>
              <p class="chat-a">{reply.answer}</p>
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

export interface QueueItem {
  id: number;
  created_at: string;
  channel: string;
  question: string;
  outcome: string;
  topic: string | null;
  confidence: number;
}

export function QueuePage(props: {
  items: QueueItem[];
  total: number;
  topics: Option[];
  flash?: string;
  /** The item whose form failed, with its errors and values. */
  failed?: { id: number; errors: FormErrors; values: { topicId: string; kind: string; phrase: string; answer: string } };
}) {
  return (
    <Layout title="Hàng chờ câu hỏi" admin>
      <h1>Hàng chờ câu hỏi</h1>
      <SubNav current="/quan-tri/tro-ly/hang-cho" />
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={props.failed?.errors.map((e) => ({ ...e, field: `${e.field}-${props.failed!.id}` }))} />
      <p>
        Câu hỏi trợ lý chưa trả lời được hoặc trả lời chưa chắc chắn ({viNumber(props.total)} câu). Chọn chủ đề đúng rồi thêm câu
        hỏi làm <strong>cách gọi khác</strong> hoặc <strong>câu hỏi thường gặp</strong> của chủ đề: trợ lý dùng ngay, không cần
        xuất bản lại hướng dẫn. Câu hỏi thật sự ngoài phạm vi thì bấm “Bỏ qua”.
      </p>
      {props.items.length ? null : <p>Không có câu hỏi nào đang chờ.</p>}
      {props.items.map((m) => {
        const failed = props.failed?.id === m.id ? props.failed : undefined;
        const errors = failed?.errors;
        return (
          <section key={m.id} class="panel queue-item" aria-labelledby={`cau-hoi-${m.id}`}>
            <h2 id={`cau-hoi-${m.id}`} class="queue-question">
              “{m.question}”
            </h2>
            <p>
              {viDateTime(m.created_at)} · {channelLabel(m.channel)} · {OUTCOME_LABELS[m.outcome] ?? m.outcome} · độ tin cậy{' '}
              {Math.round(m.confidence * 100)}%
            </p>
            <Form action={`/quan-tri/tro-ly/hang-cho/${m.id}/them`}>
              <Select
                id={`topicId-${m.id}`}
                name="topicId"
                label="Chủ đề đúng"
                options={props.topics}
                value={failed?.values.topicId ?? m.topic ?? ''}
                emptyLabel="Chọn chủ đề"
                required
                errors={errors}
              />
              <Choices
                id={`kind-${m.id}`}
                name="kind"
                type="radio"
                label="Thêm làm"
                inline
                required
                options={[
                  { value: 'alias', label: 'Cách gọi khác' },
                  { value: 'faq', label: 'Câu hỏi thường gặp' },
                ]}
                value={failed?.values.kind ?? 'alias'}
                errors={errors}
              />
              <TextInput
                id={`phrase-${m.id}`}
                name="phrase"
                label="Câu hỏi hoặc cách gọi (sửa lại cho gọn nếu cần)"
                value={failed?.values.phrase ?? m.question}
                maxLength={300}
                required
                errors={errors}
              />
              <TextArea
                id={`answer-${m.id}`}
                name="answer"
                label="Câu trả lời ngắn (chỉ với câu hỏi thường gặp)"
                hint="Để trống thì trợ lý trả lời bằng tóm tắt và các bước của hướng dẫn."
                rows={2}
                maxLength={1500}
                value={failed?.values.answer ?? ''}
                errors={errors}
              />
              <Button>Thêm vào chủ đề</Button>
            </Form>
            <Form action={`/quan-tri/tro-ly/hang-cho/${m.id}/bo-qua`} class="inline">
              <Button variant="secondary">
                Bỏ qua<span class="visually-hidden"> câu hỏi “{m.question}”</span>
              </Button>
            </Form>
          </section>
        );
      })}
    </Layout>
  );
}

export function PhrasesPage(props: {
  rows: Array<{
    id: number;
    topic_id: string;
    phrase: string;
    kind: string;
    answer: string | null;
    created_at: string;
    author: string | null;
  }>;
  topicTitle: (id: string) => string;
  flash?: string;
}) {
  return (
    <Layout title="Cách hỏi đã thêm cho trợ lý" admin>
      <h1>Cách hỏi đã thêm cho trợ lý</h1>
      <SubNav current="/quan-tri/tro-ly/cum-tu" />
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>
        Cách gọi khác và câu hỏi thường gặp mà biên tập viên thêm từ hàng chờ. Trợ lý dùng ngay; nội dung hướng dẫn không đổi.
        Muốn đưa vào hướng dẫn chính thức thì sửa hướng dẫn theo quy trình duyệt.
      </p>
      {props.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Cách hỏi đã thêm, theo chủ đề</caption>
            <thead>
              <tr>
                <th scope="col">Chủ đề</th>
                <th scope="col">Loại</th>
                <th scope="col">Câu hỏi hoặc cách gọi</th>
                <th scope="col">Người thêm</th>
                <th scope="col">Xóa</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  <td>{props.topicTitle(r.topic_id)}</td>
                  <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td>
                    {r.phrase}
                    {r.answer ? <p class="hint">Trả lời: {r.answer}</p> : null}
                  </td>
                  <td>
                    {r.author ?? ''} ({viDateTime(r.created_at)})
                  </td>
                  <td>
                    <Form action={`/quan-tri/tro-ly/cum-tu/${r.id}/xoa`} class="inline">
                      <Button variant="warning">
                        Xóa<span class="visually-hidden"> “{r.phrase}”</span>
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Chưa có cách hỏi nào được thêm.</p>
      )}
    </Layout>
  );
}

export function TermsPage(props: {
  rows: Array<{ id: number; term: string; expansion: string; kind: string; created_at: string; author: string | null }>;
  starter: readonly DictionaryEntry[];
  errors?: FormErrors;
  values?: { term: string; expansion: string; kind: string };
  flash?: string;
}) {
  return (
    <Layout title="Từ điển viết tắt" admin>
      <h1>Từ điển viết tắt</h1>
      <SubNav current="/quan-tri/tu-dien" />
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      <p>
        Tìm kiếm và trợ lý hiểu các chữ viết tắt, cách gõ tắt và từ đồng nghĩa trong từ điển này. Mục mới có hiệu lực ngay. Chỉ
        thêm cách nói chung của người dân (ví dụ “gks” = “giấy khai sinh”), không thêm nguyên một câu hỏi.
      </p>
      <h2>Thêm mục từ</h2>
      <Form action="/quan-tri/tu-dien">
        <TextInput
          name="term"
          label="Chữ viết tắt hoặc cách gõ"
          hint="Ví dụ: gks, ko, sổ đỏ. Gõ có dấu hay không đều được."
          maxLength={40}
          width="short"
          required
          value={props.values?.term}
          errors={props.errors}
        />
        <TextInput
          name="expansion"
          label="Nghĩa đầy đủ"
          hint="Ví dụ: giấy khai sinh"
          maxLength={200}
          required
          value={props.values?.expansion}
          errors={props.errors}
        />
        <Choices
          name="kind"
          type="radio"
          label="Loại"
          inline
          required
          options={[
            { value: 'abbreviation', label: KIND_LABELS.abbreviation! },
            { value: 'teencode', label: KIND_LABELS.teencode! },
            { value: 'synonym', label: KIND_LABELS.synonym! },
          ]}
          value={props.values?.kind ?? 'abbreviation'}
          errors={props.errors}
        />
        <Button>Thêm vào từ điển</Button>
      </Form>
      <h2>Mục do biên tập viên thêm</h2>
      {props.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Mục từ điển do biên tập viên thêm</caption>
            <thead>
              <tr>
                <th scope="col">Viết tắt</th>
                <th scope="col">Nghĩa</th>
                <th scope="col">Loại</th>
                <th scope="col">Người thêm</th>
                <th scope="col">Xóa</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.term}</th>
                  <td>{r.expansion}</td>
                  <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td>
                    {r.author ?? ''} ({viDateTime(r.created_at)})
                  </td>
                  <td>
                    <Form action={`/quan-tri/tu-dien/${r.id}/xoa`} class="inline">
                      <Button variant="warning">
                        Xóa<span class="visually-hidden"> “{r.term}”</span>
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Chưa có mục nào.</p>
      )}
      <details>
        <summary>Từ điển có sẵn ({props.starter.length} mục)</summary>
        <ul>
          {props.starter.map((e) => (
            <li key={e.term}>
              <strong>{e.term}</strong>: {e.expansion}
            </li>
          ))}
        </ul>
      </details>
    </Layout>
  );
}
