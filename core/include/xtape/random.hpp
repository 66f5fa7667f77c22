// Seeded random tensors (TF: tf.random.*). A counter-based generator (Philox-4x32-10) makes each
// element a pure function of (seed, call, element index), so a seed gives the same numbers in any
// build, native or WASM, on any thread count.
#pragma once
#include "xtape/tensor.hpp"

namespace xtape::random {

Tensor uniform(const Shape& shape, float minval = 0.f, float maxval = 1.f, std::uint64_t seed = 0);
Tensor normal(const Shape& shape, float mean = 0.f, float stddev = 1.f, std::uint64_t seed = 0);
// Normal values more than 2 stddev from the mean are redrawn (TF semantics).
Tensor truncated_normal(const Shape& shape, float mean = 0.f, float stddev = 1.f,
                        std::uint64_t seed = 0);

// TF: tf.random.Generator.from_seed(seed). Each call draws a fresh stream.
class Generator {
public:
  explicit Generator(std::uint64_t seed) : seed_(seed) {}
  static Generator from_seed(std::uint64_t seed) { return Generator(seed); }
  Tensor uniform(const Shape& shape, float minval = 0.f, float maxval = 1.f);
  Tensor normal(const Shape& shape, float mean = 0.f, float stddev = 1.f);
  Tensor truncated_normal(const Shape& shape, float mean = 0.f, float stddev = 1.f);
  // A permutation of [0, n) as int32 (for shuffling mini-batches).
  Tensor permutation(std::int64_t n);

private:
  std::uint64_t seed_;
  std::uint32_t stream_ = 0;
};

} // namespace xtape::random
