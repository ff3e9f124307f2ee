import type { TAction, TActionSource, TActionStatus } from '../../../../shared/src/api/actions';
import type { TAlert } from '../../../../shared/src/api/board';
import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import { FRAMEWORK_THEMES } from '../../../../shared/src/analysis/contract';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { domId, h, replace } from '../../common/dom';
import { field, messageArea, missing, onSubmit } from '../forms';
import { activeTree, departmentsOf, placeNames } from '../org-tree';
import { actionsApi, STATUS_LABELS } from './actions-api';

/** What the form was opened from: `#/actions/new?from=alert&id=…&unit=…` and the like. */
export type TActionPrefill = {
  from?: string;
  id?: string;
  ids?: string[];
  theme?: string;
  unit?: string;
};

export type TSourceChoices = {
  alerts: TAlert[];
  changes: TChange[];
  frictionThemes: { key: string; label: string }[];
};

const SOURCE_LABELS = {
  theme: 'A theme in what people said',
  alert: 'An alert',
  change: 'A technology change',
  spc_signal: 'A special-cause signal',
  comments: 'Comments picked on the board',
} as const;
type TSourceKind = keyof typeof SOURCE_LABELS;

const alertLabel = (a: TAlert): string =>
  `${a.spc ? 'Special-cause signal' : a.reasons.join(', ') || 'Urgent comment'} · ${a.unitName ?? 'no unit'} · ${new Date(a.createdAt).toLocaleDateString()}`;

/**
 * Records an action. The source is chosen here (a theme, an alert, a change) or comes from the page
 * that opened the form (an SPC signal, comments picked): the server links the reports behind it.
 * The public description is what the unit's "You said, we did" page shows, so its hint says so.
 */
