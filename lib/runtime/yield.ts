/**
 * Yields to the event loop without the 4 ms clamp of nested setTimeout (a MessageChannel hop, the
 * trick of React's scheduler), so that a worker's long loop lets a 'cancel' or a newer request in.
 * Falls back to setTimeout(0) where there is no MessageChannel.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
