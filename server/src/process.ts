/** Stops cleanly on SIGTERM/SIGINT; a second signal, or 20 s, forces the exit. */
export function exitOnSignals(stop: () => Promise<void>): void {
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(1);
    signalled = true;
    setTimeout(() => process.exit(1), 20_000).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
