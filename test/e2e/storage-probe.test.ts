import { launchChromium } from '../../src/cli/chromium-driver';
import { launchFirefox } from '../../src/cli/firefox-driver';
import { startStorageSite } from '../fixtures/storage-site';
import { settledIn } from './harness';
it.each(['chromium', 'firefox'])('probe %s', async (kind) => {
  const s = await startStorageSite();
  const d = kind === 'firefox' ? await launchFirefox() : await launchChromium({});
  const log: string[] = [];
  try {
    const { report } = await settledIn(d, `${s.origin}/`);
    log.push(kind + JSON.stringify(report.storage.summary));
    for (const i of report.storage.items) log.push(['  ', i.area, JSON.stringify(i.key).slice(0, 40), i.origin, i.party, i.partitionSite, i.size, i.setBy.kind, i.setBy.url, i.events.map((e) => e.kind).join(','), i.present, i.stores].join(' '));
    log.push(report.findings.filter((f) => f.cookies[0]?.includes(':')).map((f) => f.rule + ' ' + f.cookies[0]).join('\n'));
    const { report: r2 } = await settledIn(d, `${s.origin}/forge`);
    log.push('forge ' + r2.storage.items.map((i) => `${i.area}:${i.key}:${i.present}:${i.events.map((e) => e.kind)}`).join(' '));
    const { report: r3 } = await settledIn(d, `${s.origin}/again`);
    log.push('again ' + r3.storage.items.map((i) => `${i.area}:${i.key}:${i.preexisting}`).join(' '));
  } finally {
    await d.close();
    await s.close();
    require('fs').writeFileSync(`/tmp/ca/probe-${kind}.txt`, log.join('\n'));
  }
});
