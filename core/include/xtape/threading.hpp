// Intra-op parallelism (TF: tf.config.threading.set_intra_op_parallelism_threads). Large matmuls
// and elementwise ops split their work over a pool of threads; results do not depend on the
// number of threads (every element is computed the same way, only by another thread).
#pragma once

namespace xtape {

// Threads used by one op, the calling thread included. Defaults to the hardware's concurrency in
// builds with threads (native, WASM with pthreads), 1 otherwise.
int num_threads();
// n >= 1; values above the hardware's concurrency are capped. Not to be called while ops run.
void set_num_threads(int n);

} // namespace xtape
