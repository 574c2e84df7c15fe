import {
  createItemsClient,
  isItemsApiError,
  type Item,
  type ItemInput,
  type ItemsClient,
} from '@items-api/client';
import { SignInRequired, type AuthClient } from './auth/auth-client';
import { sessionStore } from './auth/session-store';
import { byId, h } from './ui/dom';
import { draftStore } from './ui/draft';
import { fieldErrors } from './ui/field-errors';
import { createItemForm } from './ui/item-form';
import { createItemList } from './ui/item-list';

const CHANGED_MEANWHILE =
  'This item was changed meanwhile (in another tab or by another client), so nothing was saved. Reload it to see the current version.';

/** The signed-in app: the item form and the list, every call through `@items-api/client`. */
export function startApp(options: { apiUrl: string; auth: AuthClient; notice?: string }) {
  const { auth } = options;
  const session = sessionStore.load();
  const status = byId<HTMLParagraphElement>('status');
  const announce = (message: string) => {
    status.textContent = message;
  };

  const client: ItemsClient = createItemsClient({
    baseUrl: options.apiUrl,
    token: () => auth.accessToken(),
  });

  /** Before leaving for the sign-in page, keep what was typed; it is restored on return. */
  const signInAgain = async (): Promise<never> => {
    draftStore.save(form.draft());
    return auth.signIn();
  };

  /** Runs an API call; an expired session (401 or no refresh) leads to the sign-in page. */
  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SignInRequired) return signInAgain();
      if (isItemsApiError(error) && error.status === 401) {
        try {
          await auth.refresh();
          return await run();
        } catch (retryError) {
          if (retryError instanceof SignInRequired) return signInAgain();
          if (isItemsApiError(retryError) && retryError.status === 401) return signInAgain();
          throw retryError;
        }
      }
      throw error;
    }
  }

  const describe = (error: unknown) => {
    if (!isItemsApiError(error)) return 'Something went wrong. Try again.';
    // API Gateway's 403: the token lacks the route's scope (e.g. a read-only sign-in).
    if (error.status === 403) return 'Forbidden: your sign-in does not allow this change.';
    if (error.status === 0)
      return 'The API could not be reached. Check your connection and try again.';
    return [error.title, error.detail].filter(Boolean).join(': ');
  };

  /** A create's idempotency key lives as long as its input: the same submit again is one item. */
  let pendingCreate: { key: string; body: string } | undefined;

  const list = createItemList({
    edit: (item) => form.startEdit(item),
    async remove(item, showAlert) {
      try {
        await call(() => client.items.remove(item));
        list.remove(item.id);
        if (form.editing?.id === item.id) form.startCreate();
        announce(`Deleted “${item.name}”.`);
      } catch (error) {
        if (isItemsApiError(error) && error.is('preconditionFailed')) {
          showAlert(CHANGED_MEANWHILE, { label: 'Reload', run: () => reload(item.id) });
        } else if (isItemsApiError(error) && error.is('notFound')) {
          list.remove(item.id);
          announce(`“${item.name}” was already deleted.`);
        } else showAlert(describe(error));
      }
    },
  });

  async function reload(id: string) {
    try {
      const fresh = await call(() => client.items.get(id));
      list.upsert(fresh);
      if (form.editing?.id === id) form.startEdit(fresh);
      announce(`Reloaded “${fresh.name}”.`);
    } catch (error) {
      if (isItemsApiError(error) && error.is('notFound')) {
        list.remove(id);
        if (form.editing?.id === id) form.startCreate();
        announce('That item was deleted meanwhile.');
      } else form.showAlert(describe(error));
    }
  }

  function showProblem(error: unknown) {
    if (isItemsApiError(error) && error.errors?.length) {
      const { byField, other } = fieldErrors(error.errors);
      form.showFieldErrors(byField);
      if (other.length) form.showAlert(other.join('. '));
      else form.showAlert('Please correct the highlighted fields.');
    } else form.showAlert(describe(error));
  }

  const form = createItemForm({
    async create(input: ItemInput) {
      form.clearErrors();
      const body = JSON.stringify(input);
      if (pendingCreate?.body !== body) pendingCreate = { key: crypto.randomUUID(), body };
      const { key } = pendingCreate;
      try {
        const item = await call(() => client.items.create(input, { idempotencyKey: key }));
        pendingCreate = undefined;
        list.upsert(item);
        form.startCreate();
        announce(`Created “${item.name}”.`);
      } catch (error) {
        showProblem(error);
      }
    },
    async save(item: Item, input: ItemInput) {
      form.clearErrors();
      try {
        const saved = await call(() => client.items.replace(item, input));
        list.upsert(saved);
        form.startCreate();
        announce(`Saved “${saved.name}”.`);
      } catch (error) {
        if (isItemsApiError(error) && error.is('preconditionFailed')) {
          form.showAlert(CHANGED_MEANWHILE, { label: 'Reload', run: () => reload(item.id) });
        } else if (isItemsApiError(error) && error.is('notFound')) {
          list.remove(item.id);
          form.startCreate();
          form.showAlert('This item was deleted meanwhile.');
        } else showProblem(error);
      }
    },
    cancelEdit: () => form.startCreate(),
  });

  const signOut = h('button', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', () => void auth.signOut());
  byId('account').replaceChildren(
    h('span', {}, `Signed in as ${session?.username ?? 'you'}`),
    ' ',
    signOut,
  );
  byId('content').replaceChildren(form.element, list.element);

  const draft = draftStore.take();
  // Errors are shown in the list (the catch below): nothing is left to reject.
  void (async () => {
    try {
      const items: Item[] = [];
      // Every page, following nextCursor: the whole list is the person's own items.
      await call(async () => {
        items.length = 0;
        for await (const item of client.items.all({ limit: 100 })) items.push(item);
      });
      list.replaceAll(items);
      if (draft) {
        const editing = draft.itemId ? items.find((i) => i.id === draft.itemId) : undefined;
        // The version the edit started from, so a change made meanwhile still answers 412.
        if (editing) form.startEdit({ ...editing, version: draft.version ?? editing.version });
        form.fill(draft);
        announce('You were signed in again; what you had typed is back in the form.');
      } else if (options.notice) announce(options.notice);
    } catch (error) {
      list.showError(`Could not load your items. ${describe(error)}`);
    }
  })();
}
