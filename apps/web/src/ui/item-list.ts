import type { Item } from '@items-api/client';
import { fillAlert, h, type AlertAction } from './dom';

type ShowAlert = (message: string, action?: AlertAction) => void;

export type ItemListHandlers = {
  edit(item: Item): void;
  remove(item: Item, showAlert: ShowAlert): Promise<void>;
};

const newestFirst = (a: Item, b: Item) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The person's items as a list (`<ul>`/`<li>`), newest first, each with "Edit" and "Delete". */
export function createItemList(handlers: ItemListHandlers) {
  const items = new Map<string, Item>();
  const list = h('ul', { class: 'items', 'aria-labelledby': 'items-heading' });
  const empty = h('p', { class: 'empty' }, 'Loading your items…');
  const element = h(
    'section',
    { 'aria-labelledby': 'items-heading' },
    h('h2', { id: 'items-heading' }, 'Your items'),
    empty,
    list,
  );

  const row = (item: Item) => {
    const alert = h('div', { class: 'item-alert', role: 'alert' });
    const showAlert: ShowAlert = (message, action) => fillAlert(alert, message, action);
    const edit = h('button', { type: 'button' }, 'Edit');
    edit.addEventListener('click', () => handlers.edit(items.get(item.id) ?? item));
    const remove = h('button', { type: 'button' }, 'Delete');
    remove.addEventListener('click', () => {
      remove.disabled = true;
      // The handler shows its own failures (showAlert) and does not reject.
      void handlers
        .remove(items.get(item.id) ?? item, showAlert)
        .finally(() => (remove.disabled = false));
    });
    return h(
      'li',
      { 'data-id': item.id },
      h('h3', { class: 'item-name' }, item.name),
      item.description ? h('p', { class: 'item-description' }, item.description) : null,
      item.tags.length
        ? h(
            'p',
            { class: 'item-tags' },
            ...item.tags.map((tag) => h('span', { class: 'tag' }, tag)),
          )
        : null,
      h('div', { class: 'actions' }, edit, remove),
      alert,
    );
  };

  const render = () => {
    const sorted = [...items.values()].sort(newestFirst);
    list.replaceChildren(...sorted.map(row));
    empty.textContent = sorted.length ? '' : 'No items yet.';
    empty.hidden = sorted.length > 0;
  };

  return {
    element,
    replaceAll(next: readonly Item[]) {
      items.clear();
      for (const item of next) items.set(item.id, item);
      render();
    },
    /** Adds or replaces by id (a replayed create names the same item). */
    upsert(item: Item) {
      items.set(item.id, item);
      render();
    },
    remove(id: string) {
      items.delete(id);
      render();
    },
    showError(message: string) {
      empty.hidden = false;
      empty.textContent = message;
      empty.setAttribute('role', 'alert');
    },
  };
}
