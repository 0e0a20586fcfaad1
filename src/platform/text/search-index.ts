import { distance } from 'fastest-levenshtein';
import { expand, type CompiledDictionary } from './dictionary.js';
import { tokenize, untelex, type Token } from './vietnamese.js';

/**
 * A small in-memory BM25F index for Vietnamese, as people type it.
 *
 * Each field is indexed as three streams: folded unigrams (f:), folded bigrams (b:) and accented unigrams (a:).
 * A query matches on folded terms whatever the user typed; when the user typed accents, accented matches add
 * weight so exact spellings rank first. Unknown query words are matched to the nearest indexed words
 * (edit distance 1, or 2 for long words) at a discount.
 */

export interface FieldSpec {
  weight: number;
  /** Length normalization strength (BM25 b) for this field. */
  b?: number;
}

export interface IndexDocument<F extends string> {
  id: string;
  fields: Partial<Record<F, string | readonly string[]>>;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Share of the query's meaningful words found in the document (0..1). */
  coverage: number;
  /** Query words that were matched only through typo tolerance, with the word they were read as. */
  corrections: Array<{ typed: string; readAs: string }>;
}

export interface SearchOptions {
  limit?: number;
  /** Only consider these document ids. */
  filter?: (id: string) => boolean;
}

interface Posting {
  doc: number;
  /** Term frequency per field index. */
  tf: number[];
  /** The term's BM25F weight in this document (IDF included), computed once the index is built. */
  w: number;
}

const K1 = 1.2;
const STREAM_WEIGHT = { f: 1, b: 1.4, a: 0.6 } as const;
const TYPO_WEIGHT = 0.7;
/** Everyday words that carry little meaning in a question; they still count, at a fraction. */
const LIGHT_WORDS = new Set(
  (
    'la gi the nao nhu co khong toi minh em anh chi ban cho cua va voi o dau duoc can phai lam muon hoi ' +
    'thi ma nay do khi nao bao nhieu may roi a a nhe vay sao the ntn de cac nhung mot hay hoac ve tu den ' +
    'tai trong ra vao len xuong bi chua da se dang'
  ).split(' '),
);
const LIGHT_WEIGHT = 0.25;

export class SearchIndex<F extends string> {
  private readonly fieldNames: F[];
  private readonly fieldWeights: number[];
  private readonly fieldB: number[];
  private readonly postings = new Map<string, Posting[]>();
  /** The same postings packed for search: document numbers and their weights, side by side. */
  private readonly packed = new Map<string, { docs: Int32Array; ws: Float64Array }>();
  private readonly docIds: string[] = [];
  private readonly docLens: number[][] = [];
  private readonly avgLens: number[];
  private readonly vocabByLen = new Map<number, string[]>();
  private readonly foldedVocab = new Set<string>();

  constructor(
    fields: Record<F, FieldSpec>,
    docs: ReadonlyArray<IndexDocument<F>>,
    private readonly dict: CompiledDictionary,
  ) {
    this.fieldNames = Object.keys(fields) as F[];
    this.fieldWeights = this.fieldNames.map((f) => fields[f].weight);
    this.fieldB = this.fieldNames.map((f) => fields[f].b ?? 0.6);
    const totals = this.fieldNames.map(() => 0);
    docs.forEach((d, docIdx) => {
      this.docIds.push(d.id);
      const lens = this.fieldNames.map(() => 0);
      this.fieldNames.forEach((f, fi) => {
        const v = d.fields[f];
        const parts = v === undefined ? [] : typeof v === 'string' ? [v] : v;
        for (const part of parts) {
          const terms = this.docTerms(part);
          lens[fi]! += terms.length;
          for (const t of terms) this.add(t, docIdx, fi);
        }
        totals[fi]! += lens[fi]!;
      });
      this.docLens.push(lens);
    });
    this.avgLens = totals.map((t) => (docs.length ? t / docs.length : 0) || 1);
    // Document-side BM25F weights do not depend on the query: compute them once, so a search only adds them up.
    for (const [term, list] of this.postings) {
      const idf = this.idf(term);
      for (const p of list) {
        let tf = 0;
        const lens = this.docLens[p.doc]!;
        for (let fi = 0; fi < p.tf.length; fi++) {
          const f = p.tf[fi]!;
          if (!f) continue;
          const norm = 1 - this.fieldB[fi]! + (this.fieldB[fi]! * lens[fi]!) / this.avgLens[fi]!;
          tf += (this.fieldWeights[fi]! * f) / norm;
        }
        p.w = (idf * tf * (K1 + 1)) / (K1 + tf);
      }
      this.packed.set(term, { docs: Int32Array.from(list, (p) => p.doc), ws: Float64Array.from(list, (p) => p.w) });
    }
    for (const w of this.foldedVocab) {
      const list = this.vocabByLen.get(w.length) ?? [];
      list.push(w);
      this.vocabByLen.set(w.length, list);
    }
  }

  get size(): number {
    return this.docIds.length;
  }

  private add(term: string, doc: number, field: number): void {
    let list = this.postings.get(term);
    if (!list) {
      list = [];
      this.postings.set(term, list);
    }
    let p = list[list.length - 1];
    if (!p || p.doc !== doc) {
      p = { doc, tf: this.fieldNames.map(() => 0), w: 0 };
      list.push(p);
    }
    p.tf[field]! += 1;
  }

