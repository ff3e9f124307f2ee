import type { TRole } from '../../../../shared/src/api/auth';
import type { TOrgTree, TStaffAccount, TUserUpdate } from '../../../../shared/src/api/org';
import { domId, focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { messageArea, onSubmit } from '../forms';
import { messageBox } from '../layout';
import { parseScope, ROLES, scopeOptions } from './staff-scopes';

type TAccountContext = {
  org: TOrgTree | null;
  /** The signed-in admin's own row: no deactivating, nor demoting, oneself (the server refuses too). */
  self: boolean;
  status: HTMLElement;
  onChanged: (user: TStaffAccount) => Promise<void>;
};

/**
 * An account's actions on the Staff page: change its role or access, deactivate it (which signs it
 * out everywhere at once, with a confirm step) or reactivate it.
 */
export function accountActions(user: TStaffAccount, context: TAccountContext): HTMLElement {
  const slot = h('div', { class: 'account-actions' });
  const { status } = context;

  async function send(change: TUserUpdate, done: string, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const updated = await api.updateUser(user.id, change);
      replace(status, messageBox('success', done));
      await context.onChanged(updated);
    } catch (error) {
      button.disabled = false;
      replace(status, messageBox('error', describeError(error)));
    }
  }

  function editor(): HTMLElement {
    const roleId = domId('edit-role', user.id);
    const scopeId = domId('edit-scope', user.id);
    const role = h(
      'select',
      { id: roleId, disabled: context.self },
      Object.entries(ROLES).map(([value, { label }]) =>
        h('option', { value, selected: value === user.role }, label),
      ),
    );
    const scope = h(
      'select',
      { id: scopeId, disabled: context.self },
      scopeOptions(context.org, user.scope.level === 'organisation' ? [] : [user.scope.id]),
    );
    scope.value =
      user.scope.level === 'organisation' ? 'organisation' : `${user.scope.level}:${user.scope.id}`;
    const save = h(
      'button',
      { type: 'submit', class: 'secondary small', disabled: context.self },
      'Save role and access',
    );
    const messages = messageArea();
    const form = h(
      'form',
      { class: 'account-access', 'aria-label': `Role and access of ${user.name}` },
      messages,
      // Worded apart from the "Add staff member" form's Role and Access, so each field's name is its own.
      h('label', { for: roleId }, `New role for ${user.name}`),
      role,
      h('label', { for: scopeId }, `Part of the organisation ${user.name} sees`),
      scope,
      save,
    );
    // The server's problem (a scope it refuses, a change to one's own rights) shows by its field.
    onSubmit(form, {
      messages,
      status,
      targets: { role, scope },
      check: () =>
        parseScope(scope.value) ? [] : [{ name: 'scope', reason: 'Choose their part of the organisation.' }],
      send: () => api.updateUser(user.id, { role: role.value as TRole, scope: parseScope(scope.value)! }),
      done: async (updated) => {
        await context.onChanged(updated);
        return `${user.name}'s role and access are saved.`;
      },
    });
    return h(
      'details',
      {},
      h('summary', {}, 'Change role or access'),
      form,
      context.self ? h('p', { class: 'hint' }, 'Another administrator can change your own account.') : null,
    );
  }

  function confirmDeactivate(): void {
    const yes = h(
      'button',
      {
        type: 'button',
        class: 'danger small',
        onclick: () =>
          void send({ disabled: true }, `${user.name} is deactivated and signed out everywhere.`, yes),
      },
      'Yes, deactivate',
    );
    const no = h('button', { type: 'button', class: 'secondary small', onclick: idle }, 'Cancel');
    replace(
      slot,
      h('p', {}, `Deactivate ${user.name}? They are signed out at once and their API tokens stop working.`),
      yes,
      no,
    );
    focusElement(yes);
  }

  function idle(): void {
    let toggle: HTMLButtonElement | null = null;
    if (user.disabled) {
      const reactivate = h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          onclick: () => void send({ disabled: false }, `${user.name} can sign in again.`, reactivate),
        },
        'Reactivate',
      );
      toggle = reactivate;
    } else if (!context.self) {
      toggle = h(
        'button',
        { type: 'button', class: 'danger small', onclick: confirmDeactivate },
        'Deactivate',
      );
    }
    replace(slot, toggle, editor());
  }

  idle();
  return slot;
}
