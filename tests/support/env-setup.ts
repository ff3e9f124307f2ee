/**
 * Before every test file. The workers a test starts analyse with the sparse model alone
 * (ANALYSIS_ENCODER=none, a supported setting for small machines): the sentence encoder costs tens
 * of milliseconds a comment on two shared cores, and most tests are about what happens around the
 * analysis. The encoder itself is tested by the analysis unit tests and by the pipeline test
 * (tests/integration/analysis-pipeline.test.ts), which set it explicitly.
 */
process.env.ANALYSIS_ENCODER ??= 'none';
