import browser from 'webextension-polyfill';
import { openEnvelope, type Envelope, type MessageType, type Request, type Response } from './protocol';

/** The one way views and content scripts talk to the background. */
export async function send<K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>> {
  return openEnvelope(type, (await browser.runtime.sendMessage({ type, ...request })) as Envelope<Response<K>> | undefined);
}
