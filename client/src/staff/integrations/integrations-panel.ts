import type { TApiTokenScope, TApiTokenSummary, TWebhook } from '../../../../shared/src/api/integrations';
import type { TStaffAccount } from '../../../../shared/src/api/org';
import { domId, h, replace } from '../../common/dom';
import { dataTable } from '../layout';
import { staffRequest } from '../session';

type TList<T> = { items: T[] };

const SCOPES: [TApiTokenScope, string][] = [
  ['read', 'Read (every GET)'],
  ['links:write', 'Create survey links'],
  ['responses:import', 'Import responses'],
  ['export', 'CSV exports'],
];

const tokensApi = {
  list: () => staffRequest<TList<TApiTokenSummary>>('/api-tokens'),
  issue: (userId: string, body: { name: string; scopes: TApiTokenScope[]; expiresAt?: string }) =>
    staffRequest<{ id: string; token: string }>(`/users/${encodeURIComponent(userId)}/api-tokens`, {
      method: 'POST',
      body,
    }),
  users: () => staffRequest<TList<TStaffAccount>>('/users'),
  revoke: (id: string) => staffRequest<void>(`/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
const hooksApi = {
  list: () => staffRequest<TList<TWebhook>>('/webhooks'),
  disable: (id: string) => staffRequest<void>(`/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

const day = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleString() : none);

function tokenStatus(t: TApiTokenSummary): string {
  if (t.revokedAt) return 'Revoked';
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return 'Expired';
  return 'Active';
}

/**
 * The Staff page's integrations: every API token (scopes, expiry, last use) with a Revoke button,
 * and the webhooks with Disable. Issuing tokens stays with each account's actions; registering a
 * webhook is an API call (`POST /webhooks`), as its secret is for the receiving system, not a person.
 */
export function integrationsPanel(): HTMLElement {
  const status = h('div', { class: 'messages', 'aria-live': 'polite' });
  const tokensArea = h('div', {}, h('p', { class: 'loading' }, 'Loading API tokens…'));
  const hooksArea = h('div', {}, h('p', { class: 'loading' }, 'Loading webhooks…'));

  const say = (text: string) => replace(status, h('p', {}, text));
  const act = (done: Promise<void>, message: string, redraw: () => Promise<void>): void => {
    void done.then(
      () => {
        say(message);
        return redraw();
      },
      () => say('That did not work; reload the page and try again.'),
    );
  };

  async function drawTokens(): Promise<void> {
    const { items } = await tokensApi.list();
    replace(
      tokensArea,
      items.length === 0
        ? h('p', {}, 'No API tokens yet.')
        : dataTable(
            'API tokens',
            ['Name', 'Acts as', 'Scopes', 'Expires', 'Last used', 'Status', 'Actions'],
            items.map((t) => [
              h('span', { id: domId('token', t.id) }, t.name),
              t.userEmail,
              t.scopes ? t.scopes.join(', ') : 'all of the user’s rights',
              day(t.expiresAt, 'never'),
              day(t.lastUsedAt, 'not yet'),
              tokenStatus(t),
              t.revokedAt
                ? ''
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'danger',
                      'aria-describedby': domId('token', t.id),
                      onclick: () =>
                        act(
                          tokensApi.revoke(t.id),
                          `Token “${t.name}” revoked: it stops working at once.`,
                          drawTokens,
                        ),
                    },
                    'Revoke',
                  ),
            ]),
            'tokens-table',
          ),
    );
  }

  async function drawHooks(): Promise<void> {
    const { items } = await hooksApi.list();
    replace(
      hooksArea,
      items.length === 0
        ? h('p', {}, 'No webhooks yet.')
        : dataTable(
            'Webhooks',
            ['Address', 'Events', 'Redacted text', 'Status', 'Actions'],
            items.map((w) => [
              h('span', { id: domId('hook', w.id) }, w.url),
              w.events.join(', '),
              w.includeRedactedText ? 'Yes' : 'No',
              w.disabledAt ? 'Disabled' : 'Active',
              w.disabledAt
                ? ''
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'danger',
                      'aria-describedby': domId('hook', w.id),
                      onclick: () => act(hooksApi.disable(w.id), 'Webhook disabled.', drawHooks),
                    },
                    'Disable',
                  ),
            ]),
            'hooks-table',
          ),
    );
  }

  const issueArea = h('div');
  void tokensApi.users().then(
    ({ items }) =>
      replace(
        issueArea,
        issueForm(
          items.filter((u) => !u.disabled),
          status,
          drawTokens,
        ),
      ),
    () => undefined,
  );

  const fail = (area: HTMLElement, what: string) => () =>
    replace(area, h('p', { class: 'message error', role: 'alert' }, `Could not load ${what}.`));
  void drawTokens().catch(fail(tokensArea, 'the API tokens'));
  void drawHooks().catch(fail(hooksArea, 'the webhooks'));

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'integrations-heading' },
    h('h2', { id: 'integrations-heading' }, 'Integrations'),
    status,
    h('h3', {}, 'API tokens'),
    tokensArea,
    issueArea,
    h('h3', {}, 'Webhooks'),
    hooksArea,
    h('p', {}, h('a', { href: '/admin/queues' }, 'Job queues (bull-board)')),
  );
}

