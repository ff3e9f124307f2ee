import { shippedModelVersion, versionOf } from './model-store';
import { shippedUrgencyModelVersion } from './urgency-model';

/**
 * Version of the shipped models: 12 hex digits of a sha256 over the hashes of the sentiment and
 * theme model file and the urgency model file, so it changes when either changes. Stored with each
 * analysis so the pipeline can find comments analysed by an older model.
 */
export const analysisModelVersion = (): string =>
  versionOf(`${shippedModelVersion()}+${shippedUrgencyModelVersion()}`);
