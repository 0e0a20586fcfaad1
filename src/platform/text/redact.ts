/**
 * Remove personal data from free text before it is stored or published: emails, phone numbers, ID numbers.
 * Each match is replaced by a bracketed label so readers see that something was removed.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email đã ẩn]'],
  // Vietnamese phone numbers: 0xx or +84 / 84, 9-10 digits after the prefix, with optional separators.
  [/(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\p{N}){8,10}(?![\p{N}])/gu, '[số điện thoại đã ẩn]'],
  // 12-digit citizen ID (CCCD) or 9-digit old ID (CMND), possibly grouped with spaces or dots.
  [/(?<![\p{N}])\p{N}{3}[\s.]?\p{N}{3}[\s.]?\p{N}{3}(?:[\s.]?\p{N}{3})?(?![\p{N}])/gu, '[số giấy tờ đã ẩn]'],
];

/**
 * @example
 * redactPersonalData('Gọi 0912 345 678'); // 'Gọi [số điện thoại đã ẩn]'
 */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, label] of PATTERNS) out = out.replace(re, label);
  return out;
}

// ---- Publication: also names given in fields, self-introductions and house addresses ------------------------------

const NAME_LABEL = '[tên đã ẩn]';
const ADDRESS_LABEL = '[địa chỉ đã ẩn]';

/** A keyword matched whatever its letter case ("Ngõ", "NGÕ", "ngõ"), without the /i flag (it breaks \p{Lu}). */
function kw(word: string): string {
  return [...word]
    .map((ch) => {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      if (ch === ' ') return '\\s+';
      return lo === up ? ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : `[${lo}${up}]`;
    })
    .join('');
}

const NUM = String.raw`\p{N}+[A-Za-z]?(?:\s?[/-]\s?\p{N}+[A-Za-z]?)*(?![\p{N}])`;
const SEP = String.raw`\s*,?\s*`;
const CAP_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}]*|\p{N}+)`;
const STRONG = `(?:${['số nhà', 'nhà số', 'ngõ', 'ngách', 'hẻm', 'kiệt', 'tổ dân phố', 'căn hộ'].map(kw).join('|')}|TDP)\\s*(?:${kw('số')}\\s*)?${NUM}`;
const WEAK = `(?:${['số', 'tổ', 'phòng', 'lô'].map(kw).join('|')})\\s*${NUM}`;
const STREET = `${SEP}(?:${kw('phố')}|${kw('đường')})\\s+${CAP_WORD}(?:\\s+${CAP_WORD}){0,3}`;
const ADDRESS = new RegExp(
  [
    // "số 12 ngõ 34 phố Hàng Bông", "ngách 12/34/5", "tổ dân phố 7", "số nhà 5"
    `(?:${WEAK}${SEP})?${STRONG}(?:${SEP}(?:${STRONG}|${WEAK}))*(?:${STREET})?`,
    // "số 12, tổ 3": two parts make an address even without a strong keyword
    `${WEAK}(?:${SEP}(?:${STRONG}|${WEAK}))+(?:${STREET})?`,
    // "số 12 phố Huế", "12 đường Láng"
    `(?:${WEAK}|(?<![\\p{L}\\p{N}/])${NUM})${STREET}`,
  ].join('|'),
  'gu',
);

/** "Tôi là Nguyễn Văn An", "tên tôi là Trần Thị B", "họ tên: Lê Văn C": two or more capitalized words. */
const INTRO = new RegExp(
  `((?:${kw('tôi là')}|${kw('tên là')}|${kw('tên tôi là')}|${kw('họ tên')}|${kw('họ và tên')})\\s*:?\\s*)${CAP_WORD}(?:\\s+${CAP_WORD}){1,4}`,
  'gu',
);

const HONORIFICS = new Set([
  'ong',
  'ba',
  'anh',
  'chi',
  'em',
  'co',
  'chu',
  'bac',
  'di',
  'thim',
  'cau',
  'mo',
  'chau',
  'con',
  'ban',
]);
const WORD = /[\p{L}\p{M}]+/gu;
const foldWord = (w: string) =>
  w
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** Spans [start, end) of the text where one of the names (or the end of it after an honorific) occurs. */
function nameSpans(text: string, names: readonly string[]): Array<[number, number]> {
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: foldWord(m[0]),
    capital: /^\p{Lu}/u.test(m[0]),
  }));
  const adjacent = (i: number) => /^\s+$/.test(text.slice(words[i - 1]!.end, words[i]!.start));
  const spans: Array<[number, number]> = [];
  const find = (seq: string[], needHonorific: boolean) => {
    for (let i = 0; i + seq.length <= words.length; i++) {
      let ok = true;
      for (let j = 0; j < seq.length && ok; j++) {
        const w = words[i + j]!;
        ok = w.folded === seq[j] && (j === 0 || adjacent(i + j));
      }
      if (!ok) continue;
      if (needHonorific) {
        const prev = words[i - 1];
        if (!prev || !HONORIFICS.has(prev.folded) || !adjacent(i) || !words[i]!.capital) continue;
      }
      spans.push([words[i]!.start, words[i + seq.length - 1]!.end]);
    }
  };
  for (const name of names) {
    const tokens = [...name.normalize('NFC').matchAll(WORD)].map((m) => foldWord(m[0])).filter((t) => t.length >= 2);
    if (!tokens.length) continue;
    if (tokens.length >= 2) find(tokens, false);
    if (tokens.length >= 3) find(tokens.slice(-2), false);
    find(tokens.slice(-1), true);
  }
  return spans;
}

function replaceSpans(text: string, spans: Array<[number, number]>, label: string): string {
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let pos = 0;
  for (const [s, e] of spans) {
    if (e <= pos) continue;
    out += text.slice(pos, Math.max(pos, s)) + (s >= pos ? label : '');
    pos = e;
  }
  return out + text.slice(pos);
}

/**
 * Remove personal data before text is published: the names the person gave (and the given name after ông, bà,
 * anh, chị...), self-introductions ("tôi là Nguyễn Văn An"), emails, house addresses (số nhà, ngõ, ngách, hẻm,
 * tổ dân phố...), phone numbers and 9/12-digit ID numbers.
 *
 * @example
 * redactForPublication('Tôi là Nguyễn Văn An, ở số 12 ngõ 34 phố Huế', { names: ['Nguyễn Văn An'] });
 * // 'Tôi là [tên đã ẩn], ở [địa chỉ đã ẩn]'
 */
export function redactForPublication(text: string, opts: { names?: readonly string[] } = {}): string {
  let out = text.normalize('NFC');
  out = replaceSpans(out, nameSpans(out, opts.names ?? []), NAME_LABEL);
  out = out.replace(INTRO, (_m, lead: string) => `${lead}${NAME_LABEL}`);
  out = out.replace(PATTERNS[0]![0], PATTERNS[0]![1]);
  out = out.replace(ADDRESS, ADDRESS_LABEL);
  return redactPersonalData(out);
}
