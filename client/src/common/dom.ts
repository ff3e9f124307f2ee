/** A child `h` accepts: nodes, text, and nothing (skipped) so callers can write `cond && node`. */
export type TChild = Node | string | number | null | undefined | false;

type TPropValue = string | number | boolean | null | undefined;
type THandler = (event: Event) => void;
export type TProps = Record<string, TPropValue | THandler>;

/** Set as DOM properties after children are appended: a select's value needs its options first. */
const PROPERTY_KEYS = new Set(['value', 'checked', 'selected', 'indeterminate']);

/**
 * Creates an element. `onclick`-style keys add listeners, `class` sets the class, `true` sets an empty
 * attribute and `false`/`null`/`undefined` leave it out. Text children become text nodes, never HTML,
 * so survey text and server messages cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: TProps = {},
  ...children: (TChild | TChild[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  const deferred: [string, TPropValue][] = [];
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (PROPERTY_KEYS.has(key)) {
      deferred.push([key, value]);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, ...children);
  for (const [key, value] of deferred) {
    if (value !== undefined && value !== null) Reflect.set(el, key, value);
  }
  return el;
}

export function append(parent: Node, ...children: (TChild | TChild[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(child) : child);
  }
}

function text(value: string | number): Text {
  return document.createTextNode(String(value));
}

/** Replaces everything inside `parent`. */
export function replace(parent: Element, ...children: (TChild | TChild[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/**
 * An element id from a linkId or path. HTML ids may hold any character but spaces, and linkIds
 * and paths have none, so the key is kept as it is (look such ids up with getElementById or
 * `CSS.escape`, since dots are not valid in a plain CSS selector).
 */
export function domId(prefix: string, key: string): string {
  return `${prefix}-${key}`;
}

/** Moves focus to an element that is not focusable by default (headings, summaries). */
export function focusElement(el: HTMLElement | null): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** A random UUID, also where `crypto.randomUUID` is missing (plain http on a hospital intranet). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