/** Issues a scoped token for one account; the token is shown once, here, and never again. */
function issueForm(users: TStaffAccount[], status: HTMLElement, onIssued: () => Promise<void>): HTMLElement {
  const name = h('input', { type: 'text', id: 'token-name', autocomplete: 'off', required: true });
  const user = h(
    'select',
    { id: 'token-user' },
    users.map((u) => h('option', { value: u.id }, `${u.name} (${u.email})`)),
  );
  const expires = h('input', { type: 'date', id: 'token-expires' });
  const scopes = h(
    'fieldset',
    { class: 'choice-grid' },
    h('legend', {}, 'What it may do (on top of the account’s role)'),
    SCOPES.map(([value, label]) =>
      h(
        'div',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          id: `token-scope-${value.replace(':', '-')}`,
          value,
          checked: value === 'read',
        }),
        h('label', { for: `token-scope-${value.replace(':', '-')}` }, label),
      ),
    ),
  );
  const shown = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'admin-form' },
    h('h4', {}, 'Issue an API token'),
    h(
      'div',
      { class: 'inline-fields' },
      h('div', { class: 'field' }, h('label', { for: 'token-name' }, 'Token name'), name),
      h('div', { class: 'field' }, h('label', { for: 'token-user' }, 'Acts as'), user),
      h('div', { class: 'field' }, h('label', { for: 'token-expires' }, 'Expires (optional)'), expires),
    ),
    scopes,
    h('button', { type: 'submit', class: 'primary' }, 'Issue token'),
    shown,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = [...scopes.querySelectorAll<HTMLInputElement>('input:checked')].map(
      (i) => i.value as TApiTokenScope,
    );
    if (!name.value.trim() || chosen.length === 0) {
      replace(
        status,
        h('p', { class: 'message error', role: 'alert' }, 'Give the token a name and at least one scope.'),
      );
      return;
    }
    const body = {
      name: name.value.trim(),
      scopes: chosen,
      ...(expires.value ? { expiresAt: new Date(`${expires.value}T23:59:59`).toISOString() } : {}),
    };
    void tokensApi.issue(user.value, body).then(
      ({ token }) => {
        replace(
          shown,
          h(
            'p',
            { class: 'message success', role: 'status' },
            'Copy it now; it is not shown again: ',
            h('code', { id: 'token-value' }, token),
          ),
        );
        return onIssued();
      },
      () =>
        replace(status, h('p', { class: 'message error', role: 'alert' }, 'The token could not be issued.')),
    );
  });
  return form;
}
