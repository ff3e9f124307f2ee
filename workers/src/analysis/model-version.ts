import { shippedModelVersion } from './model-store';

/**
 * Version of the shipped sentiment and theme model (first 12 hex digits of the model file's sha256).
 * Stored with each analysis so the pipeline can find comments analysed by an older model.
 */
export const analysisModelVersion = (): string => shippedModelVersion();
