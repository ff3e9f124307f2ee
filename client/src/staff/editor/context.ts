import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';

/**
 * What every part of the definition editor shares. Inputs write straight into `def` (the draft
 * being edited) and call `changed`; changes to the shape of the form call `redraw`.
 */
export type TEditorContext = {
  def: TSurveyDefinition;
  readOnly: boolean;
  /** A value was edited: mark the draft unsaved. */
  changed: () => void;
  /** Items were added, removed, moved or retyped, or languages changed: draw again, then focus `focusId`. */
  redraw: (focusId?: string) => void;
  /** The server's problems for the item at `path` (`items.2`), as "field: reason" lines. */
  problemsFor: (path: string) => string[];
};
