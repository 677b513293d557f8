import { scheduleBadgeUpdate } from './badge';
import { registerNavigation } from './navigation';
import { pruneDeferred, recoverLostChanges, recoverMissedCookies } from './recover';
import { registerRecorder } from './recorder';
import { registerRouter } from './router';
import { importReportCoreWhenInstalled } from './core-loader';

// Every listener is registered synchronously at the top level, so a worker woken by an event
// has its listener in place before the event is dispatched.
registerNavigation(scheduleBadgeUpdate);
registerRecorder(scheduleBadgeUpdate);
registerRouter(scheduleBadgeUpdate);
importReportCoreWhenInstalled();

// A worker stopped by force may have missed cookie events: record what the jar shows was set.
const recover = (): Promise<void> => recoverLostChanges().then((n) => void (n > 0 && scheduleBadgeUpdate()), () => undefined);
void recover();
setTimeout(() => {
  void recover()
    // Then the cookies set while no worker listened at all (Chromium drops the events of a worker stopped as it starts).
    .then(recoverMissedCookies)
    .then((n) => (n > 0 || pruneDeferred()) && scheduleBadgeUpdate(), () => undefined);
}, 2_000);

// Read by tests and the CLI: the listeners above are in place, and since when (a restart changes it).
Object.assign(globalThis, { __cookieAuditorReady: true, __cookieAuditorStartedAt: performance.timeOrigin + performance.now() });
