import { h, type Child } from '../ui/dom';

// A row's timeline, folded under its summary. Its list is built the first time it opens: a popup
// of hundreds of rows opens without building thousands of list items nobody has asked to see.

const fills = new WeakMap<HTMLDetailsElement, () => void>();

export function timelineDetails(summary: string, note: Child, list: () => HTMLElement): HTMLDetailsElement {
  let built = false;
  const fill = (): void => {
    if (built) return;
    built = true;
    details.append(list());
  };
  // On the summary's click (mouse or keyboard), before the browser opens it: the list is there when it shows.
  const details = h('details', { className: 'timeline' }, h('summary', { onclick: fill }, summary), note);
  // Opened any other way (find in page, a script): built then.
  details.addEventListener('toggle', () => details.open && fill());
  fills.set(details, fill);
  return details;
}

/** Opens a timeline with its list built at once (a finding's link, a refresh keeping it open). */
export function openTimeline(details: HTMLDetailsElement): void {
  fills.get(details)?.();
  details.open = true;
}
