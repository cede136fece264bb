// The solving clock: runs while playing, stops when paused, hidden or finished.

export function makeClock(elapsedMs = 0, now = () => performance.now()) {
  let base = elapsedMs;
  let startedAt = 0;
  let running = false;
  return {
    get running() { return running; },
    elapsed: () => base + (running ? now() - startedAt : 0),
    start() {
      if (running) return;
      running = true;
      startedAt = now();
    },
    stop() {
      if (!running) return;
      base += now() - startedAt;
      running = false;
    },
  };
}
