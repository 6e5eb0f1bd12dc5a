/**
 * Every property test draws from one fixed seed unless it names its own: the same inputs give the
 * same run (a failure reproduces exactly; FC_SEED=N explores other draws by hand).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261203) });
