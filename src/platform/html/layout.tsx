import type { ComponentChildren } from 'preact';
import { usePage } from './context.js';

export interface NavItem {
  href: string;
  label: string;
}

/** Main navigation of the public site. Modules add their entries in app.ts through `registerNav`. */
const publicNav: NavItem[] = [{ href: '/huong-dan', label: 'Hướng dẫn' }];

/** Back-office navigation entries, with the roles that may see each. */
const adminNav: Array<NavItem & { roles?: string[] }> = [];

export function registerNav(item: NavItem): void {
  if (!publicNav.some((n) => n.href === item.href)) publicNav.push(item);
}

export function registerAdminNav(item: NavItem & { roles?: string[] }): void {
  if (!adminNav.some((n) => n.href === item.href)) adminNav.push(item);
}

/** Back-office entries a role may see (the dashboard lists them). */
export function adminLinks(role: string): NavItem[] {
  return adminNav.filter((n) => !n.roles || n.roles.includes(role)).map(({ href, label }) => ({ href, label }));
}

export const SITE_NAME = 'Hướng dẫn Dịch vụ công trực tuyến Hà Nội';
export const MAIN_MESSAGE = 'Hành chính thông minh - Tận tâm phục vụ';

export interface Crumb {
  href: string;
  label: string;
}

interface LayoutProps {
  title: string;
  description?: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
  /** Back-office pages get the staff header. */
  admin?: boolean;
}

/** The page shell: skip link, header, navigation, main, footer. One <h1> comes from the page itself. */
export function Layout({ title, description, crumbs, children, admin }: LayoutProps) {
  const ctx = usePage();
  const cls = [ctx.prefs.largeText ? 'lt' : '', ctx.prefs.contrast ? 'hc' : ''].filter(Boolean).join(' ');
  const nav = admin ? adminNav.filter((n) => !n.roles || (ctx.user && n.roles.includes(ctx.user.role))) : publicNav;
  return (
    <html lang="vi" class={cls || undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${admin ? 'Quản trị' : SITE_NAME}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={ctx.asset('css/site.css')} />
        <link rel="icon" href={ctx.asset('img/icon.svg')} type="image/svg+xml" />
        <script src={ctx.asset('js/app.js')} defer></script>
      </head>
      <body>
        <a class="skip" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={admin ? '/quan-tri' : '/'}>
              <img src={ctx.asset('img/icon.svg')} alt="" width={36} height={36} />
              <span>{admin ? 'Quản trị - DVC Hà Nội' : 'DVC Hà Nội'}</span>
            </a>
            <a class="display-link" href={`/hien-thi?quay-lai=${encodeURIComponent(ctx.path)}`}>
              Cỡ chữ, màu
            </a>
          </div>
          <nav class="wrap main-nav" aria-label={admin ? 'Quản trị' : 'Chính'}>
            <ul>
              {(admin ? [{ href: '/quan-tri', label: 'Tổng quan' }, ...nav] : [{ href: '/', label: 'Trang chủ' }, ...nav]).map(
                (n) => (
                  <li key={n.href}>
                    <a
                      href={n.href}
                      aria-current={
                        ctx.path === n.href || (n.href.length > 9 && ctx.path.startsWith(n.href)) ? 'page' : undefined
                      }
                    >
                      {n.label}
                    </a>
                  </li>
                ),
              )}
              {admin && ctx.user ? (
                <li class="nav-user">
                  <a href="/quan-tri/tai-khoan">{ctx.user.name}</a>
                </li>
              ) : null}
            </ul>
          </nav>
        </header>
        {crumbs && crumbs.length ? (
          <nav class="wrap crumbs" aria-label="Đường dẫn">
            <ol>
              {crumbs.map((c) => (
                <li key={c.href}>
                  <a href={c.href}>{c.label}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="noi-dung" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p class="motto">{MAIN_MESSAGE}</p>
            <p>
              Cần giúp đỡ? Gọi đường dây nóng 1022 của Hà Nội: <a href="tel:02401022">024.1022</a>, hoặc đến Bộ phận một cửa UBND
              xã, phường nơi bạn ở (<a href="/huong-dan/ho-tro-truc-tiep">nơi được hướng dẫn trực tiếp</a>).
            </p>
            <p>
              <a href="/huong-dan/lua-dao">Cảnh giác lừa đảo</a> · <a href="/huong-dan/bao-ve-tai-khoan">Bảo vệ tài khoản</a> ·{' '}
              {admin ? <a href="/">Trang công khai</a> : <a href="/quan-tri">Cán bộ đăng nhập</a>}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
