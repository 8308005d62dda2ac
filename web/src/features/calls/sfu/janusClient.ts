/**
 * The one place that touches janus.js (npm janus-gateway, MIT). janus.js wants `Janus.init` once, with
 * webrtc-adapter passed in as a dependency (its ES build refers to a global `adapter` otherwise).
 * Everything else talks to the narrow interfaces in sfuTypes.ts.
 */
import Janus from "janus-gateway";
import adapter from "webrtc-adapter";
import type { JanusLike, JanusSessionOptions } from "./sfuTypes";

let initialised: Promise<void> | null = null;

function init(): Promise<void> {
  initialised ??= new Promise<void>((resolve) => {
    Janus.init({
      debug: false,
      dependencies: Janus.useDefaultDependencies({ adapter }),
      callback: () => resolve(),
    });
  });
  return initialised;
}

/** Opens a Janus session (WebSocket or HTTP, as the server URL says) and resolves once it is up. */
export async function connectJanus(options: JanusSessionOptions): Promise<JanusLike> {
  await init();
  return new Promise<JanusLike>((resolve, reject) => {
    let opened = false;
    const janus: Janus = new Janus({
      server: options.server,
      token: options.token,
      iceServers: options.iceServers,
      iceTransportPolicy: options.iceTransportPolicy,
      destroyOnUnload: true,
      success: () => {
        opened = true;
        resolve(janus as unknown as JanusLike);
      },
      error: (error: unknown) => {
        if (!opened) reject(error instanceof Error ? error : new Error(String(error)));
        else options.onLost?.(String(error));
      },
      destroyed: () => undefined,
    });
  });
}
