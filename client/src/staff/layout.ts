import type { TRole } from '../../../shared/src/api/auth';
import { focusElement, h, replace, type TChild } from '../common/dom';
import { currentPath, navigate } from './router';
import { currentUser, signOut, userIs } from './session';

const app = document.getElementById('app') as HTMLElement;

/**
 * Draws the page frame (header with the user and sign-out, then a main region) and returns the
 * main element for the page to fill. Focus goes to the page heading so screen readers hear the
 * new page, as they would after a full load.
 */
export function renderPage(title: string, ...content: (TChild | TChild[])[]): HTMLElement {
  const user = currentUser();
  const heading = h('h1', {}, title);
  const main = h('main', { id: 'main' }, heading, ...content);
  const header = h('header', { class: 'app-header' });
  replace(
    header,
    h('a', { class: 'brand', href: '#/' }, 'CareLoop'),
    user && menuToggle(header),
    user && mainNav(),
    user &&
      h(
        'nav',
        { class: 'account-nav', 'aria-label': 'Account' },
        h('span', { class: 'user' }, user.name || user.email),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            onclick: () => {
              void signOut().finally(() => navigate('/sign-in'));
            },
          },
          'Sign out',
        ),
      ),
  );
  replace(
    app,
    h(
      'a',
      {
        class: 'skip-link',
        href: '#main',
        onclick: (e: Event) => (e.preventDefault(), focusElement(heading)),
      },
      'Skip to content',
    ),
    header,
    main,
  );
  document.title = `${title} · CareLoop`;
  focusElement(heading);
  return main;
}

type TNavItem = {
  path: string;
  label: string;
  section: RegExp;
  roles?: TRole[];
  /** Only for staff whose scope is the whole organisation. */
  organisationWide?: boolean;
};

const NAV_ITEMS: TNavItem[] = [
  { path: '/', label: 'Surveys', section: /^\/(surveys\/.*)?$/ },
  {
    path: '/board',
    label: 'Board',
    section: /^\/board(\?.*)?$/,
    roles: ['admin', 'quality_lead', 'viewer'],
  },
  { path: '/organisation', label: 'Organisation', section: /^\/organisation$/ },
  { path: '/changes', label: 'Technology changes', section: /^\/changes(\/.*)?$/ },
  {
    path: '/actions',
    label: 'Actions',
    section: /^\/actions(\/.*)?$/,
    roles: ['admin', 'quality_lead', 'viewer'],
  },
  {
    path: '/equity',
    label: 'Fair comparisons',
    section: /^\/equity$/,
    roles: ['admin', 'quality_lead', 'viewer'],
  },
  { path: '/my-reports', label: 'My reports', section: /^\/my-reports$/, roles: ['clinician'] },
  { path: '/friction-themes', label: 'Friction themes', section: /^\/friction-themes$/ },
  {
    path: '/review',
    label: 'Review',
    section: /^\/review(\?.*)?$/,
    roles: ['admin', 'quality_lead'],
  },
  {
    path: '/analysis',
    label: 'Analysis quality',
    section: /^\/analysis$/,
    roles: ['admin', 'quality_lead', 'viewer'],
  },
  { path: '/staff', label: 'Staff', section: /^\/staff$/, roles: ['admin'] },
  {
    path: '/import',
    label: 'Import history',
    section: /^\/import(\?.*)?$/,
    roles: ['admin', 'quality_lead'],
    organisationWide: true,
  },
];

const offeredToUser = (item: TNavItem): boolean =>
  (!item.roles || userIs(...item.roles)) &&
  (!item.organisationWide || currentUser()?.scope.level === 'organisation');

/** Whether the main navigation offers the section at `path`: other pages link into it only then. */
export function offersSection(path: string): boolean {
  const item = NAV_ITEMS.find((i) => i.path === path);
  return item !== undefined && offeredToUser(item);
}

/**
 * On narrow screens (phones) the navigation folds behind a "Menu" button, so the page starts near the
 * top instead of under half a screen of links; wider screens show it whole and hide the button (CSS).
 * Each page starts with it folded, so choosing a section closes it.
 */
function menuToggle(header: HTMLElement): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'menu-toggle secondary small',
      'aria-expanded': 'false',
      'aria-controls': 'main-nav',
      onclick: () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
        header.classList.toggle('nav-open', open);
      },
    },
    'Menu',
  );
  return button;
}

/** The app's sections; the one the page belongs to carries `aria-current`, survey editors under Surveys. */
function mainNav(): HTMLElement {
  const path = currentPath();
  return h(
    'nav',
    { class: 'main-nav', id: 'main-nav', 'aria-label': 'Main' },
    h(
      'ul',
      {},
      NAV_ITEMS.filter(offeredToUser).map((item) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#${item.path}`, 'aria-current': item.section.test(path) ? 'page' : null },
            item.label,
          ),
        ),
      ),
    ),
  );
}

/** A message box: `alert` for errors (announced at once), `status` for confirmations. */
export function messageBox(
  kind: 'error' | 'success' | 'info',
  ...content: (TChild | TChild[])[]
): HTMLElement {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...content);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A calendar day (a go-live date) is that day where the reader is, not midnight UTC.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/**
 * A table whose first column heads each row. On phones the rows become stacked blocks, each
 * cell prefixed with its column name (from `data-label`), instead of scrolling sideways.
 */
export function dataTable(caption: string, headers: string[], rows: TChild[][], className = ''): HTMLElement {
  return h(
    'table',
    { class: `table ${className}`.trim() },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((cell, i) =>
            i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { 'data-label': headers[i] ?? '' }, cell),
          ),
        ),
      ),
    ),
  );
}
