import type { Decision, Facet, KnowledgeTopic } from './assistant.engine.js';

/**
 * Turning a decision into words: short plain Vietnamese, facts only from the guide (with its sources), the guide's
 * numbered steps, links to the guide and to the official service. Nothing here invents a fee, a deadline or a code.
 */

export interface Source {
  topic: string;
  title: string;
  url: string;
}

export interface Reply {
  answer: string;
  steps: string[];
  sources: Source[];
  suggestions: string[];
}

/**
 * Hanoi's hotline (đường dây nóng 1022): the number in the site footer and in the guide "ho-tro-truc-tiep", which
 * cites its source. One constant, so the number can change in one place.
 */
export const HOTLINE = '024.1022';
export const HOTLINE_TEL = 'tel:02401022';
export const FEEDBACK_URL = '/gop-y';
export const HELP_TOPIC = 'ho-tro-truc-tiep';

export const guideUrl = (topic: string) => `/huong-dan/${topic}`;

/** Follow-up questions offered after an answer, by facet (only those the guide can answer). */
const FACET_PROMPTS: Record<Exclude<Facet, 'steps'>, string> = {
  fee: 'Lệ phí bao nhiêu?',
  time: 'Mất bao lâu?',
  where: 'Nộp ở đâu?',
  documents: 'Cần giấy tờ gì?',
  online: 'Làm trực tuyến thế nào?',
};

/** Questions to start with when we cannot help (common topics). */
const STARTERS = ['Đăng ký khai sinh cho con', 'Cấp lại thẻ căn cước', 'Quên mật khẩu VNeID'];

const SENTENCES = new Intl.Segmenter('vi', { granularity: 'sentence' });

/**
 * The first whole sentences of a text, up to about `max` characters (at least one). Sentence ends come from ICU, so
 * "024.1022", "135.000 đồng" and "1.001193" are never cut.
 */
export function firstSentences(text: string, max = 260): string {
  let out = '';
  for (const { segment: p } of SENTENCES.segment(text)) {
    if (out && out.length + p.length > max) break;
    out += p;
  }
  return out.trim();
}

function sourcesFor(t: KnowledgeTopic, facet: Facet | null): Source[] {
  const g = t.guide;
  const out: Source[] = [{ topic: t.id, title: g?.title ?? t.title, url: guideUrl(t.id) }];
  if (!g) return out;
  if (g.online.url) out.push({ topic: t.id, title: 'Trang làm thủ tục trực tuyến', url: g.online.url });
  const cited = facet === 'fee' ? g.fee.sources : facet === 'time' ? g.processingTime.sources : [];
  for (const id of cited) {
    const s = g.sources.find((x) => x.id === id);
    if (s?.url && !out.some((o) => o.url === s.url)) out.push({ topic: t.id, title: `Nguồn: ${s.title}`, url: s.url });
  }
  return out;
}

/** The line that answers a facet from the guide, or null when the guide has nothing on it. */
function facetLine(t: KnowledgeTopic, facet: Facet | null): string | null {
  const g = t.guide;
  if (!g || !facet) return null;
  switch (facet) {
    case 'fee':
      return g.fee.text ? `Lệ phí: ${g.fee.text}` : null;
    case 'time':
      return g.processingTime.text ? `Thời gian giải quyết: ${g.processingTime.text}` : null;
    case 'where':
      return [g.inPerson ? `Làm trực tiếp: ${g.inPerson}` : '', g.online.text ? `Làm trực tuyến: ${g.online.text}` : '']
        .filter(Boolean)
        .join(' ');
    case 'documents':
      return g.documents.length ? `Giấy tờ cần chuẩn bị: ${g.documents.join(' ')}` : null;
    case 'online':
      return g.online.text ? `Làm trực tuyến: ${g.online.text}` : null;
    default:
      return null;
  }
}

function followUps(t: KnowledgeTopic, asked: Facet | null): string[] {
  const g = t.guide;
  if (!g) return [];
  const has: Record<keyof typeof FACET_PROMPTS, boolean> = {
    fee: Boolean(g.fee.text),
    time: Boolean(g.processingTime.text),
    where: Boolean(g.inPerson),
    documents: g.documents.length > 0,
    online: Boolean(g.online.text),
  };
  return (Object.keys(FACET_PROMPTS) as Array<keyof typeof FACET_PROMPTS>)
    .filter((f) => f !== asked && has[f])
    .slice(0, 3)
    .map((f) => FACET_PROMPTS[f]);
}

