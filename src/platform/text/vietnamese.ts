/**
 * Vietnamese text handling shared by search and the assistant.
 *
 * Every token is reduced to two keys:
 * - `accented`: the syllable with its vowel marks (â, ă, ê, ô, ơ, ư, đ) and its tone moved to the end as a
 *   Telex letter, so the old and new tone placements (hoà / hòa) give the same key;
 * - `folded`: no marks at all and đ -> d, which is how many people type ("dang ky khai sinh").
 * Both keys also unify the i/y spelling variants (kỹ / kĩ, lý / lí).
 */

const TONES: Record<string, string> = {
  '\u0300': 'f', // huyền
  '\u0301': 's', // sắc
  '\u0309': 'r', // hỏi
  '\u0303': 'x', // ngã
  '\u0323': 'j', // nặng
};
const ALL_MARKS = /[\u0300-\u036f]/g;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.][\p{N}]+)*/gu;
// A syllable whose only vowel is a final y after consonants (or qu): lý/lí, kỹ/kĩ, quý/quí.
const Y_AS_I = /^((?:[bcdđghklmnpqrstvx]{1,3})|qu)y$/;

export interface Token {
  /** Vowel marks kept, tone moved to a trailing Telex letter: "hòa" -> "hoaf". */
  accented: string;
  /** All marks removed, đ -> d: "hòa" -> "hoa". */
  folded: string;
  /** True when the user typed any diacritic (tone, vowel mark or đ) in this token. */
  marked: boolean;
}

/** NFC, the look-alike Ð (U+00D0) turned into Đ, lower case. */
export function normalize(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\u00d0/g, '\u0110')
    .replace(/\u00f0/g, '\u0111')
    .toLowerCase();
}

/** Remove every diacritic and turn đ into d: "Đăng ký" -> "dang ky". */
export function fold(input: string): string {
  return normalize(input).normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd');
}

// Words repeat (Vietnamese has a few thousand syllables), so each raw word's keys are worked out once.
const KEYS_CACHE_MAX = 50_000;
const keysCache = new Map<string, Token>();

function tokenKeys(raw: string): Token {
  let t = keysCache.get(raw);
  if (!t) {
    if (keysCache.size >= KEYS_CACHE_MAX) keysCache.clear();
    t = Object.freeze(computeKeys(raw));
    keysCache.set(raw, t);
  }
  return t;
}

function computeKeys(raw: string): Token {
  const decomposed = raw.normalize('NFD');
  let tone = '';
  for (const ch of decomposed) {
    const t = TONES[ch];
    if (t) tone = t;
  }
  let base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  if (Y_AS_I.test(base)) base = `${base.slice(0, -1)}i`;
  const folded = base.normalize('NFD').replace(ALL_MARKS, '').replace(/đ/g, 'd');
  return { accented: base + tone, folded, marked: tone !== '' || base !== folded };
}

/**
 * Split text into normalized tokens.
 *
 * @example
 * tokenize('Đăng ký khai sinh').map((t) => t.folded); // ['dang', 'ki', 'khai', 'sinh']
 */
export function tokenize(input: string): Token[] {
  const text = normalize(input);
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) out.push(tokenKeys(m[0]));
  return out;
}

/** True when any character carries a Vietnamese diacritic or is đ. */
export function hasDiacritics(input: string): boolean {
  return fold(input) !== normalize(input);
}

/**
 * A word typed in Telex without the input method on ("ddawngs", "kys", "truwowfng"), read as its plain letters:
 * dd -> d, aa/aw -> a, ee -> e, oo/ow -> o, uw/w -> u, and the tone keys (s f r x j z) after the first vowel dropped.
 * Returns null when the word has no Telex keys in it. Only meant for words the knowledge base does not know.
 *
 * @example
 * untelex('ddawngs'); // 'dang'
 * untelex('truwowfng'); // 'truong'
 */
export function untelex(word: string): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  let s = word
    .replace(/^dd/, 'd')
    .replace(/aa|aw/g, 'a')
    .replace(/ee/g, 'e')
    .replace(/oo|ow/g, 'o')
    .replace(/uw/g, 'u')
    .replace(/w/g, 'u');
  const v = s.search(/[aeiouy]/);
  if (v >= 0) s = s.slice(0, v + 1) + s.slice(v + 1).replace(/[sfrxjz]/g, '');
  return s !== word && s ? s : null;
}
