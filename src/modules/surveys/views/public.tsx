import type { ComponentChildren } from 'preact';
import { Button, Form, Layout, viDate, type FormErrors } from '../../../platform/html/index.js';
import {
  availability,
  CONTACT_MAX,
  optionsOf,
  t,
  TEXT_MAX,
  type Availability,
  type DynamicOptions,
  type Lang,
  type Question,
  type Survey,
} from '../surveys.model.js';
import type { SurveyResults } from '../surveys.results.js';
import { ResultsBody } from './results.js';

const L = {
  vi: {
    optional: ' (không bắt buộc)',
    errorsTitle: 'Vui lòng sửa các lỗi sau',
    error: 'Lỗi: ',
    submit: 'Gửi câu trả lời',
    anonymous:
      'Bạn không cần cho biết tên, số điện thoại hay số giấy tờ. Câu trả lời được lưu ẩn danh, chỉ dùng để cải thiện dịch vụ công.',
    skipNote: 'Một số câu có ghi “bỏ qua đến câu…”: bạn cứ làm theo, các câu được bỏ qua sẽ không tính.',
    ifChoose: (label: string, to: string) => `Nếu bạn chọn “${label}”, ${to}.`,
    after: (to: string) => `Sau câu này, ${to}.`,
    goto: (n: number) => `hãy bỏ qua đến câu ${n}`,
    end: 'hãy bấm “Gửi câu trả lời” ở cuối trang',
    question: 'Câu',
    chooseCommune: '-- Chọn xã, phường --',
    contactTitle: 'Để lại liên hệ nếu muốn được gọi lại',
    contactHint:
      'Chỉ điền nếu bạn muốn Trung tâm liên hệ lại. Thông tin này không được công khai, chỉ cán bộ Trung tâm xem được.',
    contactLabel: 'Số điện thoại hoặc email',
    consent:
      'Tôi đồng ý để Trung tâm Phục vụ hành chính công Hà Nội lưu số điện thoại hoặc email trên để liên hệ với tôi về khảo sát này.',
    honeypot: 'Không điền vào ô này',
    other: 'English',
    otherLang: 'en',
    multiHint: 'Có thể chọn nhiều đáp án.',
    scale10Hint: '0 là thấp nhất, 10 là cao nhất.',
    already: 'Bạn đã trả lời khảo sát này trên thiết bị này rồi. Cảm ơn bạn!',
    results: 'Xem kết quả khảo sát',
    preview: 'Bản xem trước cho cán bộ: khảo sát chưa mở nên chưa nhận câu trả lời.',
  },
  en: {
    optional: ' (optional)',
    errorsTitle: 'Please fix the following',
    error: 'Error: ',
    submit: 'Send my answers',
    anonymous:
      'You do not need to give your name, phone number or ID. Answers are anonymous and only used to improve public services.',
    skipNote: 'Some questions say “skip to question…”: follow them; skipped questions are not counted.',
    ifChoose: (label: string, to: string) => `If you choose “${label}”, ${to}.`,
    after: (to: string) => `After this question, ${to}.`,
    goto: (n: number) => `skip to question ${n}`,
    end: 'press “Send my answers” at the bottom of the page',
    question: 'Question',
    chooseCommune: '-- Choose a commune or ward --',
    contactTitle: 'Leave a contact if you want a call back',
    contactHint: 'Only if you want the Center to contact you. It is never published; only Center staff can see it.',
    contactLabel: 'Phone number or email',
    consent: 'I agree that the Hanoi Public Administrative Service Center keeps this contact to reach me about this survey.',
    honeypot: 'Leave this empty',
    other: 'Tiếng Việt',
    otherLang: 'vi',
    multiHint: 'You may choose several answers.',
    scale10Hint: '0 is the lowest, 10 the highest.',
    already: 'You have already answered this survey on this device. Thank you!',
    results: 'See the survey results',
    preview: 'Staff preview: the survey is not open, so it does not accept answers yet.',
  },
};

const CRUMBS = [{ href: '/khao-sat', label: 'Khảo sát' }];

/** A public survey page; its English version is marked lang="en" for screen readers. */
function SurveyLayout({
  title,
  description,
  lang,
  children,
}: {
  title: string;
  description?: string;
  lang: Lang;
  children: ComponentChildren;
}) {
  return (
    <Layout title={title} description={description} crumbs={CRUMBS}>
      {lang === 'en' ? <div lang="en">{children}</div> : children}
    </Layout>
  );
}

