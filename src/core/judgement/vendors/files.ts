import abTesting from './data/ab-testing.json';
import advertising from './data/advertising.json';
import analytics from './data/analytics.json';
import chat from './data/chat.json';
import cms from './data/cms.json';
import commerce from './data/commerce.json';
import consent from './data/consent.json';
import framework from './data/framework.json';
import infrastructure from './data/infrastructure.json';
import payment from './data/payment.json';
import sessionReplay from './data/session-replay.json';
import type { VendorFile } from './types';

// Every group's file of the vendor knowledge base, as the build bundles it (into report-core.js
// only: recording never classifies). validate.ts checks their shape; the test holds them to it.

export const VENDOR_FILES = [
  abTesting, sessionReplay, analytics, advertising, chat, infrastructure, consent, commerce, cms, framework, payment,
] as unknown as readonly VendorFile[];
