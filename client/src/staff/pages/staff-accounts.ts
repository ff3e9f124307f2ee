import type { TRole, TScope } from '../../../../shared/src/api/auth';
import type { TOrgTree, TStaffAccount } from '../../../../shared/src/api/org';
import { domId, h, replace } from '../../common/dom';
import { api } from '../api';
import { entryList, field, type TEntryList, messageArea, missing, onSubmit } from '../forms';
import { dataTable, messageBox, renderPage } from '../layout';
import { placeNames } from '../org-tree';
import { currentUser, userIs } from '../session';
import { integrationsPanel } from '../integrations/integrations-panel';
import { accountActions } from './staff-account-editor';
import { describeScope, parseScope, ROLES, scopeOptions } from './staff-scopes';

const userId = (id: string): string => domId('user', id);

/** Staff accounts: who can sign in, in which role, for which part of the organisation. Admins only. */
export async function showStaffAccounts(): Promise<void> {
  if (!userIs('admin')) {
    renderPage(
      'Staff',
      messageBox('error', 'Only administrators can see and add staff accounts.'),
      h('p', {}, h('a', { href: '#/' }, 'Go to the list of surveys')),
    );
    return;
  }
  const status = messageArea();
  const listArea = h('div', {}, h('p', { class: 'loading' }, 'Loading staff…'));
  const formArea = h('div');
  renderPage(
    'Staff',
    status,
    h(
      'section',
      { 'aria-labelledby': 'staff-heading' },
      h('h2', { id: 'staff-heading' }, 'Accounts'),
      listArea,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'add-user-heading' },
      h('h2', { id: 'add-user-heading' }, 'Add a staff member'),
      formArea,
    ),
    integrationsPanel(),
  );

  const [orgResult, usersResult] = await Promise.allSettled([api.getOrg(), api.listUsers()]);
  // Without the tree, accounts still list (places unnamed) and can be made for the whole organisation.
  const org = orgResult.status === 'fulfilled' ? orgResult.value : null;
  const names = placeNames(org);

  const list: TEntryList<TStaffAccount> = entryList(listArea, {
    load: api.listUsers,
    draw: (users) =>
      dataTable(
        'Staff accounts',
        ['Name', 'Email address', 'Role', 'Access', 'Status', 'Actions'],
        users.map((user) => [
          h('span', { id: userId(user.id) }, user.name),
          user.email,
          ROLES[user.role].label,
          describeScope(user.scope, names),
          user.disabled ? 'Deactivated' : 'Active',
          accountActions(user, { org, self: user.id === currentUser()?.id, status, onChanged: list.added }),
        ]),
        'staff-table',
      ),
    entryId: userId,
  });
  list.show(usersResult);
  replace(formArea, userForm(org, status, list.added));
}

function userForm(
  org: TOrgTree | null,
  status: HTMLElement,
  onAdded: (user: TStaffAccount) => Promise<void>,
): HTMLElement {
  const name = h('input', { type: 'text', id: 'user-name', autocomplete: 'off' });
  const email = h('input', { type: 'email', id: 'user-email', autocomplete: 'off' });
  const role = h(
    'fieldset',
    { id: 'user-role', class: 'choice-grid' },
    h('legend', {}, 'Role'),
    Object.entries(ROLES).map(([value, { label, hint }]) =>
      h(
        'div',
        { class: 'check' },
        h('input', {
          type: 'radio',
          name: 'user-role',
          id: `role-${value}`,
          value,
          'aria-describedby': `role-${value}-hint`,
        }),
        h(
          'div',
          {},
          h('label', { for: `role-${value}` }, label),
          h('span', { class: 'hint block', id: `role-${value}-hint` }, hint),
        ),
      ),
    ),
  );
  const chosenRole = (): string =>
    role.querySelector<HTMLInputElement>('input[name="user-role"]:checked')?.value ?? '';
  const scope = h('select', { id: 'user-scope' }, scopeOptions(org));
  const password = h('input', { type: 'password', id: 'user-password', autocomplete: 'new-password' });

  const messages = messageArea();
  const form = h(
    'form',
    { class: 'admin-form' },
    messages,
    h('div', { class: 'inline-fields' }, field('Name', name), field('Email address', email)),
    role,
    h(
      'div',
      { class: 'inline-fields' },
      field('Access', scope, 'They see only this part of the organisation.'),
      field('Password', password, 'At least 12 characters; tell them in person.'),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Add staff member'),
  );
  onSubmit(form, {
    messages,
    status,
    targets: { name, email, role, scope, password },
    // In the order of the form, so that focus goes to the first field with a problem.
    check: () => [
      ...missing({ name: [name, 'Enter their name.'], email: [email, 'Enter their email address.'] }),
      ...(chosenRole() ? [] : [{ name: 'role', reason: 'Choose a role.' }]),
      ...(parseScope(scope.value)
        ? []
        : [{ name: 'scope', reason: 'Choose the part of the organisation they work in.' }]),
      ...missing({ password: [password, 'Enter a password for them.'] }),
    ],
    send: () =>
      api.createUser({
        name: name.value.trim(),
        email: email.value.trim(),
        role: chosenRole() as TRole,
        scope: parseScope(scope.value) as TScope,
        password: password.value,
      }),
    problemsFor: (error) =>
      error.status === 409
        ? [{ name: 'email', reason: 'Someone already has an account with this email address.' }]
        : [],
    done: async (user) => {
      form.reset();
      await onAdded(user);
      return `${user.name} can now sign in as ${ROLES[user.role].label}.`;
    },
  });
  return form;
}
