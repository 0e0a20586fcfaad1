import {
  SearchIndex,
  compileDictionary,
  expand,
  fold,
  tokenize,
  untelex,
  type CompiledDictionary,
  type DictionaryEntry,
  type IndexDocument,
  type Token,
  slips,
} from '../../platform/text/index.js';
import { GUIDE_FIELDS, guideDocument, type GuideContent } from '../guides/index.js';

/**
 * The assistant's understanding: retrieval over the published guides, their FAQ entries and aliases (and the
 * phrases editors add from the question queue), then a decision from retrieval evidence: answer, ask which of
 * two or three topics the person means, or decline kindly. No fact is produced here that is not in a guide.
 *
 * The engine is pure (no database, no I/O) so it can be rebuilt in a few milliseconds when editors publish,
 * evaluated in process (scripts/eval-assistant.ts) and unit tested.
 */

export interface KnowledgeTopic {
  id: string;
  title: string;
  scope: string;
  /** The published guide; topics without one are still recognized, with a plain "being written" answer. */
  guide: GuideContent | null;
}

export interface ExtraPhrase {
  topicId: string;
  phrase: string;
  kind: 'alias' | 'faq';
  /** For an FAQ added by an editor: the short answer to give (optional). */
  answer?: string | null;
}

/** What a question asks about a procedure. */
export type Facet = 'fee' | 'time' | 'where' | 'documents' | 'online' | 'steps';

/** answered, clarify (which topic?), declined (out of scope), followup (about the topic in play), greeting. */
export type Outcome = 'answered' | 'clarify' | 'declined' | 'followup' | 'greeting';

export interface Candidate {
  topic: string;
  score: number;
}

export interface Evidence {
  /** IDF-weighted share of the question's words found anywhere in the top topic (0..1). */
  coverage: number;
  /** The same, in the top topic's key phrases only: title, scope, aliases, FAQ questions (0..1). */
  keyCoverage: number;
  /** IDF of the most distinctive word pair of the question found in the top topic's key phrases (0 if none). */
  keyPair: number;
  /** How much of the top topic's best phrase the question contains (0..1). */
  containment: number;
  /** The top topic's retrieval score. */
  score: number;
  /** Best topic score over the second's (1 = tie). */
  ratio: number;
  /** Meaningful words of the question (after abbreviations are expanded and typos corrected). */
  words: number;
  /** Of which unknown to the whole knowledge base. */
  unknown: number;
}

export interface Decision {
  outcome: Outcome;
  /** The topic the answer is about (null when declined). */
  topic: string | null;
  confidence: number;
  /** Every topic with some evidence, likeliest first (the clarifying question offers the first two or three). */
  ranked: Candidate[];
  facet: Facet | null;
  /** The FAQ entry that matched the question best, when it is close enough to answer it directly. */
  faq: { q: string; a: string } | null;
  evidence: Evidence;
}

export interface DecideContext {
  /** The topic already in play in this conversation (follow-ups are answered about it). */
  lastTopic?: string | null;
}

interface PhraseRef {
  topic: string;
  kind: 'title' | 'alias' | 'faq' | 'scope' | 'extra-alias' | 'extra-faq';
  text: string;
  answer: string | null;
  /** Folded words and known word pairs of the phrase (dictionary expanded), filled once frequencies are known. */
  units: string[];
  unitSet: Set<string>;
  /** The IDF mass of its units. */
  total: number;
  /** What the phrase asks (FAQ questions), so an answer about fees is not given to a question about time. */
  facet?: Facet | null;
}

/** Chat words that carry no meaning for retrieval (folded): greetings, particles, thanks. */
const CHAT = new Set(
  'ad admin oi chao xin a ah ak nhe nhen nhi vay zay z ok oke okie okay thanks thank cam on giup voi'.split(' '),
);

/** Words of a bare greeting or thanks (folded), answered with a greeting, never logged as a miss. */
const GREETING = new Set('xin chao hello hi alo cam on tam biet bye ban co khoe khong'.split(' '));

/** Words that open a follow-up without adding a subject (folded). */
const FOLLOW_UP_WORDS = new Set(
  'the con vay thi sao nao neu roi nua lam gi bao nhieu o dau can phai co khong duoc ko k'.split(' '),
);

