import { focusElement, h, replace, type TChild } from '../common/dom';
import { navigate } from './router';
import { currentUser, signOut } from './session';

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
    h(
      'header',
      { class: 'app-header' },
      h('a', { class: 'brand', href: '#/' }, 'CareLoop'),
      user &&
        h(
          'nav',
          { 'aria-label': 'Account' },
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
    ),
    main,
  );
  document.title = `${title} · CareLoop`;
  focusElement(heading);
  return main;
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
  const date = new Date(iso);
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
