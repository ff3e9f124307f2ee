/**
 * Runs `attempt` again by itself: after the server's Retry-After, or else a backoff from 15 s
 * doubling to 5 min, and at once when the device comes back online.
 */
export function createRetrier(attempt: () => void): { later(seconds: number | null): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tries = 0;
  const fire = (): void => {
    stop();
    attempt();
  };
  function stop(): void {
    clearTimeout(timer);
    window.removeEventListener('online', fire);
  }
  return {
    later(seconds) {
      stop();
      const delay = seconds ?? Math.min(300, 15 * 2 ** tries);
      tries += 1;
      timer = setTimeout(fire, delay * 1000);
      window.addEventListener('online', fire);
    },
    stop,
  };
}
