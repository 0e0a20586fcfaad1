import type { ComponentChildren } from 'preact';
import {
  BackLink,
  Button,
  ButtonForm,
  Choices,
  DataTable,
  ErrorSummary,
  FlashNotice,
  Form,
  Layout,
  PillNav,
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

const SECTION_LINKS = [
  { href: '/quan-tri/tro-ly', label: 'Số liệu' },
  { href: '/quan-tri/tro-ly/hang-cho', label: 'Hàng chờ câu hỏi' },
  { href: '/quan-tri/tro-ly/hoi-thoai', label: 'Nhật ký hội thoại' },
  { href: '/quan-tri/tro-ly/cum-tu', label: 'Cách hỏi đã thêm' },
  { href: '/quan-tri/tu-dien', label: 'Từ điển viết tắt' },
];

/** A page of the assistant section: heading, the section's links (this page marked), the message after a change. */
function SectionLayout(props: { title: string; current: string; flash?: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title} admin>
      <h1>{props.title}</h1>
      <PillNav label="Trợ lý ảo" links={SECTION_LINKS} current={props.current} />
      <FlashNotice message={props.flash} />
      {props.children}
    </Layout>
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
    <SectionLayout title="Trợ lý ảo" current="/quan-tri/tro-ly">
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
      <DataTable
        caption="Số câu hỏi theo ngày và kênh"
        columns={[
          'Ngày',
          'Kênh',
          { label: 'Câu hỏi', num: true },
          { label: 'Đã trả lời', num: true },
          { label: 'Hỏi lại', num: true },
          { label: 'Ngoài phạm vi', num: true },
        ]}
        rows={props.byDay}
        empty="Chưa có câu hỏi nào trong 30 ngày qua."
        row={(r) => (
          <tr key={`${r.day}-${r.channel}`}>
            <th scope="row">{r.day.split('-').reverse().join('/')}</th>
            <td>{channelLabel(r.channel)}</td>
            <td class="num">{viNumber(r.questions)}</td>
            <td class="num">{viNumber(r.answered)}</td>
            <td class="num">{viNumber(r.clarified)}</td>
            <td class="num">{viNumber(r.declined)}</td>
          </tr>
        )}
      />
      <h2>Chủ đề được hỏi nhiều nhất</h2>
      <DataTable
        caption="Chủ đề được trợ lý trả lời nhiều nhất"
        columns={['Chủ đề', { label: 'Số câu trả lời', num: true }]}
        rows={props.topics}
        empty="Chưa có dữ liệu."
        row={(t) => (
          <tr key={t.topic}>
            <th scope="row">
              <a href={`/huong-dan/${t.topic}`}>{t.title}</a>
            </th>
            <td class="num">{viNumber(t.n)}</td>
          </tr>
        )}
      />
    </SectionLayout>
  );
}

const PAGE_LINK = '/quan-tri/tro-ly/hoi-thoai?trang=';

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
    <SectionLayout title="Nhật ký hội thoại" current="/quan-tri/tro-ly/hoi-thoai">
      <p>{viNumber(props.total)} cuộc hội thoại. Số điện thoại, email và số giấy tờ đã được xóa khỏi câu hỏi trước khi lưu.</p>
      <DataTable
        caption="Các cuộc hội thoại, mới nhất trước"
        columns={['Bắt đầu', 'Kênh', { label: 'Số câu hỏi', num: true }, 'Chủ đề gần nhất', 'Xem']}
        rows={props.rows}
        row={(r) => (
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
        )}
      />
      {props.pages > 1 ? (
        <PillNav
          label="Trang"
          links={Array.from({ length: Math.min(props.pages, 50) }, (_, i) => ({
            href: `${PAGE_LINK}${i + 1}`,
            label: String(i + 1),
          }))}
          current={`${PAGE_LINK}${props.page}`}
        />
      ) : null}
    </SectionLayout>
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
      <BackLink href="/quan-tri/tro-ly/hoi-thoai">Nhật ký hội thoại</BackLink>
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
    <SectionLayout title="Hàng chờ câu hỏi" current="/quan-tri/tro-ly/hang-cho" flash={props.flash}>
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
            <ButtonForm
              action={`/quan-tri/tro-ly/hang-cho/${m.id}/bo-qua`}
              variant="secondary"
              srLabel={`câu hỏi “${m.question}”`}
            >
              Bỏ qua
            </ButtonForm>
          </section>
        );
      })}
    </SectionLayout>
  );
}

/** Who added an editor's entry, and when. */
const AddedBy = ({ author, at }: { author: string | null; at: string }) => (
  <td>
    {author ?? ''} ({viDateTime(at)})
  </td>
);

/** "Xóa" for an editor's entry; screen readers also hear which entry. */
const DeleteButton = ({ action, what }: { action: string; what: string }) => (
  <ButtonForm action={action} variant="warning" srLabel={`“${what}”`}>
    Xóa
  </ButtonForm>
);

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
    <SectionLayout title="Cách hỏi đã thêm cho trợ lý" current="/quan-tri/tro-ly/cum-tu" flash={props.flash}>
      <p>
        Cách gọi khác và câu hỏi thường gặp mà biên tập viên thêm từ hàng chờ. Trợ lý dùng ngay; nội dung hướng dẫn không đổi.
        Muốn đưa vào hướng dẫn chính thức thì sửa hướng dẫn theo quy trình duyệt.
      </p>
      <DataTable
        caption="Cách hỏi đã thêm, theo chủ đề"
        columns={['Chủ đề', 'Loại', 'Câu hỏi hoặc cách gọi', 'Người thêm', 'Xóa']}
        rows={props.rows}
        empty="Chưa có cách hỏi nào được thêm."
        row={(r) => (
          <tr key={r.id}>
            <td>{props.topicTitle(r.topic_id)}</td>
            <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
            <td>
              {r.phrase}
              {r.answer ? <p class="hint">Trả lời: {r.answer}</p> : null}
            </td>
            <AddedBy author={r.author} at={r.created_at} />
            <td>
              <DeleteButton action={`/quan-tri/tro-ly/cum-tu/${r.id}/xoa`} what={r.phrase} />
            </td>
          </tr>
        )}
      />
    </SectionLayout>
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
    <SectionLayout title="Từ điển viết tắt" current="/quan-tri/tu-dien" flash={props.flash}>
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
          hint="Ví dụ: giấy khai sinh. Nếu có nhiều nghĩa, ngăn cách bằng dấu |, nghĩa hay gặp nhất trước (ví dụ với mk: mình | mật khẩu); trợ lý chọn nghĩa hợp với các từ đứng cạnh."
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
      <DataTable
        caption="Mục từ điển do biên tập viên thêm"
        columns={['Viết tắt', 'Nghĩa', 'Loại', 'Người thêm', 'Xóa']}
        rows={props.rows}
        empty="Chưa có mục nào."
        row={(r) => (
          <tr key={r.id}>
            <th scope="row">{r.term}</th>
            <td>{r.expansion}</td>
            <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
            <AddedBy author={r.author} at={r.created_at} />
            <td>
              <DeleteButton action={`/quan-tri/tu-dien/${r.id}/xoa`} what={r.term} />
            </td>
          </tr>
        )}
      />
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
    </SectionLayout>
  );
}
