import type { GuideContent } from '../guides/index.js';
import { HOTLINE } from './assistant.answer.js';
import type { Facet } from './assistant.engine.js';

/**
 * Optional phrasing by a language model (off by default): an OpenAI-compatible chat completions endpoint
 * (Ollama, vLLM, llama.cpp server...) rewrites the retrieval answer from the retrieved guide text only.
 * Any timeout, error, empty answer, or a number that is not in the guide text means we keep the retrieval answer.
 */

export interface LlmSettings {
  /** Endpoint URL: .../v1/chat/completions, or a base URL to which /v1/chat/completions is added. */
  url: string;
  model: string;
  timeoutMs: number;
}

/** The chat completions URL for a configured endpoint or base URL. */
export function completionsUrl(url: string): string {
  const u = url.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(u)) return u;
  return /\/v1$/.test(u) ? `${u}/chat/completions` : `${u}/v1/chat/completions`;
}

const SYSTEM_PROMPT =
  'Bạn là trợ lý hướng dẫn dịch vụ công trực tuyến của Hà Nội. Chỉ dùng thông tin trong phần "HƯỚNG DẪN" được cung cấp. ' +
  'Không thêm lệ phí, thời hạn, mã thủ tục, số điện thoại hay địa chỉ nào không có trong hướng dẫn. ' +
  'Nếu hướng dẫn không có câu trả lời, hãy nói "Hướng dẫn chưa có thông tin này" và mời người hỏi gọi đường dây nóng 024.1022. ' +
  'Trả lời bằng tiếng Việt, ngắn gọn, dễ hiểu cho người cao tuổi, tối đa 4 câu, không dùng định dạng markdown.';

/** The guide text the model may use (and that every number in its answer must come from). */
export function guideContext(g: GuideContent, faq: { q: string; a: string } | null): string {
  return [
    `Tên thủ tục: ${g.title}`,
    `Tóm tắt: ${g.summary}`,
    `Dành cho: ${g.whoFor}`,
    `Các bước: ${g.steps.map((s, i) => `${i + 1}. ${s}`).join(' ')}`,
    g.documents.length ? `Giấy tờ: ${g.documents.join(' ')}` : '',
    `Lệ phí: ${g.fee.text}`,
    `Thời gian giải quyết: ${g.processingTime.text}`,
    `Làm trực tuyến: ${g.online.text}`,
    `Làm trực tiếp: ${g.inPerson}`,
    faq ? `Hỏi đáp: ${faq.q} ${faq.a}` : '',
    ...g.faq.slice(0, 6).map((f) => `Hỏi đáp: ${f.q} ${f.a}`),
    `Đường dây nóng của Hà Nội: ${HOTLINE}`,
  ]
    .filter(Boolean)
    .join('\n');
}

const FACET_HINT: Record<Facet, string> = {
  fee: 'Người hỏi muốn biết lệ phí.',
  time: 'Người hỏi muốn biết mất bao lâu.',
  where: 'Người hỏi muốn biết làm ở đâu.',
  documents: 'Người hỏi muốn biết cần giấy tờ gì.',
  online: 'Người hỏi muốn làm trực tuyến.',
  steps: '',
};

/** Numbers in a text (amounts, days, codes), digits only, for the "no invented facts" check. */
function numbersIn(text: string): string[] {
  return (text.match(/\d[\d.,]*/g) ?? []).map((n) => n.replace(/[.,]+$/, '').replace(/[.,]/g, ''));
}

/**
 * Ask the model to phrase an answer. Returns null (keep the retrieval answer) on timeout, error, an empty or
 * too long answer, or when the answer contains a number that the guide text does not.
 *
 * @example
 * const text = await phraseAnswer(settings, 'lệ phí đổi bằng lái?', guide, null, 'fee');
 */
export async function phraseAnswer(
  settings: LlmSettings,
  question: string,
  guide: GuideContent,
  faq: { q: string; a: string } | null,
  facet: Facet | null,
): Promise<string | null> {
  const context = guideContext(guide, faq);
  try {
    const res = await fetch(completionsUrl(settings.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0.1,
        max_tokens: 400,
        stream: false,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          {
            role: 'user',
            content: `HƯỚNG DẪN:\n${context}\n\nCÂU HỎI: ${question}\n${facet ? FACET_HINT[facet] : ''}`.trim(),
          },
        ],
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== 'string') return null;
    const answer = text.trim();
    if (!answer || answer.length > 1500) return null;
    const known = new Set(numbersIn(context));
    if (numbersIn(answer).some((n) => !known.has(n))) return null;
    return answer;
  } catch {
    return null;
  }
}
