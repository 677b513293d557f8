// What a browser's pages asked for and what came back, as the drivers see it from automation:
// the raw material of an evidence bundle's HAR (cli/evidence/har.ts). Only http(s) exchanges are
// kept, headers and not bodies, and at most MAX_EXCHANGES of them (a page that never stops asking
// cannot fill the memory of a fleet's browser).

export interface Exchange {
  startedAt: number;
  method: string;
  url: string;
  resourceType: string;
  requestHeaders: Array<[string, string]>;
  /** Absent while no response came (failed, or still in flight at the end). */
  response?: { status: number; statusText: string; headers: Array<[string, string]>; at: number };
  failure?: string;
  /** The tab the request was made for, numbered in the order the driver opened them. */
  pageref: string;
}

const MAX_EXCHANGES = 100_000;

export class NetworkLog {
  private readonly list: Exchange[] = [];
  /** Exchanges dropped past the cap, said in the HAR. */
  dropped = 0;

  start(x: Omit<Exchange, 'startedAt'>): Exchange | undefined {
    if (!/^https?:/.test(x.url)) return undefined;
    if (this.list.length >= MAX_EXCHANGES) {
      this.dropped++;
      return undefined;
    }
    const e: Exchange = { ...x, startedAt: Date.now() };
    this.list.push(e);
    return e;
  }

  /** The exchanges that started at or after `since` (an audit's own, in a browser that audits site after site). */
  since(since: number): Exchange[] {
    return this.list.filter((x) => x.startedAt >= since);
  }
}

/** Headers as a list of pairs, from a record (Puppeteer joins repeated headers with newlines). */
export function headerPairs(h: Record<string, string>): Array<[string, string]> {
  return Object.entries(h);
}
