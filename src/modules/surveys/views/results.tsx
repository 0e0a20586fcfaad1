import { DataTable, viDateTime } from '../../../platform/html/index.js';
import { t, type Lang } from '../surveys.model.js';
import type { BreakdownRow, SurveyResults } from '../surveys.results.js';
import { BarChart, fmtNum, fmtPct } from './charts.js';

const L = {
  vi: {
    total: 'Số người trả lời',
    sat: 'Chỉ số hài lòng',
    satHint: 'Tỷ lệ câu trả lời “Hài lòng” hoặc “Rất hài lòng” trên các câu hỏi về mức độ hài lòng.',
    nps: 'Chỉ số sẵn lòng giới thiệu (NPS)',
    npsHint: 'Tỷ lệ người chấm 9-10 trừ tỷ lệ người chấm 0-6 (từ -100 đến 100).',
    question: 'Câu',
    answered: 'người trả lời câu này',
    mean: 'Điểm trung bình',
    multi: 'Câu chọn nhiều đáp án: tổng tỷ lệ có thể hơn 100%.',
    texts: 'Câu trả lời bằng chữ (đã ẩn số điện thoại, email, số giấy tờ)',
    textCount: 'câu trả lời bằng chữ. Nội dung không được công khai.',
    none: 'Chưa có câu trả lời.',
    byAudience: 'Theo đối tượng',
    bySource: 'Theo nguồn (điểm phát, kênh)',
    byUnit: 'Theo xã, phường',
    group: 'Nhóm',
    responses: 'Số người trả lời',
    promoters: 'Giới thiệu (9-10)',
    passives: 'Trung lập (7-8)',
    detractors: 'Không giới thiệu (0-6)',
    desc: 'Biểu đồ cột ngang: số người và tỷ lệ chọn từng đáp án.',
    commune: 'Chỉ liệt kê xã, phường có người trả lời.',
    small: (n: number) => `Nhóm dưới ${n} người trả lời được gộp lại để không lộ ai đã trả lời.`,
    option: 'Đáp án',
    count: 'Số lượng',
    share: 'Tỷ lệ',
  },
  en: {
    total: 'Responses',
    sat: 'Satisfaction index',
    satHint: 'Share of “Satisfied” or “Very satisfied” answers on satisfaction questions.',
    nps: 'Net promoter score (NPS)',
    npsHint: 'Share scoring 9-10 minus share scoring 0-6 (from -100 to 100).',
    question: 'Question',
    answered: 'answered this question',
    mean: 'Mean score',
    multi: 'Several answers allowed: shares may add up to more than 100%.',
    texts: 'Written answers',
    textCount: 'written answers. Their content is not published.',
    none: 'No answers yet.',
    byAudience: 'By audience',
    bySource: 'By source',
    byUnit: 'By commune or ward',
    group: 'Group',
    responses: 'Responses',
    promoters: 'Promoters (9-10)',
    passives: 'Passives (7-8)',
    detractors: 'Detractors (0-6)',
    desc: 'Horizontal bar chart: number and share of respondents per answer.',
    commune: 'Only communes with answers are listed.',
    small: (n: number) => `Groups with fewer than ${n} responses are merged so nobody can be identified.`,
    option: 'Answer',
    count: 'Count',
    share: 'Share',
  },
};

function Breakdown({
  title,
  rows,
  lang,
  showSat,
  showNps,
}: {
  title: string;
  rows: BreakdownRow[];
  lang: Lang;
  showSat: boolean;
  showNps: boolean;
}) {
  const l = L[lang];
  if (!rows.length) return null;
  return (
    <DataTable
      caption={title}
      visibleCaption
      columns={[
        l.group,
        { label: l.responses, num: true },
        showSat && { label: l.sat, num: true },
        showNps && { label: 'NPS', num: true },
      ]}
      rows={rows}
      row={(r) => (
        <tr key={r.key}>
          <th scope="row">{r.label}</th>
          <td class="num">{fmtNum(r.responses)}</td>
          {showSat ? <td class="num">{fmtPct(r.satisfaction)}</td> : null}
          {showNps ? <td class="num">{r.nps === null ? '—' : r.nps}</td> : null}
        </tr>
      )}
    />
  );
}

