import fc from 'fast-check';

// Property tests are reproducible by default, so CI never fails on a case no one has seen; set FC_SEED=random to
// explore new inputs locally (a failure prints its seed and counterexample to replay).
const seed = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20261126);
fc.configureGlobal({ seed });
