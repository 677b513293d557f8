import { buildReport } from '../core/report/report';
import { parsePolicyHtml, parsePolicyText, PolicyError } from '../core/declared/policy';
import { findPolicyLinks } from '../core/declared/policy-links';
import { isKnownCookieName } from '../core/judgement/classify';
import { readCmpDeclaration } from '../core/declared/cmp';
import { listFromConfig, readCmpConfig } from '../core/declared/cmp-config';
import { locateConfigs, oneTrustLanguageUrl } from '../core/declared/cmp-config/locate';

// The second script of the background (report-core.js): what turns facts into reports and reads
// cookie policies — the known-cookie tables, the judgement, the HTML parser. Recording needs none
// of it, so a woken worker does not parse it before its first fact (core-loader.ts loads it when
// a report or a policy is first asked for). Pure functions only: the state stays in background.js.

export const reportCore = { buildReport, parsePolicyHtml, parsePolicyText, PolicyError, findPolicyLinks, isKnownCookieName, readCmpDeclaration, readCmpConfig, listFromConfig, locateConfigs, oneTrustLanguageUrl };
export type ReportCore = typeof reportCore;

(globalThis as { __cookieAuditorReportCore?: ReportCore }).__cookieAuditorReportCore = reportCore;
