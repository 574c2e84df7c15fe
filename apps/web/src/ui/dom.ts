type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** A DOM element with attributes and children; text is always set as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export type AlertAction = { label: string; run: () => void };

/** Puts a message (and a button for what to do about it) into an alert region. */
export function fillAlert(region: HTMLElement, message: string, action?: AlertAction): void {
  const children: Node[] = [h('p', {}, message)];
  if (action) {
    const button = h('button', { type: 'button' }, action.label);
    button.addEventListener('click', action.run);
    children.push(button);
  }
  region.replaceChildren(...children);
}
