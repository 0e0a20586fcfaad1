import type { PublishedGuide } from '../guides.service.js';

/** Cards linking to guides: title and summary. */
export function GuideSummaryList({ guides, headingLevel = 3 }: { guides: readonly PublishedGuide[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards">
      {guides.map((g) => (
        <li class="card" key={g.id}>
          <H class="card-title">
            <a href={`/huong-dan/${g.id}`}>{g.content.title}</a>
          </H>
          <p>{firstSentence(g.content.summary)}</p>
        </li>
      ))}
    </ul>
  );
}

function firstSentence(s: string): string {
  const m = /^(.{40,220}?[.!?])\s/.exec(s);
  return m ? m[1]! : s.length > 220 ? `${s.slice(0, 217)}...` : s;
}
