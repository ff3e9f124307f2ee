import { exitOnSignals } from '../../server/src/process';
import { loadWorkerConfig } from './config';
import { runWorkers } from './main';

/** `npm run relay`: the outbox relay on its own, without processing jobs. */
runWorkers(loadWorkerConfig(), { relay: true, work: false }).then(
  (running) => exitOnSignals(running.stop),
  (err: Error) => {
    console.error(`CareLoop relay failed to start: ${err.message}`);
    process.exit(1);
  },
);