/** How closely a question must match an FAQ question to be answered with that FAQ's answer. */
const FAQ_MATCH = 0.6;

/** Phrases that mark what is asked (matched on folded text with word boundaries). */
const FACETS: Array<[Facet, RegExp]> = [
  [
    'fee',
    /\b(le phi|phi|chi phi|bao nhieu tien|may tien|mat tien|ton tien|het tien|het bao nhieu|mat bao nhieu|ton bao nhieu|mien phi|gia tien|gia bao nhieu|dong bao nhieu|nop bao nhieu)\b/,
  ],
  [
    'time',
    /\b(bao lau|may ngay|bao nhieu ngay|thoi gian|thoi han|khi nao (thi )?co|bao gio (thi )?co|bh (thi )?co|lau (khong|ko|k|hok)|trong bao lau|mat bao lau|may hom|bao nhieu hom)\b/,
  ],
  [
    'documents',
    /\b(giay to (gi|nao|can|gom)|can (gi|nhung gi|mang gi|chuan bi gi|giay to)|ho so (gom|can|gi)|mang (theo )?(gi|nhung gi)|chuan bi (gi|nhung gi)|can nhung giay to)\b/,
  ],
  ['where', /\b(o dau|noi nao|cho nao|dia chi|den dau|co quan nao|phuong nao|xa nao|nop dau|lam dau|di dau|tai dau|o cho nao)\b/],
  ['online', /\b(online|onl|truc tuyen|qua mang|tren mang|tren dien thoai|qua dien thoai|tai nha|qua app|tren app)\b/],
];

