import type { ApiResponse, RobustApi } from '../harness/robust-api';
import { routeOf } from './contract-routes';
import { ISSUED_CURSOR, type FuzzRequest, type IdSlot } from './request-arbitrary';

/** What a generated request is resolved against: each owner's items and an issued cursor. */
export type FuzzWorld = {
  itemIds(owner: string): readonly string[];
  cursor(owner: string): string;
  /** Whose items an `other` slot names when `owner` calls. */
  otherOwner(owner: string): string;
};

export type SentRequest = { id?: string; path: string; response: ApiResponse };

const pick = (ids: readonly string[], index: number) => ids[index % ids.length] ?? 'none';

function resolveId(slot: IdSlot, owner: string, world: FuzzWorld): string {
  if (slot.kind === 'literal') return slot.value;
  const whose = slot.kind === 'own' ? owner : world.otherOwner(owner);
  return pick(world.itemIds(whose), slot.index);
}

/** The item id a request will name when `owner` sends it (for classifying it first). */
export const idFor = (request: FuzzRequest, owner: string, world: FuzzWorld) =>
  request.id ? resolveId(request.id, owner, world) : undefined;

/** Sends a generated request as `owner` (`null`: without a token). */
export async function sendFuzzRequest(
  api: RobustApi,
  request: FuzzRequest,
  owner: string | null,
  world: FuzzWorld,
): Promise<SentRequest> {
  const caller = owner ?? 'nobody';
  const id = idFor(request, caller, world);
  const route = routeOf(request.operationId);
  const template = route.path;
  const base = id === undefined ? template : template.replace('{id}', encodeURIComponent(id));
  const query = Object.entries(request.query ?? {}).map(([name, value]) => [
    name,
    value === ISSUED_CURSOR ? world.cursor(caller) : value,
  ]);
  const search = new URLSearchParams(query).toString();
  const path = search ? `${base}?${search}` : base;
  const response = await api.send(path, {
    method: route.method,
    as: owner,
    headers: {
      ...request.headers,
      ...(request.body?.contentType ? { 'content-type': request.body.contentType } : {}),
    },
    body: request.body?.text,
  });
  return { id, path, response };
}
