/** What the person had typed, kept across a sign-in so nothing half-typed is lost. */
export type Draft = {
  readonly itemId?: string;
  readonly version?: number;
  readonly name: string;
  readonly description: string;
  readonly tags: string;
};

const DRAFT_KEY = 'items-web.draft';

export const draftStore = {
  save: (draft: Draft) => sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft)),
  take(): Draft | undefined {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    sessionStorage.removeItem(DRAFT_KEY);
    try {
      return raw ? (JSON.parse(raw) as Draft) : undefined;
    } catch {
      return undefined;
    }
  },
};