const folded = (q: string) => ` ${fold(q).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;

/** The question with its facet phrases taken out ("thế lệ phí bao nhiêu?" -> "thế bao nhiêu"). */
function stripFacets(question: string): string {
  let f = folded(question);
  for (const [, re] of FACETS) f = f.replace(new RegExp(re.source, 'g'), ' ');
  return f.trim();
}

/**
 * Which facet a question asks about, or null for a general question.
 *
 * @example
 * detectFacet('thế lệ phí bao nhiêu?'); // 'fee'
 */
export function detectFacet(question: string): Facet | null {
  const f = folded(question);
  for (const [facet, re] of FACETS) if (re.test(f)) return facet;
  return null;
}

/**
 * Phrase scoring (titles, aliases, FAQ questions, scope items): the IDF mass of the units the phrase and the
 * question share, times how completely the question contains the phrase and how much of the question the phrase
 * explains. Chosen on test/fixtures/assistant-tuning.tsv, checked on the held-out file (docs/assistant.md).
 */
const PHRASE = { mass: 3, containFloor: 0.35, containPower: 2, explainFloor: 0.2, explainPower: 2 } as const;
/** Units this common (IDF below) do not select candidate phrases on their own; they still count in scores. */
const CANDIDATE_MIN_IDF = 1;

/** The retrieval evidence as the inputs of the confidence model, in MODEL.weights order. */
export const FEATURES = [
  'coverage',
  'keyCoverage',
  'keyPair',
  'containment',
  'logScore',
  'logRatio',
  'unknownShare',
  'logWords',
] as const;

export function features(e: Evidence): number[] {
  return [
    e.coverage,
    e.keyCoverage,
    e.keyPair,
    e.containment,
    Math.log(1 + e.score),
    Math.log(Math.max(e.ratio, 1)),
    e.words ? e.unknown / e.words : 0,
    Math.log(1 + e.words),
  ];
}

/**
 * Confidence: a logistic model over the retrieval evidence (FEATURES), fitted with `npm run fit:assistant` on the
 * tuning, held-out, blind-1 and blind-2 question files in test/fixtures (in-scope questions whose best topic is right
 * = 1; wrong best topic or out of scope = 0). Never fitted on the dev set or on blind-3 and blind-4, which stay for
 * checking.
 */
export const MODEL = {
  bias: -12.596,
  weights: [0.599, 4.145, 0.234, 3.04, 1.2, 1.564, 0.365, 1.177],
};

/** Decision thresholds on the confidence. */
export const THRESHOLDS = {
  /** Below this: the question is declined (out of scope). */
  decline: 0.27,
  /** Below this (and above decline), or when two topics are nearly tied: ask which topic is meant. */
  answer: 0.48,
  /** Top score over the second's below this counts as a near tie. */
  tie: 1.08,
};

/** The logistic model on a feature vector (FEATURES order); `npm run fit:assistant` uses it with the weights it fits. */
export function logistic(x: readonly number[], model: { bias: number; weights: readonly number[] } = MODEL): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** Confidence (0..1) that the top topic is what the question is about. */
export function confidenceOf(e: Evidence): number {
  return e.score ? logistic(features(e)) : 0;
}

export interface EngineOptions {
  /** Weight of the best matching phrase (title, alias, FAQ question) against the whole-guide score. */
  phraseWeight?: number;
}

export class AssistantEngine {
  private readonly topics = new Map<string, KnowledgeTopic>();
  private readonly guideIndex: SearchIndex<string>;
  /** Which phrases contain each unit (word or known word pair). */
  private readonly phrasesByUnit = new Map<string, Int32Array>();
  /** Scratch space for rank(): one slot per phrase, zero between calls. */
  private phraseMass = new Float64Array(0);
  private readonly phrases: PhraseRef[] = [];
  private readonly dict: CompiledDictionary;
  /** Folded words and word pairs of each topic's text (after dictionary expansion). */
  private readonly topicWords = new Map<string, Set<string>>();
  private readonly topicPairs = new Map<string, Set<string>>();
  /** Units of each topic's key phrases (title, scope, aliases, FAQ questions): what the topic is about. */
  private readonly keyUnits = new Map<string, Set<string>>();
  /** In how many topics each folded word (and word pair) occurs. */
  private readonly df = new Map<string, number>();
  private readonly pairDf = new Map<string, number>();
  /** IDF of every known word and word pair (over topics); unknown ones get the highest. */
  private readonly idfs = new Map<string, number>();
  private unknownIdf = 1;
  /** FAQ entries (with an answer) per topic. */
  private readonly faqs = new Map<string, PhraseRef[]>();
  private readonly phraseWeight: number;

  constructor(
    topics: readonly KnowledgeTopic[],
    extra: readonly ExtraPhrase[],
    dictionary: readonly DictionaryEntry[],
    opts: EngineOptions = {},
  ) {
    this.phraseWeight = opts.phraseWeight ?? 1.2;
    this.dict = compileDictionary(dictionary);
    const guideDocs: Array<IndexDocument<string>> = [];
    const addPhrase = (ref: PhraseRef) => {
      this.phrases.push(ref);
    };
    for (const t of topics) {
      this.topics.set(t.id, t);
      const g = t.guide;
      if (g) guideDocs.push(guideDocument(g, t.scope));
      else guideDocs.push({ id: t.id, fields: { title: t.title, body: t.scope } });
      addPhrase({
        topic: t.id,
        kind: 'title',
        text: g?.title ?? t.title,
        answer: null,
        units: [],
        unitSet: new Set(),

        total: 0,
      });
      if (g) {
        for (const a of g.aliases)
          addPhrase({ topic: t.id, kind: 'alias', text: a, answer: null, units: [], unitSet: new Set(), total: 0 });
        for (const f of g.faq)
          addPhrase({ topic: t.id, kind: 'faq', text: f.q, answer: f.a, units: [], unitSet: new Set(), total: 0 });
      }
      // The topic's scope lists what the guide must answer; each item is a phrase people may use.
      for (const part of t.scope.split(/[,;:.()–]+/)) {
        if (part.trim().length >= 4)
          addPhrase({
            topic: t.id,
            kind: 'scope',
            text: part.trim(),
            answer: null,
            units: [],
            unitSet: new Set(),

            total: 0,
          });
      }
    }
    for (const p of extra) {
      if (!this.topics.has(p.topicId)) continue;
      addPhrase({
        topic: p.topicId,
        kind: p.kind === 'faq' ? 'extra-faq' : 'extra-alias',
        text: p.phrase,
        answer: p.answer ?? null,
        units: [],
        unitSet: new Set(),

        total: 0,
      });
    }
    this.guideIndex = new SearchIndex<string>(GUIDE_FIELDS, guideDocs, this.dict);

    // Word and pair sets per topic, for the evidence behind a decision.
    const texts = new Map<string, string[]>();
    for (const t of topics) texts.set(t.id, [t.title, t.scope, ...(t.guide ? guideTexts(t.guide) : [])]);
    for (const p of extra) texts.get(p.topicId)?.push(p.phrase);
    for (const [id, parts] of texts) {
      const words = new Set<string>();
      const pairs = new Set<string>();
      for (const part of parts) {
        const { tokens, extra: kept } = expand(tokenize(part), this.dict);
        tokens.forEach((tok, i) => {
          words.add(tok.folded);
          const next = tokens[i + 1];
          if (next) pairs.add(`${tok.folded} ${next.folded}`);
        });
        for (const k of kept) words.add(k.folded);
      }
      this.topicWords.set(id, words);
      this.topicPairs.set(id, pairs);
      for (const w of words) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      for (const p of pairs) this.pairDf.set(p, (this.pairDf.get(p) ?? 0) + 1);
    }
    const n = this.topics.size || 1;
    for (const [w, df] of this.df) this.idfs.set(w, Math.log(1 + n / (df + 0.5)));
    for (const [p, df] of this.pairDf) this.idfs.set(p, Math.log(1 + n / (df + 0.5)));
    this.unknownIdf = Math.log(1 + n / 0.5);
    this.phraseMass = new Float64Array(this.phrases.length);
    const byUnit = new Map<string, number[]>();
    for (const [index, ref] of this.phrases.entries()) {
      ref.units = this.units(expand(tokenize(ref.text), this.dict).tokens.map((t) => t.folded));
      ref.unitSet = new Set(ref.units);
      for (const u of ref.unitSet) {
        const list = byUnit.get(u) ?? [];
        list.push(index);
        byUnit.set(u, list);
      }
      ref.total = ref.units.reduce((a, u) => a + this.unitIdf(u), 0);
      if (ref.answer !== null) {
        ref.facet = detectFacet(ref.text);
        const list = this.faqs.get(ref.topic) ?? [];
        list.push(ref);
        this.faqs.set(ref.topic, list);
      }
      const key = this.keyUnits.get(ref.topic) ?? new Set<string>();
      for (const u of ref.units) key.add(u);
      this.keyUnits.set(ref.topic, key);
    }
    for (const [u, list] of byUnit) this.phrasesByUnit.set(u, Int32Array.from(list));
  }

  get topicCount(): number {
    return this.topics.size;
  }

  topic(id: string): KnowledgeTopic | undefined {
    return this.topics.get(id);
  }

  /**
   * Decide how to answer: about which topic, with what confidence, and whether to answer, ask which topic is meant,
   * or decline. A follow-up ("thế lệ phí bao nhiêu?") is answered about the topic already in play.
   *
   * @example
   * engine.decide('cap lai cccd bi mat').topic; // 'can-cuoc'
   * engine.decide('nộp ở đâu?', { lastTopic: 'khai-sinh' }).outcome; // 'followup'
   */
  decide(question: string, ctx: DecideContext = {}): Decision {
    const facet = detectFacet(question);
    const empty: Evidence = { coverage: 0, keyCoverage: 0, keyPair: 0, containment: 0, score: 0, ratio: 0, words: 0, unknown: 0 };
    const tokens = tokenize(question);
    if (!tokens.length || tokens.every((t) => CHAT.has(t.folded) || GREETING.has(t.folded))) {
      return { outcome: 'greeting', topic: null, confidence: 0, ranked: [], facet: null, faq: null, evidence: empty };
    }
    const r = this.rank(question);
    const evidence = this.evidence(r);
    const confidence = confidenceOf(evidence);
    const last = ctx.lastTopic && this.topics.has(ctx.lastTopic) ? ctx.lastTopic : null;
    if (!last && facet && !this.subjectUnits(stripFacets(question)).length) {
      // "lệ phí bao nhiêu?" with nothing in play: ask which procedure.
      return { outcome: 'clarify', topic: null, confidence: 0, ranked: r.ranked, facet, faq: null, evidence };
    }
    if (last && this.isFollowUp(question, facet, r, confidence, last)) {
      return {
        outcome: 'followup',
        topic: last,
        confidence: Math.max(confidence, THRESHOLDS.answer),
        ranked: [{ topic: last, score: r.ranked[0]?.score ?? 0 }, ...r.ranked.filter((c) => c.topic !== last)],
        facet,
        faq: this.faqFor(last, question, new Set(this.units(r.words.map((w) => w.folded)))),
        evidence,
      };
    }
    const ranked = r.ranked;
    const top = ranked[0];
    if (!top || confidence < THRESHOLDS.decline) {
      return { outcome: 'declined', topic: null, confidence, ranked, facet, faq: null, evidence };
    }
    const unsure = confidence < THRESHOLDS.answer || evidence.ratio < THRESHOLDS.tie;
    return {
      outcome: unsure ? 'clarify' : 'answered',
      topic: top.topic,
      confidence,
      ranked,
      facet,
      faq: unsure ? null : this.faqFor(top.topic, question, new Set(this.units(r.words.map((w) => w.folded)))),
      evidence,
    };
  }

  /**
   * Whether a question continues the conversation about `last`.
   * With a facet ("nộp ở đâu?"): what is left once the facet words are taken out is empty, or is about that
   * topic's key phrases and does not point clearly at another topic. Without one: the question is in scope on
   * its own and the topic in play is its best reading, or one of its likely readings when it is unsure.
   */
  private isFollowUp(question: string, facet: Facet | null, r: Ranking, confidence: number, last: string): boolean {
    if (facet) {
      const rest = stripFacets(question);
      const restUnits = this.subjectUnits(rest);
      if (!restUnits.length) return true;
      if (this.keyCoverage(last, restUnits) < 0.5) return false;
      const own = this.rank(rest);
      return own.ranked[0]?.topic === last || confidenceOf(this.evidence(own)) < THRESHOLDS.answer;
    }
    if (confidence < THRESHOLDS.decline) return false;
    if (r.ranked[0]?.topic === last) return true;
    if (confidence >= THRESHOLDS.answer) return false;
    const subject = this.subjectUnits(question);
    return r.ranked.slice(0, 3).some((c) => c.topic === last) && this.keyCoverage(last, subject) >= 0.5;
  }

  /** IDF-weighted share of some words found in a topic's key phrases (title, scope, aliases, FAQ questions). */
  private keyCoverage(topic: string, words: readonly string[]): number {
    const key = this.keyUnits.get(topic);
    let all = 0;
    let got = 0;
    for (const w of words) {
      const idf = this.unitIdf(w);
      all += idf;
      if (key?.has(w)) got += idf;
    }
    return all ? got / all : 0;
  }

  /** The words of a question that could name a subject (not the words that open a follow-up). */
  private subjectUnits(text: string): string[] {
    return this.units(this.queryWords(text, new Map()).map((t) => t.folded)).filter(
      (u) => !u.includes(' ') && !FOLLOW_UP_WORDS.has(u) && !/^\d+$/.test(u),
    );
  }

  /** The FAQ entry of a topic that the question asks, when it is close enough to answer directly. */
  faqFor(topic: string, question: string, units?: ReadonlySet<string>): { q: string; a: string } | null {
    const words = units ?? new Set(this.units(this.queryWords(question, new Map()).map((t) => t.folded)));
    const facet = detectFacet(question);
    let best: { ref: PhraseRef; c: number } | null = null;
    for (const ref of this.faqs.get(topic) ?? []) {
      // "Đăng ký kết hôn ở đâu?" does not answer "đăng ký kết hôn mất bao lâu?".
      if (ref.facet !== facet) continue;
      const c = Math.min(this.containment(ref.units, words), this.containment([...words], ref.unitSet) + 0.3);
      if (!best || c > best.c) best = { ref, c };
    }
    return best && best.c >= FAQ_MATCH ? { q: best.ref.text, a: best.ref.answer! } : null;
  }

  /** Rank topics for a question (best first). */
  rank(question: string): Ranking {
    const q = this.splitJoined(question);
    const guideHits = this.guideIndex.search(q, { limit: 40 });
    const corrections = new Map<string, string>();
    for (const h of guideHits) for (const c of h.corrections) corrections.set(c.typed, c.readAs);
    const words = this.queryWords(q, corrections);
    const guessed = new Set([...corrections].filter(([typed, read]) => !slips(typed).includes(read)).map(([, read]) => read));
    const queryUnits = this.units(words.map((w) => w.folded));
    const scores = new Map<string, number>();
    for (const h of guideHits) scores.set(h.id, h.score);
    const bestPhrase = new Map<string, { ref: PhraseRef; score: number; containment: number }>();
    const queryIdfs = queryUnits.map((u) => this.unitIdf(u));
    const queryTotal = queryIdfs.reduce((a, b) => a + b, 0);
    // The IDF mass each phrase shares with the question, summed along the question's units' phrase lists. Units
    // are distinct on both sides, so this mass is both what the phrase shares and what of the question it explains.
    const mass = this.phraseMass;
    const touched: number[] = [];
    for (let k = 0; k < queryUnits.length; k++) {
      const list = this.phrasesByUnit.get(queryUnits[k]!);
      if (!list) continue;
      const idf = queryIdfs[k]!;
      for (const i of list) {
        if (mass[i] === 0) touched.push(i);
        mass[i]! += idf;
      }
    }
    for (const index of this.candidatePhrases(queryUnits)) {
      const ref = this.phrases[index]!;
      // The share of the phrase the shared units make up (containment) and the share of the question they explain.
      const shared = mass[index]!;
      const containment = ref.total ? shared / ref.total : 0;
      const qcov = queryTotal ? shared / queryTotal : 0;
      const score =
        PHRASE.mass *
        shared *
        (PHRASE.containFloor + (1 - PHRASE.containFloor) * containment) ** PHRASE.containPower *
        (PHRASE.explainFloor + (1 - PHRASE.explainFloor) * qcov) ** PHRASE.explainPower;
      const prev = bestPhrase.get(ref.topic);
      if (!prev || score > prev.score) bestPhrase.set(ref.topic, { ref, score, containment });
    }
    for (const i of touched) mass[i] = 0;
    for (const [topic, p] of bestPhrase) scores.set(topic, (scores.get(topic) ?? 0) + this.phraseWeight * p.score);
    const ranked = [...scores]
      .map(([topic, score]) => ({ topic, score }))
      .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
    return { query: q, ranked, bestPhrase, words, guessed };
  }

  /** IDF-weighted share of the question's words and word pairs that occur in a topic (0..1). */
  private coverage(topic: string, units: readonly string[]): number {
    const words = this.topicWords.get(topic);
    const pairs = this.topicPairs.get(topic);
    let all = 0;
    let got = 0;
    for (const u of units) {
      const idf = this.unitIdf(u);
      all += idf;
      if (u.includes(' ') ? pairs?.has(u) : words?.has(u)) got += idf;
    }
    return all ? got / all : 0;
  }

  /** Phrases sharing a distinctive unit with the question (or any unit, when the question has none). */
  private candidatePhrases(units: readonly string[]): Set<number> {
    const out = new Set<number>();
    const distinctive = units.filter((u) => this.unitIdf(u) >= CANDIDATE_MIN_IDF);
    for (const u of distinctive.length ? distinctive : units) for (const i of this.phrasesByUnit.get(u) ?? []) out.add(i);
    return out;
  }

  /** Share of a phrase's meaning (IDF-weighted words and pairs) that the question contains. */
  private containment(units: readonly string[], query: ReadonlySet<string>): number {
    let all = 0;
    let got = 0;
    for (const u of units) {
      const idf = this.unitIdf(u);
      all += idf;
      if (query.has(u)) got += idf;
    }
    return all ? got / all : 0;
  }

  /**
   * The units of meaning of a folded word sequence: its words (chat words left out) and its adjacent word pairs
   * that occur in the knowledge base (Vietnamese words are mostly two syllables: "bảo vệ", "khai tử").
   */
  private units(folded: readonly string[]): string[] {
    const words = folded.filter((w) => !CHAT.has(w));
    const out = new Set(words);
    for (let i = 0; i + 1 < words.length; i++) {
      const pair = `${words[i]} ${words[i + 1]}`;
      if (this.pairDf.has(pair)) out.add(pair);
    }
    return [...out];
  }

  /** In how many topics two folded words follow each other (chooses among a dictionary term's meanings). */
  private readonly pairCount = (a: string, b: string): number => this.pairDf.get(`${a} ${b}`) ?? 0;

  private unitIdf(unit: string): number {
    return this.idfs.get(unit) ?? this.unknownIdf;
  }

  /** "khaisinh" -> "khai sinh": a word unknown to the knowledge base that is two known words run together. */
  private splitJoined(question: string): string {
    return question.replace(/[\p{L}\p{M}]{3,}/gu, (raw) => {
      const w = fold(raw);
      if (this.df.has(w)) return raw;
      // Telex typed with the input method off ("ddawngs", "doanhnghieepj"): try the plain letters too.
      const plain = untelex(w);
      if (plain) {
        const key = tokenize(plain)[0]?.folded;
        if (key && this.df.has(key)) return key;
      }
      for (const word of plain ? [w, plain] : [w]) {
        for (let i = 2; word.length >= 5 && i <= word.length - 2; i++) {
          const a = tokenize(word.slice(0, i))[0]?.folded;
          const b = tokenize(word.slice(i))[0]?.folded;
          if (a && b && this.pairDf.has(`${a} ${b}`)) return `${word.slice(0, i)} ${word.slice(i)}`;
        }
      }
      return raw;
    });
  }

  /** The words of a question (folded, dictionary expanded, typos corrected, chat words removed), in order. */
  private queryWords(question: string, corrections: Map<string, string>): Token[] {
    const { tokens } = expand(tokenize(question), this.dict, this.pairCount);
    return tokens
      .map((t) => {
        const fixed = corrections.get(t.folded);
        return fixed ? { ...t, folded: fixed } : t;
      })
      .filter((t) => !CHAT.has(t.folded));
  }

  /** The evidence behind the best topic: how much of the question it explains, and how clearly. */
  evidence(r: Ranking): Evidence {
    const top = r.ranked[0];
    const units = this.units(r.words.map((w) => w.folded).filter((w) => !/^\d+$/.test(w)));
    const key = top ? this.keyUnits.get(top.topic) : undefined;
    const words = this.topicWords.get(top?.topic ?? '');
    // A word read through edit distance ("phim" read as "phí") is a guess: it weighs as an unknown word, is
    // counted as unknown, and gives only half of that weight when the word it was read as is in the topic.
    const weight = (u: string) => (r.guessed.has(u) ? 0.5 : 1);
    let all = 0;
    let got = 0;
    let keyGot = 0;
    let keyPair = 0;
    let unknown = 0;
    let count = 0;
    for (const u of units) {
      const idf = r.guessed.has(u) ? this.unknownIdf : this.unitIdf(u);
      if (u.includes(' ')) {
        if (key?.has(u)) keyPair = Math.max(keyPair, idf);
        continue;
      }
      count += 1;
      if (!this.df.has(u) || r.guessed.has(u)) unknown += 1;
      all += idf;
      if (words?.has(u)) got += idf * weight(u);
      if (key?.has(u)) keyGot += idf * weight(u);
    }
    const second = r.ranked[1]?.score ?? 0;
    const phrase = top ? r.bestPhrase.get(top.topic) : undefined;
    return {
      coverage: all ? got / all : 0,
      keyCoverage: all ? keyGot / all : 0,
      keyPair,
      containment: phrase?.containment ?? 0,
      score: top?.score ?? 0,
      ratio: top ? (second ? top.score / second : 10) : 0,
      words: count,
      unknown,
    };
  }
}

export interface Ranking {
  /** The question as searched (joined words split). */
  query: string;
  ranked: Candidate[];
  bestPhrase: Map<string, { ref: PhraseRef; score: number; containment: number }>;
  words: Token[];
  /** Words read through edit distance (not a common slip): less certain evidence. */
  guessed: Set<string>;
}

/** Every text of a guide that the assistant may match on. */
function guideTexts(g: GuideContent): string[] {
  return [
    g.title,
    g.summary,
    g.whoFor,
    ...g.steps,
    ...g.documents,
    g.fee.text,
    g.processingTime.text,
    g.online.text,
    g.inPerson,
    ...g.procedureCodes.map((p) => p.name),
    ...g.mistakes,
    ...g.faq.flatMap((f) => [f.q, f.a]),
    ...g.aliases,
  ];
}
