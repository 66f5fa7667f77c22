// Seeded random tensors (TF: tf.random.*). A counter-based generator (Philox-4x32-10) makes each
// element a pure function of (seed, call, element index), so a seed gives the same numbers in any
// build, native or WASM, on any thread count.
#pragma once
#include <optional>

#include "xtape/tensor.hpp"

namespace xtape::random {

// TF's seed rules (tf.random.set_seed): with neither a global nor an op seed every call draws
// fresh numbers; with a global seed the calls after set_seed() repeat as a sequence; an op seed
// alone uses TF's default global seed; each (global, op seed) pair gives a new stream on every
// call, so the same op seed twice gives different numbers, reproducibly after set_seed().
void set_seed(std::optional<std::uint64_t> seed);
Tensor uniform(const Shape& shape, float minval = 0.f, float maxval = 1.f,
               std::optional<std::uint64_t> seed = std::nullopt);
Tensor normal(const Shape& shape, float mean = 0.f, float stddev = 1.f,
              std::optional<std::uint64_t> seed = std::nullopt);
// Normal values more than 2 stddev from the mean are redrawn (TF semantics).
Tensor truncated_normal(const Shape& shape, float mean = 0.f, float stddev = 1.f,
                        std::optional<std::uint64_t> seed = std::nullopt);

// Pure functions of the seed: the same seed gives the same numbers on every call
// (TF: tf.random.stateless_uniform and friends).
Tensor stateless_uniform(const Shape& shape, std::uint64_t seed, float minval = 0.f,
                         float maxval = 1.f);
Tensor stateless_normal(const Shape& shape, std::uint64_t seed, float mean = 0.f,
                        float stddev = 1.f);
Tensor stateless_truncated_normal(const Shape& shape, std::uint64_t seed, float mean = 0.f,
                                  float stddev = 1.f);

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