/** Headline figures, one chart + table per question, breakdowns. Shared by the back office and the public page. */
export function ResultsBody({
  results,
  lang = 'vi',
  showTexts,
  showSource,
}: {
  results: SurveyResults;
  lang?: Lang;
  showTexts: boolean;
  showSource: boolean;
}) {
  const l = L[lang];
  const showSat = results.satisfaction !== null;
  const showNps = results.nps !== null;
  return (
    <div class="survey-results">
      <dl class="facts">
        <dt>{l.total}</dt>
        <dd>{fmtNum(results.total)}</dd>
        {showSat ? (
          <>
            <dt>{l.sat}</dt>
            <dd>
              <strong>{fmtPct(results.satisfaction)}</strong> <span class="muted">{l.satHint}</span>
            </dd>
          </>
        ) : null}
        {results.nps ? (
          <>
            <dt>{l.nps}</dt>
            <dd>
              <strong>{results.nps.score}</strong> <span class="muted">{l.npsHint}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {results.questions.map((q) => {
        const title = `${l.question} ${q.number}: ${t(q.question.text, lang)}`;
        return (
          <section key={q.question.id} aria-labelledby={`kq-${q.question.key}`}>
            <h2 id={`kq-${q.question.key}`}>{title}</h2>
            <p class="muted">
              {fmtNum(q.answered)} {q.question.type === 'text' ? l.textCount : l.answered}
              {q.question.type === 'multiple' ? ` ${l.multi}` : ''}
              {q.question.type === 'commune' ? ` ${l.commune}` : ''}
            </p>
            {q.question.type !== 'text' && q.answered > 0 ? (
              <BarChart
                id={`bd-${q.question.key}`}
                title={title}
                desc={l.desc}
                rows={q.rows}
                labelHeader={l.option}
                countHeader={l.count}
                pctHeader={l.share}
              />
            ) : null}
            {q.question.type !== 'text' && q.answered === 0 ? <p>{l.none}</p> : null}
            {q.mean !== null || q.satisfaction !== null || q.nps ? (
              <ul class="plain">
                {q.mean !== null ? (
                  <li>
                    {l.mean}: <strong>{String(q.mean).replace('.', ',')}</strong>
                  </li>
                ) : null}
                {q.satisfaction !== null ? (
                  <li>
                    {l.sat}: <strong>{fmtPct(q.satisfaction)}</strong>
                  </li>
                ) : null}
                {q.nps ? (
                  <li>
                    NPS: <strong>{q.nps.score}</strong> ({l.promoters} {fmtPct(q.nps.promoters)}, {l.passives}{' '}
                    {fmtPct(q.nps.passives)}, {l.detractors} {fmtPct(q.nps.detractors)})
                  </li>
                ) : null}
              </ul>
            ) : null}
            {showTexts && q.question.type === 'text' && q.texts.length ? (
              <details>
                <summary>{l.texts}</summary>
                <ul class="survey-texts">
                  {q.texts.map((x, i) => (
                    <li key={i}>
                      <span class="muted">{viDateTime(x.submitted_at)}: </span>
                      {x.value}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        );
      })}
      <h2>{lang === 'en' ? 'Breakdowns' : 'Chia theo nhóm'}</h2>
      {results.minGroup > 1 ? <p class="muted">{l.small(results.minGroup)}</p> : null}
      <Breakdown title={l.byAudience} rows={results.breakdowns.audience} lang={lang} showSat={showSat} showNps={showNps} />
      {showSource ? (
        <Breakdown title={l.bySource} rows={results.breakdowns.source} lang={lang} showSat={showSat} showNps={showNps} />
      ) : null}
      <Breakdown title={l.byUnit} rows={results.breakdowns.unit} lang={lang} showSat={showSat} showNps={showNps} />
    </div>
  );
}
