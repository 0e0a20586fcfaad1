export {
  Layout,
  registerNav,
  registerAdminNav,
  adminLinks,
  SITE_NAME,
  MAIN_MESSAGE,
  type Crumb,
  type NavItem,
} from './layout.js';
export {
  Form,
  ErrorSummary,
  TextInput,
  TextArea,
  Select,
  Choices,
  Button,
  Notice,
  errorFor,
  type FieldError,
  type FormErrors,
  type Option,
} from './forms.js';
export { PageCache, sendPage, renderPage, pageContext, redirect, safeBack, readPrefs, PREFS_COOKIE } from './render.js';
export { usePage, PageCtx, type PageContext, type Prefs, type SignedInUser } from './context.js';
export { assetUrl, PUBLIC_DIR } from './assets.js';
export { viDate, viDateTime, viNumber } from './format.js';
export { registerDashboardPanel, dashboardPanels, type DashboardPanel } from './dashboard.js';
export {
  DataTable,
  Pager,
  PillNav,
  BackLink,
  FlashNotice,
  ButtonForm,
  FilterForm,
  FilterSelect,
  Checkbox,
  bindFields,
  labelOptions,
  type Column,
} from './admin-ui.js';
