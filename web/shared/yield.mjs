// Yields a task to the event loop (so that messages such as pause get in) without the clamp of a
// nested setTimeout(0) (bench/README.md): a message through a channel of our own.
const channel = new MessageChannel();
export const yieldTask = () =>
  new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
