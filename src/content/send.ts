import { openEnvelope, type Envelope, type MessageType, type Request, type Response } from '../shared/protocol';

// The relay's one browser call, without webextension-polyfill: every frame loads the relay at
// document_start, and the polyfill was two thirds of its size for this single call. Both browsers'
// own runtime.sendMessage return a promise here (Chromium's MV3 `chrome`, Firefox's `browser`).
// Same envelope, opened the same way as shared/connector's send.

type Runtime = { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
const g = globalThis as { browser?: Runtime; chrome?: Runtime };

export async function send<K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>> {
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('No extension runtime in this frame.');
  return openEnvelope(type, (await api.runtime.sendMessage({ type, ...request })) as Envelope<Response<K>> | undefined);
}
