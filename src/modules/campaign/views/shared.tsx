import type { ComponentChildren } from 'preact';
import { usePage } from '../../../platform/html/index.js';

const LINKS = [
  { href: '/quan-tri/chien-dich', label: 'Kế hoạch' },
  { href: '/quan-tri/chien-dich/hoat-dong', label: 'Hoạt động' },
  { href: '/quan-tri/chien-dich/san-pham', label: 'Sản phẩm truyền thông' },
  { href: '/quan-tri/chien-dich/lich', label: 'Lịch đăng' },
  { href: '/quan-tri/chien-dich/kenh', label: 'Kênh truyền thông' },
];

/** The campaign section's own links, under the page title. */
export function CampaignNav() {
  const ctx = usePage();
  return (
    <nav aria-label="Chiến dịch" class="pills">
      <ul class="pills-list">
        {LINKS.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={ctx.path === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const CRUMBS = [
  { href: '/quan-tri', label: 'Quản trị' },
  { href: '/quan-tri/chien-dich', label: 'Chiến dịch' },
];

/** A table inside a scrollable wrapper with a caption (read by screen readers). */
export function DataTable({
  caption,
  children,
  visibleCaption,
}: {
  caption: string;
  children: ComponentChildren;
  visibleCaption?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class={visibleCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function parseJsonList(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
