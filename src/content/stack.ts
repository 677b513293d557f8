/**
 * The URL of the script that made a call, from an Error stack taken inside the hook.
 * Chromium writes frames as "at fn (URL:line:col)", Firefox as "fn@URL:line:col"; the hook's own
 * frames carry an extension URL (or none), so the first web URL is the caller's.
 */
export function callerUrl(stack: string): string | undefined {
  for (const line of stack.split('\n')) {
    const m = /(https?:\/\/[^\s()]+?|file:\/\/[^\s()]+?):\d+(?::\d+)?\)?\s*$/.exec(line.trim());
    if (m?.[1]) return m[1];
  }
  return undefined;
}
