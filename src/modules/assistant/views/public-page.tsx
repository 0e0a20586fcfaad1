import { Button, ErrorSummary, Form, Layout, TextArea, type FormErrors } from '../../../platform/html/index.js';
import { FEEDBACK_URL, HOTLINE, HOTLINE_TEL, type Reply } from '../assistant.answer.js';

export interface Exchange {
  question: string;
  reply: Reply;
  topic: string | null;
}

const EXAMPLES = [
  'Làm giấy khai sinh cho con thế nào?',
  'cap lai cccd bi mat',
  'Quên mật khẩu VNeID phải làm sao?',
  'Đổi bằng lái xe online mất bao lâu?',
];

/** Links in an answer: guide pages are on this site; official services open in the same tab, as plain links. */
function Answer({ ex, n }: { ex: Exchange; n: number }) {
  const { reply } = ex;
  return (
    <div class="chat-a" id={`tra-loi-${n}`} tabIndex={-1}>
      <h3 class="visually-hidden">Trả lời câu hỏi {n}</h3>
      {reply.answer.split('\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {reply.steps.length ? (
        <>
          <p>
            <strong>Các bước:</strong>
          </p>
          <ol class="steps-compact">
            {reply.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </>
      ) : null}
      {ex.topic === null && reply.steps.length === 0 ? (
        <ul>
          <li>
            Đường dây nóng 1022 của Hà Nội: <a href={HOTLINE_TEL}>{HOTLINE}</a>
          </li>
          <li>Bộ phận một cửa của UBND xã, phường gần nhất</li>
          <li>
            <a href={FEEDBACK_URL}>Gửi góp ý</a>
          </li>
        </ul>
      ) : null}
      {reply.sources.length ? (
        <ul class="refs">
          {reply.sources.map((s) => (
            <li key={s.url}>
              <a href={s.url}>{s.title}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The full-page assistant: works with plain form posts (no JavaScript), the conversation id in a hidden field.
 */
export function AssistantPage(props: {
  conversationId: string | null;
  exchanges: Exchange[];
  question?: string;
  errors?: FormErrors;
}) {
  const { exchanges, conversationId } = props;
  const last = exchanges[exchanges.length - 1];
  return (
    <Layout
      title="Hỏi trợ lý dịch vụ công"
      description="Hỏi về thủ tục dịch vụ công trực tuyến ở Hà Nội bằng lời của bạn, có dấu hay không dấu đều được."
      crumbs={[{ href: '/', label: 'Trang chủ' }]}
    >
      <h1>Hỏi trợ lý dịch vụ công</h1>
      <p class="lead">
        Hỏi bằng lời của bạn, gõ có dấu hay không dấu đều được. Trợ lý trả lời theo các hướng dẫn đã được Trung tâm Phục vụ hành
        chính công kiểm tra.
      </p>
      <p class="hint">Đừng gửi số điện thoại, số căn cước, mật khẩu hay mã OTP. Trợ lý không bao giờ hỏi những thông tin này.</p>
      <ErrorSummary errors={props.errors} />
      {exchanges.length ? (
        <section aria-labelledby="cuoc-tro-chuyen">
          <h2 id="cuoc-tro-chuyen">Cuộc trò chuyện</h2>
          <ol class="chat">
            {exchanges.map((ex, i) => (
              <li key={i}>
                <p class="chat-q">
                  <strong>Bạn hỏi: </strong>
                  {ex.question}
                </p>
                <Answer ex={ex} n={i + 1} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {last?.reply.suggestions.length ? (
        <Form action="/tro-ly" class="chat-suggestions">
          {conversationId ? <input type="hidden" name="conversationId" value={conversationId} /> : null}
          <p>
            <strong>Bạn có thể hỏi tiếp:</strong>
          </p>
          <div class="button-row">
            {last.reply.suggestions.map((s) => (
              <Button key={s} variant="secondary" name="suggestion" value={s}>
                {s}
              </Button>
            ))}
          </div>
        </Form>
      ) : null}
      <Form action="/tro-ly">
        {conversationId ? <input type="hidden" name="conversationId" value={conversationId} /> : null}
        <TextArea
          name="question"
          label={exchanges.length ? 'Hỏi tiếp' : 'Câu hỏi của bạn'}
          hint={exchanges.length ? 'Ví dụ: "thế lệ phí bao nhiêu?", "nộp ở đâu?"' : 'Ví dụ: "làm căn cước cho con dưới 14 tuổi"'}
          rows={3}
          maxLength={500}
          required
          value={props.question}
          errors={props.errors}
        />
        <Button>Gửi câu hỏi</Button>
      </Form>
      {exchanges.length ? (
        <p>
          <a href="/tro-ly">Bắt đầu cuộc trò chuyện mới</a>
        </p>
      ) : (
        <section aria-labelledby="vi-du">
          <h2 id="vi-du">Ví dụ câu hỏi</h2>
          <Form action="/tro-ly">
            <div class="button-row">
              {EXAMPLES.map((q) => (
                <Button key={q} variant="secondary" name="suggestion" value={q}>
                  {q}
                </Button>
              ))}
            </div>
          </Form>
        </section>
      )}
      <p>
        Cần người thật giúp? Gọi đường dây nóng <a href={HOTLINE_TEL}>{HOTLINE}</a> hoặc xem{' '}
        <a href="/huong-dan/ho-tro-truc-tiep">nơi được hướng dẫn trực tiếp</a>.
      </p>
    </Layout>
  );
}
