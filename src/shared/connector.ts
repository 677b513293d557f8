import browser from 'webextension-polyfill';
import type { Envelope, MessageType, Request, Response } from './protocol';

/** The one way views and content scripts talk to the background. */
export async function send<K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>> {
  const envelope = (await browser.runtime.sendMessage({ type, ...request })) as Envelope<Response<K>> | undefined;
  if (!envelope) throw new Error(`No answer from the extension's background to "${type}".`);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}