/** The link to a survey's published results, when they are published. */
function ResultsLink({ survey, lang }: { survey: Survey; lang: Lang }) {
  return survey.resultsPublic ? (
    <p>
      <a href={surveyUrl(survey.slug, lang, null, '/ket-qua')}>{L[lang].results}</a>
    </p>
  ) : null;
}

export function surveyUrl(slug: string, lang: Lang, source?: string | null, extra = ''): string {
  const q = new URLSearchParams();
  if (lang === 'en') q.set('lang', 'en');
  if (source) q.set('nguon', source);
  const s = q.toString();
  return `/khao-sat/${slug}${extra}${s ? `?${s}` : ''}`;
}

function SkipHints({ q, questions, dyn, lang }: { q: Question; questions: Question[]; dyn: DynamicOptions; lang: Lang }) {
  const l = L[lang];
  const numberOf = (key: string) => questions.findIndex((x) => x.key === key) + 1;
  const to = (g: string) => (g === 'end' ? l.end : l.goto(numberOf(g)));
  const opts = optionsOf(q, dyn);
  const lines = q.rules
    .map((r) => {
      const o = opts.find((x) => x.v === r.v);
      return o ? l.ifChoose(t(o, lang), to(r.goto)) : null;
    })
    .filter((x): x is string => Boolean(x));
  if (q.next) lines.push(l.after(to(q.next)));
  if (!lines.length) return null;
  return (
    <ul class="hint skip-hints">
      {lines.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

function QuestionField(props: {
  q: Question;
  n: number;
  questions: Question[];
  dyn: DynamicOptions;
  lang: Lang;
  value: string[];
  error?: string;
}) {
  const { q, n, lang, value, error } = props;
  const l = L[lang];
  const id = q.key;
  const label = (
    <>
      {`${l.question} ${n}. ${t(q.text, lang)}`}
      {q.required ? null : <span class="optional">{l.optional}</span>}
    </>
  );
  const help = t(q.help, lang);
  const hints = [help, q.type === 'multiple' ? l.multiHint : '', q.type === 'scale10' && !help ? l.scale10Hint : ''].filter(
    Boolean,
  );
  const hintId = hints.length ? `${id}-hint` : '';
  const errId = error ? `${id}-error` : '';
  const described = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const hintEl = hints.length ? (
    <p class="hint" id={hintId}>
      {hints.join(' ')}
    </p>
  ) : null;
  const errEl = error ? (
    <p class="error-message" id={errId}>
      <span class="visually-hidden">{l.error}</span>
      {error}
    </p>
  ) : null;
  const cls = error ? 'field field-error' : 'field';
  const skip = <SkipHints q={q} questions={props.questions} dyn={props.dyn} lang={lang} />;

  if (q.type === 'text') {
    return (
      <div class={cls}>
        <label for={id}>{label}</label>
        {hintEl}
        {errEl}
        <textarea
          id={id}
          name={id}
          rows={3}
          maxLength={TEXT_MAX}
          class="input"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        >
          {value[0] ?? ''}
        </textarea>
      </div>
    );
  }
  if (q.type === 'commune') {
    return (
      <div class={cls}>
        <label for={id}>{label}</label>
        {hintEl}
        {errEl}
        <select id={id} name={id} class="input" aria-invalid={error ? 'true' : undefined} aria-describedby={described}>
          <option value="">{l.chooseCommune}</option>
          {props.dyn.communes.map((c) => (
            <option key={c.v} value={c.v} selected={value.includes(c.v)}>
              {c.vi}
            </option>
          ))}
        </select>
        {skip}
      </div>
    );
  }
  const type = q.type === 'multiple' ? 'checkbox' : 'radio';
  const opts = optionsOf(q, props.dyn);
  return (
    <div class={cls}>
      <fieldset aria-describedby={described}>
        <legend>{label}</legend>
        {hintEl}
        {errEl}
        <div class={q.type === 'scale10' ? 'choices choices-inline' : 'choices'}>
          {opts.map((o, i) => {
            const optId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="choice" key={o.v}>
                <input type={type} id={optId} name={id} value={o.v} checked={value.includes(o.v)} />
                <label for={optId}>{t(o, lang)}</label>
              </div>
            );
          })}
        </div>
        {skip}
      </fieldset>
    </div>
  );
}

export interface FormValues {
  answers: Record<string, string[]>;
  contact: string;
  consent: boolean;
}

export function SurveyFormPage(props: {
  survey: Survey;
  questions: Question[];
  dyn: DynamicOptions;
  lang: Lang;
  source: string | null;
  nonce: string;
  values?: FormValues;
  errors?: FormErrors;
  alreadyAnswered: boolean;
  preview: boolean;
}) {
  const { survey, questions, lang, values } = props;
  const l = L[lang];
  const title = t(survey.title, lang);
  const errors = props.errors ?? [];
  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;
  const hasSkips = questions.some((q) => q.rules.length || q.next);
  const body = (
    <>
      <h1>{title}</h1>
      {survey.hasEn ? (
        <p>
          <a href={surveyUrl(survey.slug, l.otherLang as Lang, props.source)} lang={l.otherLang} hreflang={l.otherLang}>
            {l.other}
          </a>
        </p>
      ) : null}
      {t(survey.intro, lang)
        .split(/\n+/)
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} class={i === 0 ? 'lead' : undefined}>
            {p}
          </p>
        ))}
      {props.preview ? <p class="callout">{l.preview}</p> : null}
      {props.alreadyAnswered ? (
        <div class="notice notice-info" role="status">
          <p>{l.already}</p>
          <ResultsLink survey={survey} lang={lang} />
        </div>
      ) : (
        <>
          <p>{l.anonymous}</p>
          {hasSkips ? <p class="hint">{l.skipNote}</p> : null}
          {errors.length ? (
            <div class="error-summary" role="alert" tabIndex={-1} data-module="error-summary">
              <h2 class="error-summary-title">{l.errorsTitle}</h2>
              <ul>
                {errors.map((e, i) => (
                  <li key={i}>
                    <a href={`#${e.field === 'answers' ? questions[0]?.key : e.field}`}>{e.message}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form action={`/khao-sat/${survey.slug}`} class="survey-form">
            <input type="hidden" name="_nonce" value={props.nonce} />
            <input type="hidden" name="lang" value={lang} />
            {props.source ? <input type="hidden" name="nguon" value={props.source} /> : null}
            {questions.map((q, i) => (
              <QuestionField
                key={q.id}
                q={q}
                n={i + 1}
                questions={questions}
                dyn={props.dyn}
                lang={lang}
                value={values?.answers[q.key] ?? []}
                error={errorOf(q.key)}
              />
            ))}
            {survey.contactEnabled ? (
              <div class={errorOf('lien-he') ? 'field field-error' : 'field'}>
                <fieldset aria-describedby="lien-he-hint">
                  <legend>
                    {l.contactTitle}
                    <span class="optional">{l.optional}</span>
                  </legend>
                  <p class="hint" id="lien-he-hint">
                    {l.contactHint}
                  </p>
                  {errorOf('lien-he') ? (
                    <p class="error-message">
                      <span class="visually-hidden">{l.error}</span>
                      {errorOf('lien-he')}
                    </p>
                  ) : null}
                  <div class="choice">
                    <input type="checkbox" id="dong-y" name="dong-y" value="1" checked={values?.consent} />
                    <label for="dong-y">{l.consent}</label>
                  </div>
                  <label for="lien-he">{l.contactLabel}</label>
                  <input
                    id="lien-he"
                    name="lien-he"
                    type="text"
                    class="input"
                    maxLength={CONTACT_MAX}
                    autocomplete="off"
                    value={values?.contact ?? ''}
                  />
                </fieldset>
              </div>
            ) : null}
            <div class="visually-hidden" aria-hidden="true">
              <label for="website">{l.honeypot}</label>
              <input id="website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
            </div>
            {props.preview ? null : <Button>{l.submit}</Button>}
          </Form>
        </>
      )}
    </>
  );
  return (
    <SurveyLayout title={title} description={t(survey.intro, lang).slice(0, 160)} lang={lang}>
      {body}
    </SurveyLayout>
  );
}

export function ClosedSurveyPage({ survey, lang, state }: { survey: Survey; lang: Lang; state: Availability }) {
  const title = t(survey.title, lang);
  const msg =
    state === 'not_started'
      ? lang === 'en'
        ? `This survey opens on ${viDate(survey.startsOn)}.`
        : `Khảo sát này bắt đầu từ ngày ${viDate(survey.startsOn)}.`
      : lang === 'en'
        ? 'This survey has ended. Thank you for your interest.'
        : 'Khảo sát này đã kết thúc. Cảm ơn bạn đã quan tâm.';
  const body = (
    <>
      <h1>{title}</h1>
      <p class="lead">{msg}</p>
      <ResultsLink survey={survey} lang={lang} />
      <p>
        <a href="/khao-sat">{lang === 'en' ? 'Other surveys' : 'Các khảo sát khác'}</a>
      </p>
    </>
  );
  return (
    <SurveyLayout title={title} lang={lang}>
      {body}
    </SurveyLayout>
  );
}

export function ThanksPage({ survey, lang }: { survey: Survey; lang: Lang }) {
  const body = (
    <>
      <h1>{lang === 'en' ? 'Thank you!' : 'Cảm ơn bạn đã trả lời!'}</h1>
      <p class="lead">
        {lang === 'en'
          ? 'Your answers have been saved. They help Hanoi make online public services easier for everyone.'
          : 'Câu trả lời của bạn đã được lưu. Ý kiến của bạn giúp Hà Nội làm dịch vụ công trực tuyến dễ dùng hơn cho mọi người.'}
      </p>
      <ResultsLink survey={survey} lang={lang} />
      <p>
        <a href="/huong-dan">{lang === 'en' ? 'Guides to online public services' : 'Xem hướng dẫn làm thủ tục trực tuyến'}</a>
      </p>
    </>
  );
  return (
    <SurveyLayout title={lang === 'en' ? 'Thank you' : 'Cảm ơn bạn'} lang={lang}>
      {body}
    </SurveyLayout>
  );
}

export function SurveyListPage({ surveys }: { surveys: Survey[] }) {
  const open = surveys.filter((s) => availability(s) === 'open');
  const published = surveys.filter((s) => s.resultsPublic);
  return (
    <Layout title="Khảo sát" description="Khảo sát ý kiến người dân, doanh nghiệp về dịch vụ công trực tuyến Hà Nội">
      <h1>Khảo sát ý kiến</h1>
      <p class="lead">
        Ý kiến của bạn giúp Thành phố làm dịch vụ công trực tuyến dễ dùng hơn. Mỗi khảo sát chỉ mất vài phút, không cần cho biết
        tên.
      </p>
      <h2>Khảo sát đang mở</h2>
      {open.length ? (
        <ul class="cards">
          {open.map((s) => (
            <li class="card" key={s.id}>
              <h3 class="card-title">
                <a href={`/khao-sat/${s.slug}`}>{s.title.vi}</a>
              </h3>
              <p>{s.intro.vi.split('\n')[0]}</p>
              {s.endsOn ? <p class="muted">Hạn trả lời: {viDate(s.endsOn)}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Hiện chưa có khảo sát nào đang mở.</p>
      )}
      {published.length ? (
        <>
          <h2>Kết quả đã công bố</h2>
          <ul>
            {published.map((s) => (
              <li key={s.id}>
                <a href={`/khao-sat/${s.slug}/ket-qua`}>{s.title.vi}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export function PublicResultsPage({ survey, results, lang }: { survey: Survey; results: SurveyResults; lang: Lang }) {
  const title = lang === 'en' ? `Results: ${t(survey.title, lang)}` : `Kết quả: ${survey.title.vi}`;
  const body = (
    <>
      <h1>{title}</h1>
      <p class="muted">
        {lang === 'en' ? 'Published on ' : 'Công bố ngày '}
        {viDate(survey.resultsPublishedAt)}.{' '}
        {lang === 'en' ? 'Figures are updated as new answers arrive.' : 'Số liệu được cập nhật khi có thêm câu trả lời.'}
      </p>
      <ResultsBody results={results} lang={lang} showTexts={false} showSource={false} />
      {availability(survey) === 'open' ? (
        <p>
          <a href={surveyUrl(survey.slug, lang)}>{lang === 'en' ? 'Answer this survey' : 'Trả lời khảo sát này'}</a>
        </p>
      ) : null}
    </>
  );
  return (
    <SurveyLayout title={title} lang={lang}>
      {body}
    </SurveyLayout>
  );
}