  private docTerms(text: string): string[] {
    const { tokens, extra } = expand(tokenize(text), this.dict);
    const terms: string[] = [];
    tokens.forEach((t, i) => {
      terms.push(`f:${t.folded}`);
      this.foldedVocab.add(t.folded);
      if (t.marked) terms.push(`a:${t.accented}`);
      const next = tokens[i + 1];
      if (next) terms.push(`b:${t.folded} ${next.folded}`);
    });
    for (const t of extra) {
      terms.push(`f:${t.folded}`);
      this.foldedVocab.add(t.folded);
    }
    return terms;
  }

  /** In how many documents two folded words follow each other (chooses among a dictionary term's meanings). */
  private readonly pairCount = (a: string, b: string): number => this.postings.get(`b:${a} ${b}`)?.length ?? 0;

  private idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    const n = this.docIds.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The nearest indexed word for a word that is not in the index, if one is close enough.
   * Common slips are tried first: a repeated letter ("xeee"), two letters swapped ("hno"), a Telex tone key left
   * at the end ("kys"). Then edit distance 1 (2 for long words); among equally close words, the most used wins.
   */
  private correct(word: string): string | undefined {
    if (/^\d/.test(word)) return undefined;
    for (const c of slips(word)) if (this.foldedVocab.has(c)) return c;
    if (word.length < 4) return undefined;
    const maxDist = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDist = maxDist + 1;
    let bestDf = -1;
    for (let len = word.length - maxDist; len <= word.length + maxDist; len++) {
      for (const w of this.vocabByLen.get(len) ?? []) {
        const d = distance(word, w);
        if (d > bestDist) continue;
        const df = this.postings.get(`f:${w}`)?.length ?? 0;
        if (d < bestDist || df > bestDf) {
          best = w;
          bestDist = d;
          bestDf = df;
        }
      }
    }
    return bestDist <= maxDist ? best : undefined;
  }

  /**
   * Rank documents for a query.
   *
   * @example
   * index.search('cap lai cccd', { limit: 3 });
   */
  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const raw = tokenize(query);
    const userTypedAccents = raw.some((t) => t.marked);
    const { tokens, extra } = expand(raw, this.dict, this.pairCount);
    // Query terms with their weights; each meaningful word is one "unit" for coverage.
    const terms = new Map<string, number>();
    const corrections: SearchHit['corrections'] = [];
    const wordTerms: string[] = [];
    const addTerm = (t: string, w: number) => terms.set(t, Math.max(terms.get(t) ?? 0, w));
    const addWord = (t: Token) => {
      const light = LIGHT_WORDS.has(t.folded);
      const base = light ? LIGHT_WEIGHT : 1;
      let folded = t.folded;
      if (!this.foldedVocab.has(folded)) {
        const fixed = this.correct(folded);
        if (!fixed) return;
        corrections.push({ typed: folded, readAs: fixed });
        addTerm(`f:${fixed}`, base * TYPO_WEIGHT);
        folded = fixed;
      } else {
        addTerm(`f:${folded}`, base * STREAM_WEIGHT.f);
        if (userTypedAccents && t.marked) addTerm(`a:${t.accented}`, base * STREAM_WEIGHT.a);
      }
      if (!light) wordTerms.push(`f:${folded}`);
    };
    tokens.forEach(addWord);
    for (const t of extra) if (this.foldedVocab.has(t.folded)) addTerm(`f:${t.folded}`, STREAM_WEIGHT.f);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i]!;
      const b = tokens[i + 1]!;
      const lightPair = LIGHT_WORDS.has(a.folded) && LIGHT_WORDS.has(b.folded);
      addTerm(`b:${a.folded} ${b.folded}`, (lightPair ? LIGHT_WEIGHT : 1) * STREAM_WEIGHT.b);
    }

    // Dense accumulators: a query touches many documents of a phrase index, and typed arrays beat maps there.
    const n = this.docIds.length;
    const scores = new Float64Array(n);
    const matchedWords = new Uint16Array(n);
    const seen = new Uint8Array(n);
    const touched: number[] = [];
    const wordSet = new Set(wordTerms);
    for (const [term, qWeight] of terms) {
      const list = this.packed.get(term);
      if (!list) continue;
      const { docs, ws } = list;
      const isWord = wordSet.has(term);
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        if (!seen[d]) {
          if (opts.filter && !opts.filter(this.docIds[d]!)) continue;
          seen[d] = 1;
          touched.push(d);
        }
        scores[d]! += qWeight * ws[k]!;
        if (isWord) matchedWords[d]! += 1;
      }
    }
    touched.sort((a, b) => scores[b]! - scores[a]! || this.docIds[a]!.localeCompare(this.docIds[b]!));
    return touched.slice(0, opts.limit ?? 10).map((doc) => ({
      id: this.docIds[doc]!,
      score: scores[doc]!,
      coverage: wordSet.size ? matchedWords[doc]! / wordSet.size : 0,
      corrections,
    }));
  }
}

/**
 * Spellings a slip of the keyboard may have produced from a word, most likely first (folded keys): Telex keys
 * typed with the input method off, a repeated letter removed, two neighbours swapped, a trailing tone key dropped.
 *
 * @example
 * slips('truu'); // ['tru', 'rtuu', 'turu']
 */
export function slips(word: string): string[] {
  const out: string[] = [];
  // Telex typed with the input method off: "ddawngs" is "đăng".
  const plain = untelex(word);
  const plainKey = plain ? tokenize(plain)[0]?.folded : undefined;
  if (plainKey) out.push(plainKey);
  const collapsed = word.replace(/(.)\1+/g, '$1');
  if (collapsed !== word) out.push(collapsed);
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  if (word.length >= 3 && /[sfrxj]$/.test(word)) {
    const key = tokenize(word.slice(0, -1))[0]?.folded;
    if (key) out.push(key);
  }
  return out;
}
