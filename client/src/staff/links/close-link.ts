import type { TLink } from '../../../../shared/src/api/surveys';
import { focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';

/**
 * A link's "Close link" control, with a confirm step: closing cannot be undone, and a poster or
 * message already sent keeps pointing at the link. Nothing is shown for a link that is already over.
 */
export function closeLinkControl(link: TLink, onClosed: (link: TLink) => Promise<void>): HTMLElement {
  const slot = h('div', { class: 'close-link' });
  if (link.closed || link.usedAt || Date.parse(link.expiresAt) < Date.now()) return slot;
  const status = h('span', { class: 'hint', role: 'status' });

  function ask(): void {
    const yes = h(
      'button',
      { type: 'button', class: 'danger small', onclick: () => void close(yes) },
      'Yes, close it',
    );
    const no = h('button', { type: 'button', class: 'secondary small', onclick: idle }, 'Keep it open');
    replace(
      slot,
      h(
        'p',
        { class: 'confirm' },
        'Close this link now? Its page will say the survey is closed. Answers already given are kept.',
      ),
      h('div', { class: 'copy-row' }, yes, no),
      status,
    );
    focusElement(yes);
  }

  async function close(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await onClosed(await api.closeLink(link.id));
    } catch (error) {
      button.disabled = false;
      status.textContent = describeError(error);
    }
  }

  function idle(): void {
    replace(slot, h('button', { type: 'button', class: 'secondary small', onclick: ask }, 'Close link'));
  }

  idle();
  return slot;
}
