/**
 * Tracks the time of the last API call that extended the server session, and who to tell
 * when the server says the session is gone. Kept outside React so the fetch wrapper can use it.
 */
type Listener = () => void;

let lastActivityAt = Date.now();
const listeners = new Set<Listener>();

export const activityStore = {
  get: (): number => lastActivityAt,
  mark(at: number = Date.now()): void {
    lastActivityAt = at;
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Whether the user had a full session in this tab (so a 401 means "the server ended it"). */
let signedIn = false;
let endedByServer = false;
let sessionEndedHandler: (() => void) | undefined;

export const sessionState = {
  isSignedIn: (): boolean => signedIn,
  setSignedIn(value: boolean): void {
    signedIn = value;
    endedByServer = false;
  },
  /** True after the server ended the session, until the next sign-in or sign-out. */
  wasEndedByServer: (): boolean => endedByServer,
  onSessionEnded(handler: (() => void) | undefined): void {
    sessionEndedHandler = handler;
  },
  /** Called on a 401; tells the app once, and only when the user had been signed in. */
  reportUnauthorized(): boolean {
    if (!signedIn) return false;
    signedIn = false;
    endedByServer = true;
    sessionEndedHandler?.();
    return true;
  },
};
