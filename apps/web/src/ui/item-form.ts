import type { Item, ItemInput } from '@items-api/client';
import { fillAlert, h, type AlertAction } from './dom';
import type { Draft } from './draft';
import { parseTags, type FieldName } from './field-errors';

type Mode = { kind: 'create' } | { kind: 'edit'; item: Item };

export type ItemFormHandlers = {
  create(input: ItemInput): Promise<void>;
  save(item: Item, input: ItemInput): Promise<void>;
  cancelEdit(): void;
};

const fieldIds: Record<FieldName, string> = {
  name: 'item-name',
  description: 'item-description',
  tags: 'item-tags',
};

/**
 * The one item form: "Create" for a new item, "Save" / "Cancel" while editing one. A submit
 * in flight disables the button, so a double click sends one request.
 */
export function createItemForm(handlers: ItemFormHandlers) {
  let mode: Mode = { kind: 'create' };
  let busy = false;

  const heading = h('h2', { id: 'form-heading' }, 'New item');
  const name = h('input', {
    id: fieldIds.name,
    name: 'name',
    type: 'text',
    autocomplete: 'off',
    required: true,
  });
  const description = h('textarea', { id: fieldIds.description, name: 'description', rows: '3' });
  const tags = h('input', {
    id: fieldIds.tags,
    name: 'tags',
    type: 'text',
    autocomplete: 'off',
    'aria-describedby': 'item-tags-hint',
  });
  const inputs: Record<FieldName, HTMLInputElement | HTMLTextAreaElement> = {
    name,
    description,
    tags,
  };
  const errorSlots = Object.fromEntries(
    (Object.keys(fieldIds) as FieldName[]).map((field) => [
      field,
      h('p', { id: `${fieldIds[field]}-error`, class: 'field-error', hidden: true }),
    ]),
  ) as Record<FieldName, HTMLParagraphElement>;
  const formAlert = h('div', { class: 'form-alert', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Create');
  const cancel = h('button', { type: 'button', hidden: true }, 'Cancel');
  cancel.addEventListener('click', () => handlers.cancelEdit());

  const field = (label: string, key: FieldName, hint?: HTMLElement) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: fieldIds[key] }, label),
      inputs[key],
      hint,
      errorSlots[key],
    );

  const form = h(
    'form',
    { 'aria-labelledby': 'form-heading', novalidate: true },
    heading,
    field('Name', 'name'),
    field('Description', 'description'),
    field(
      'Tags',
      'tags',
      h('p', { id: 'item-tags-hint', class: 'hint' }, 'Separate tags with commas'),
    ),
    formAlert,
    h('div', { class: 'actions' }, submit, cancel),
  );

  const input = (): ItemInput => {
    const text = description.value;
    return {
      name: name.value,
      ...(text ? { description: text } : {}),
      tags: parseTags(tags.value),
    };
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    submit.disabled = true;
    const done = () => {
      busy = false;
      submit.disabled = false;
    };
    const current = mode;
    const request =
      current.kind === 'create' ? handlers.create(input()) : handlers.save(current.item, input());
    request.then(done, done);
  });

  const view = {
    element: form,
    get editing(): Item | undefined {
      return mode.kind === 'edit' ? mode.item : undefined;
    },
    clearErrors() {
      for (const key of Object.keys(fieldIds) as FieldName[]) {
        errorSlots[key].hidden = true;
        errorSlots[key].textContent = '';
        inputs[key].removeAttribute('aria-invalid');
        const described = key === 'tags' ? 'item-tags-hint' : '';
        if (described) inputs[key].setAttribute('aria-describedby', described);
        else inputs[key].removeAttribute('aria-describedby');
      }
      formAlert.replaceChildren();
    },
    /** Each message next to the field it names; the first invalid field gets the focus. */
    showFieldErrors(byField: Map<FieldName, string[]>) {
      let first: HTMLElement | undefined;
      for (const [key, messages] of byField) {
        const slot = errorSlots[key];
        slot.textContent = messages.join('. ');
        slot.hidden = false;
        inputs[key].setAttribute('aria-invalid', 'true');
        inputs[key].setAttribute(
          'aria-describedby',
          [key === 'tags' ? 'item-tags-hint' : '', slot.id].filter(Boolean).join(' '),
        );
        first ??= inputs[key];
      }
      first?.focus();
    },
    showAlert(message: string, action?: AlertAction) {
      fillAlert(formAlert, message, action);
    },
    startCreate() {
      mode = { kind: 'create' };
      heading.textContent = 'New item';
      submit.textContent = 'Create';
      cancel.hidden = true;
      form.reset();
      view.clearErrors();
    },
    startEdit(item: Item) {
      mode = { kind: 'edit', item };
      heading.textContent = `Edit “${item.name}”`;
      submit.textContent = 'Save';
      cancel.hidden = false;
      view.fill({
        name: item.name,
        description: item.description ?? '',
        tags: item.tags.join(', '),
      });
      view.clearErrors();
      name.focus();
    },
    fill(values: Pick<Draft, 'name' | 'description' | 'tags'>) {
      name.value = values.name;
      description.value = values.description;
      tags.value = values.tags;
    },
    draft(): Draft {
      return {
        ...(mode.kind === 'edit' ? { itemId: mode.item.id, version: mode.item.version } : {}),
        name: name.value,
        description: description.value,
        tags: tags.value,
      };
    },
  };
  return view;
}
