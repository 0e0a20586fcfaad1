import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  Layout,
  Notice,
  TextArea,
  viDate,
  type FormErrors,
} from '../../../platform/html/index.js';
import type { GuideContent } from '../guides.content.js';
import type { PublishedGuide } from '../guides.service.js';

function SourceRefs({ refs }: { refs: string[] }) {
  if (!refs.length) return null;
  return (
    <span class="refs">
      {' '}
      (nguồn:{' '}
      {refs.map((r, i) => (
        <span key={r}>
          {i ? ', ' : ''}
          <a href={`#nguon-${r}`}>{r}</a>
        </span>
      ))}
      )
    </span>
  );
}

interface GuideBodyProps {
  content: GuideContent;
  related: PublishedGuide[];
  /** Show the "was this helpful" form (not in previews). */
  feedback?: 'form' | 'thanks' | 'none';
}

/** The guide itself, shared by the public page and the editor's preview. */
export function GuideBody({ content: c, related, feedback = 'form' }: GuideBodyProps) {
  return (
    <article class="guide">
      <h1>{c.title}</h1>
      <p class="lead">{c.summary}</p>

      <section aria-labelledby="danh-cho-ai">
        <h2 id="danh-cho-ai">Dành cho ai</h2>
        <p>{c.whoFor}</p>
      </section>

      <section aria-labelledby="cac-buoc">
        <h2 id="cac-buoc">Các bước thực hiện</h2>
        <ol class="steps">
          {c.steps.map((s, i) => (
            <li key={i}>
              <span class="step-label">Bước {i + 1}</span>
              <span class="step-text">{s}</span>
            </li>
          ))}
        </ol>
      </section>

      {c.documents.length ? (
        <section aria-labelledby="giay-to">
          <h2 id="giay-to">Giấy tờ cần chuẩn bị</h2>
          <ul class="checklist">
            {c.documents.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="phi-thoi-gian" class="facts">
        <h2 id="phi-thoi-gian">Lệ phí và thời gian</h2>
        <dl>
          <dt>Lệ phí</dt>
          <dd>
            {c.fee.text}
            <SourceRefs refs={c.fee.sources} />
          </dd>
          <dt>Thời gian giải quyết</dt>
          <dd>
            {c.processingTime.text}
            <SourceRefs refs={c.processingTime.sources} />
          </dd>
          {c.procedureCodes.length ? (
            <>
              <dt>Mã thủ tục</dt>
              <dd>
                <ul class="plain">
                  {c.procedureCodes.map((p) => (
                    <li key={p.code}>
                      <strong>{p.code}</strong>: {p.name}
                      <SourceRefs refs={p.sources} />
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="lam-o-dau">
        <h2 id="lam-o-dau">Làm ở đâu</h2>
        <h3>Làm trực tuyến</h3>
        <p>{c.online.text}</p>
        {c.online.url ? (
          <p>
            <a class="button button-primary" href={c.online.url} rel="noopener">
              Mở trang làm trực tuyến
            </a>{' '}
            <span class="url">{c.online.url}</span>
          </p>
        ) : null}
        <h3>Làm trực tiếp</h3>
        <p>{c.inPerson}</p>
      </section>

      {c.mistakes.length ? (
        <section aria-labelledby="loi-thuong-gap">
          <h2 id="loi-thuong-gap">Lỗi thường gặp</h2>
          <ul>
            {c.mistakes.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {c.faq.length ? (
        <section aria-labelledby="hoi-dap">
          <h2 id="hoi-dap">Hỏi đáp</h2>
          {c.faq.map((f, i) => (
            <details key={i} class="faq">
              <summary>{f.q}</summary>
              <p>{f.a}</p>
            </details>
          ))}
        </section>
      ) : null}

      {c.note ? (
        <p class="callout" role="note">
          <strong>Lưu ý: </strong>
          {c.note}
        </p>
      ) : null}

      {feedback === 'form' ? <HelpfulForm id={c.id} /> : null}
      {feedback === 'thanks' ? (
        <Notice>Cảm ơn bạn đã cho biết ý kiến. Chúng tôi sẽ dùng ý kiến này để làm hướng dẫn dễ hiểu hơn.</Notice>
      ) : null}

      {related.length ? (
        <section aria-labelledby="lien-quan" class="no-print">
          <h2 id="lien-quan">Hướng dẫn liên quan</h2>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <a href={`/huong-dan/${r.id}`}>{r.content.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="nguon" class="sources">
        <h2 id="nguon">Nguồn thông tin</h2>
        <p>
          Thông tin trên trang được kiểm tra ngày {viDate(c.checkedOn)}. Quy định có thể thay đổi: hãy xem lại trên cổng dịch vụ
          công trước khi nộp.
        </p>
        {c.sources.length ? (
          <ul>
            {c.sources.map((s) => (
              <li key={s.id} id={`nguon-${s.id}`}>
                <strong>{s.id}</strong>:{' '}
                {s.url ? (
                  <a href={s.url} rel="noopener">
                    {s.title}
                  </a>
                ) : (
                  s.title
                )}{' '}
                (kiểm tra ngày {viDate(s.checkedOn)})
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  );
}

/**
 * "Was this page useful?" on the guide page is a GET form: the page then holds no per-visitor token, so every visitor
 * gets the same cached bytes and no cookie. The vote itself is a POST with a CSRF token on the next page.
 */
function HelpfulForm({ id }: { id: string }) {
  return (
    <section aria-labelledby="huu-ich" class="helpful no-print">
      <h2 id="huu-ich">Trang này có hữu ích không?</h2>
      <Form action={`/huong-dan/${id}/danh-gia`} method="get">
        <div class="button-row">
          <Button name="helpful" value="1">
            Có, hữu ích
          </Button>
          <Button name="helpful" value="0" variant="secondary">
            Chưa hữu ích
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const HELPFUL_OPTIONS = [
  { value: '1', label: 'Có, hữu ích' },
  { value: '0', label: 'Chưa hữu ích' },
];

/** The second step of the vote: confirm the choice, add an optional comment, send (POST + CSRF). */
export function HelpfulPage(props: { guide: PublishedGuide; helpful?: string; comment?: string; errors?: FormErrors }) {
  const c = props.guide.content;
  return (
    <Layout
      title={`Đánh giá trang: ${c.title}`}
      crumbs={[
        { href: '/', label: 'Trang chủ' },
        { href: '/huong-dan', label: 'Hướng dẫn' },
        { href: `/huong-dan/${c.id}`, label: c.title },
      ]}
    >
      <h1>Đánh giá trang “{c.title}”</h1>
      <ErrorSummary errors={props.errors} />
      <Form action={`/huong-dan/${c.id}/danh-gia`}>
        <Choices
          type="radio"
          name="helpful"
          label="Trang này có hữu ích với bạn không?"
          options={HELPFUL_OPTIONS}
          value={props.helpful}
          errors={props.errors}
          required
        />
        <TextArea
          name="comment"
          label="Góp ý thêm cho trang này"
          hint="Không ghi số điện thoại, số căn cước hay thông tin cá nhân."
          rows={4}
          maxLength={1000}
          value={props.comment}
          errors={props.errors}
        />
        <Button>Gửi đánh giá</Button>
      </Form>
      <p>
        <a href={`/huong-dan/${c.id}`}>Quay lại hướng dẫn</a>
      </p>
    </Layout>
  );
}

export function GuidePage(props: { guide: PublishedGuide; related: PublishedGuide[]; thanks: boolean }) {
  const c = props.guide.content;
  return (
    <Layout
      title={c.title}
      description={c.summary}
      crumbs={[
        { href: '/', label: 'Trang chủ' },
        { href: '/huong-dan', label: 'Hướng dẫn' },
      ]}
    >
      <GuideBody content={c} related={props.related} feedback={props.thanks ? 'thanks' : 'form'} />
      <p class="no-print">
        <a href="/tim-kiem">Tìm hướng dẫn khác</a>
      </p>
    </Layout>
  );
}
