import { ConfigCollector, isObject, str, type ConfigParse, type Json } from './config';

// The IAB TCF "Device Storage Disclosure" (https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/Vendor%20Device%20Storage%20%26%20Operational%20Disclosures.md):
// disclosures[] of { identifier, type: cookie | web | app, maxAgeSeconds, cookieRefresh, domain,
// purposes }. A vendor publishes it (the Global Vendor List's deviceStorageDisclosureUrl, as Didomi's
// vendor list points to it); Usercentrics' service templates carry the same object under
// deviceStorage (each service with its templateId and dataProcessor). `*` in an identifier is a
// wildcard, as the standard says.

/** Every disclosures[] in the JSON, with the service that holds it and its path. */
function* disclosureLists(j: Json, path: string, service: string, depth: number): Generator<{ list: Json[]; path: string; service: string }> {
  if (depth > 6) return;
  if (Array.isArray(j)) {
    for (let i = 0; i < j.length && i < 5000; i++) yield* disclosureLists(j[i] as Json, `${path}[${i}]`, service, depth + 1);
    return;
  }
  if (!isObject(j)) return;
  const name = str(j.dataProcessor) || str(j.name) || str(j.templateName) || service;
  if (Array.isArray(j.disclosures)) yield { list: j.disclosures, path: `${path}.disclosures`, service: name };
  for (const [k, v] of Object.entries(j)) if (k !== 'disclosures' && (Array.isArray(v) || isObject(v))) yield* disclosureLists(v, path ? `${path}.${k}` : k, name, depth + 1);
}

export function readDisclosures(j: Json): ConfigParse | null {
  const found = [...disclosureLists(j, '', '', 0)];
  if (found.length === 0) return null;
  const usercentrics = JSON.stringify(j).includes('"templateId"');
  const c = new ConfigCollector(usercentrics ? 'usercentrics' : 'iab-tcf', usercentrics ? 'Usercentrics' : 'IAB TCF device storage disclosure');
  for (const { list, path, service } of found) {
    list.forEach((d, i) => {
      if (!isObject(d)) return;
      const type = str(d.type);
      if (type === 'app') return;
      const age = typeof d.maxAgeSeconds === 'number' ? d.maxAgeSeconds : null;
      const lifetime = type !== 'cookie' || age === null ? undefined : age <= 0 ? ({ kind: 'session' } as const) : ({ kind: 'fixed', seconds: age, upTo: false } as const);
      c.add({
        name: str(d.identifier),
        path: `${path.replace(/^\./, '')}[${i}]`,
        provider: service || str(d.domain),
        purpose: str(d.description),
        type: type === 'web' ? 'local storage' : 'cookie',
        ...(lifetime ? { lifetime, duration: lifetime.kind === 'session' ? 'session' : `${age} s` } : {}),
      });
    });
  }
  return c.out;
}