/** What we say when a question is out of scope: kindly, with the hotline, the one-stop desk and the feedback form. */
export function declinedReply(help: KnowledgeTopic | undefined): Reply {
  return {
    answer:
      'Xin lỗi, câu hỏi này nằm ngoài phạm vi hướng dẫn dịch vụ công trực tuyến nên tôi chưa trả lời được. ' +
      `Bạn có thể gọi đường dây nóng 1022 của Hà Nội (${HOTLINE}), đến Bộ phận một cửa của UBND xã, phường gần nhất, ` +
      `hoặc gửi góp ý cho chúng tôi tại ${FEEDBACK_URL}.`,
    steps: [],
    sources: help ? [{ topic: help.id, title: help.guide?.title ?? help.title, url: guideUrl(help.id) }] : [],
    suggestions: STARTERS,
  };
}

/**
 * Compose the reply for a decision.
 *
 * @example
 * composeReply(engine.decide('le phi doi gplx'), (id) => engine.topic(id));
 */
export function composeReply(d: Decision, topicOf: (id: string) => KnowledgeTopic | undefined): Reply {
  if (d.outcome === 'greeting') {
    return {
      answer:
        'Xin chào! Tôi là trợ lý hướng dẫn dịch vụ công trực tuyến của Hà Nội. Bạn hãy hỏi về thủ tục cần làm, ' +
        'ví dụ: "làm giấy khai sinh cho con" hoặc "quên mật khẩu VNeID".',
      steps: [],
      sources: [],
      suggestions: STARTERS,
    };
  }
  const t = d.topic ? topicOf(d.topic) : undefined;
  if (d.outcome === 'declined' || !t) {
    if (d.outcome === 'clarify') {
      return {
        answer: 'Bạn muốn hỏi về thủ tục nào? Hãy nói rõ tên việc cần làm, ví dụ "lệ phí đổi bằng lái xe".',
        steps: [],
        sources: [],
        suggestions: STARTERS,
      };
    }
    return declinedReply(topicOf(HELP_TOPIC));
  }
  if (d.outcome === 'clarify') {
    const top = d.ranked[0]?.score ?? 0;
    const options = d.ranked
      .filter((c, i) => i < 2 || c.score >= top * 0.35)
      .slice(0, 3)
      .map((c) => topicOf(c.topic))
      .filter((x): x is KnowledgeTopic => Boolean(x));
    const titles = options.map((o) => o.guide?.title ?? o.title);
    return {
      answer: `Tôi chưa chắc bạn hỏi việc nào. Có phải bạn muốn hỏi về: ${titles.join('; ')}? Hãy chọn một mục hoặc hỏi rõ hơn.`,
      steps: [],
      sources: options.map((o) => ({ topic: o.id, title: o.guide?.title ?? o.title, url: guideUrl(o.id) })),
      suggestions: titles,
    };
  }
  const g = t.guide;
  if (!g) {
    return {
      answer: `Hướng dẫn "${t.title}" đang được biên soạn. Trong lúc chờ, bạn có thể gọi đường dây nóng ${HOTLINE} hoặc hỏi Bộ phận một cửa UBND xã, phường.`,
      steps: [],
      sources: [{ topic: t.id, title: t.title, url: guideUrl(t.id) }],
      suggestions: [],
    };
  }
  // The closest FAQ answer (it asks the same thing), else the guide's fact that was asked, else its summary.
  const lines: string[] = [];
  const fact = facetLine(t, d.facet);
  if (d.faq) lines.push(d.faq.a);
  else if (fact) lines.push(fact);
  else lines.push(firstSentences(g.summary));
  lines.push(`Xem hướng dẫn "${g.title}" để biết đầy đủ.`);
  return {
    answer: lines.join('\n'),
    steps: [...g.steps],
    sources: sourcesFor(t, d.facet),
    suggestions: followUps(t, d.facet),
  };
}

/**
 * The reply as one plain text message (Zalo and other chat apps): answer, numbered steps, links.
 *
 * @example
 * toPlainText(reply, 'https://dvc.hanoi.gov.vn');
 */
export function toPlainText(reply: Reply, baseUrl: string, maxLength = 2000): string {
  const abs = (u: string) => (u.startsWith('/') ? `${baseUrl}${u}` : u);
  const answer = reply.answer.replace(/ \/gop-y\./, ` ${abs(FEEDBACK_URL)}.`);
  const links = reply.sources.map((s) => `${s.title}: ${abs(s.url)}`).join('\n');
  // The answer and the links always fit; steps fill what is left (the guide link has them all).
  let budget = maxLength - answer.length - links.length - 4;
  const steps: string[] = [];
  if (reply.steps.length) {
    const head = 'Các bước:';
    const more = '(Xem đủ các bước ở hướng dẫn.)';
    budget -= head.length + 3;
    for (const [i, s] of reply.steps.entries()) {
      const line = `${i + 1}. ${s}`;
      if (line.length + 1 > budget - (i < reply.steps.length - 1 ? more.length + 1 : 0)) {
        steps.push(more);
        break;
      }
      steps.push(line);
      budget -= line.length + 1;
    }
    if (steps.length && steps[0] !== more) steps.unshift(head);
  }
  const text = [answer, steps.join('\n'), links].filter(Boolean).join('\n\n');
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
