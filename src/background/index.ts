import { scheduleBadgeUpdate } from './badge';
import { registerNavigation } from './navigation';
import { recoverLostChanges } from './recover';
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
const recover = (): void => void recoverLostChanges().then((n) => n > 0 && scheduleBadgeUpdate(), () => undefined);
recover();
setTimeout(recover, 2_000);

// Read by tests and the CLI: the listeners above are in place, and since when (a restart changes it).
Object.assign(globalThis, { __cookieAuditorReady: true, __cookieAuditorStartedAt: performance.timeOrigin + performance.now() });