export function actionForm(
  org: TOrgTree,
  choices: TSourceChoices,
  prefill: TActionPrefill,
  status: HTMLElement,
  onRecorded: (action: TAction) => Promise<void>,
): HTMLElement {
  const departments = departmentsOf(activeTree(org)).filter(({ department }) => department.units.length > 0);
  const fixed = prefill.from === 'spc_signal' || prefill.from === 'comments' ? prefill.from : null;
  const kinds: TSourceKind[] = fixed ? [fixed] : ['theme', 'alert', 'change'];
  const kind = h(
    'select',
    { id: 'action-source-kind', value: kinds.includes(prefill.from as TSourceKind) ? prefill.from : 'theme' },
    kinds.map((k) => h('option', { value: k }, SOURCE_LABELS[k])),
  );
  const theme = h(
    'select',
    { id: 'action-theme', value: prefill.theme ?? '' },
    h('option', { value: '' }, 'Choose a theme'),
    h(
      'optgroup',
      { label: 'Patient feedback themes' },
      FRAMEWORK_THEMES.filter((t) => t !== 'Not assigned').map((t) => h('option', { value: t }, t)),
    ),
    choices.frictionThemes.length > 0 &&
      h(
        'optgroup',
        { label: 'Clinician friction themes' },
        choices.frictionThemes.map((t) => h('option', { value: t.key }, t.label)),
      ),
  );
  const alert = h(
    'select',
    { id: 'action-alert', value: prefill.from === 'alert' ? (prefill.id ?? '') : '' },
    h('option', { value: '' }, choices.alerts.length > 0 ? 'Choose an alert' : 'No open alerts'),
    choices.alerts.map((a) => h('option', { value: a.id }, alertLabel(a))),
  );
  const change = h(
    'select',
    { id: 'action-change', value: prefill.from === 'change' ? (prefill.id ?? '') : '' },
    h('option', { value: '' }, choices.changes.length > 0 ? 'Choose a change' : 'No changes recorded'),
    choices.changes.map((c) => h('option', { value: c.id }, c.name)),
  );
  const sourceFields: Record<TSourceKind, HTMLElement> = {
    theme: field('Theme', theme),
    alert: field('Alert', alert),
    change: field('Change', change),
    spc_signal: h('p', { class: 'hint' }, 'From the special-cause signal you chose.'),
    comments: h('p', { class: 'hint' }, `From the ${prefill.ids?.length ?? 0} comments you picked.`),
  };
  const sourceArea = h('div');
  const title = h('input', { type: 'text', id: 'action-title', autocomplete: 'off' });
  const description = h('textarea', { id: 'action-description', rows: 3 });
  const due = h('input', { type: 'date', id: 'action-due' });
  const statusSelect = h(
    'select',
    { id: 'action-status', value: 'planned' },
    Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const chosen = new Set(prefill.unit ? [prefill.unit] : []);
  const units = h(
    'fieldset',
    { id: 'action-units', class: 'choice-grid' },
    h('legend', {}, 'Units it covers'),
    departments.map(({ site, department }) =>
      h(
        'fieldset',
        {},
        h('legend', {}, `${site.name} › ${department.name}`),
        department.units.map((unit) => {
          const id = domId('action-unit', unit.id);
          return h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id, value: unit.id, checked: chosen.has(unit.id) }),
            h('label', { for: id }, unit.name),
          );
        }),
      ),
    ),
  );
  const setUnits = (ids: (string | null | undefined)[]): void => {
    const wanted = new Set(ids.filter((id): id is string => !!id));
    if (wanted.size === 0) return;
    for (const box of units.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.checked = wanted.has(box.value);
    }
  };
  const chosenUnits = (): string[] =>
    Array.from(units.querySelectorAll<HTMLInputElement>('input:checked'), (input) => input.value);
  // Picking an alert or a change fills in its units; the lead may still widen or narrow them.
  alert.addEventListener('change', () =>
    setUnits([choices.alerts.find((a) => a.id === alert.value)?.unitId]),
  );
  change.addEventListener('change', () =>
    setUnits(choices.changes.find((c) => c.id === change.value)?.unitIds ?? []),
  );
  const showSource = (): void => replace(sourceArea, sourceFields[kind.value as TSourceKind]);
  kind.addEventListener('change', showSource);
  showSource();
  if (prefill.from === 'alert') alert.dispatchEvent(new Event('change'));
  if (prefill.from === 'change') change.dispatchEvent(new Event('change'));

  const source = (): TActionSource => {
    switch (kind.value as TSourceKind) {
      case 'theme':
        return { kind: 'theme', theme: theme.value };
      case 'alert':
        return { kind: 'alert', alertId: alert.value };
      case 'change':
        return { kind: 'change', changeId: change.value };
      case 'spc_signal':
        return { kind: 'spc_signal', signalId: prefill.id ?? '' };
      case 'comments':
        return { kind: 'comments', responseIds: prefill.ids ?? [] };
    }
  };
  const messages = messageArea();
  const form = h(
    'form',
    { class: 'admin-form', 'aria-labelledby': 'record-action-heading' },
    h('h2', { id: 'record-action-heading' }, 'Record an action'),
    messages,
    field('What is it about?', kind),
    sourceArea,
    field('Title', title, 'For staff, such as “Evening phlebotomy slots”.'),
    field(
      'What we did, for the public',
      description,
      'Plain words for patients and staff. Shown on the unit’s public “You said, we did” page once done: no names, no quotes from comments.',
    ),
    h('div', { class: 'inline-fields' }, field('Due date (optional)', due), field('Status', statusSelect)),
    units,
    h('button', { type: 'submit', class: 'primary' }, 'Record action'),
  );
  const sourceControl: Record<TSourceKind, HTMLSelectElement | null> = {
    theme,
    alert,
    change,
    spc_signal: null,
    comments: null,
  };
  onSubmit(form, {
    messages,
    status,
    targets: {
      title,
      publicDescription: description,
      dueDate: due,
      status: statusSelect,
      unitIds: units,
      source: kind,
    },
    check: (): TInvalidParam[] => {
      const control = sourceControl[kind.value as TSourceKind];
      return [
        ...(control && control.value === ''
          ? [{ name: 'source', reason: 'Choose what the action is about.' }]
          : []),
        ...missing({
          title: [title, 'Enter a title.'],
          publicDescription: [description, 'Say what was done, in plain words.'],
        }),
        ...(chosenUnits().length === 0 ? [{ name: 'unitIds', reason: 'Choose at least one unit.' }] : []),
      ];
    },
    send: () =>
      actionsApi.create({
        title: title.value.trim(),
        publicDescription: description.value.trim(),
        dueDate: due.value || null,
        status: statusSelect.value as TActionStatus,
        unitIds: chosenUnits(),
        source: source(),
      }),
    done: async (action) => {
      form.reset();
      showSource();
      await onRecorded(action);
      const names = placeNames(org);
      return `Action “${action.title}” recorded for ${action.unitIds.map((id) => names.get(id) ?? 'a unit').join(', ')}.`;
    },
  });
  return form;
}
