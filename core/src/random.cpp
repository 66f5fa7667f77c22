// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", 2011), the
// counter-based generator TF also uses. Element i of call s under seed k is philox(k, (i, s, a)),
// where a counts the redraws of truncated_normal; integer maths only up to the final transforms.
#include "xtape/random.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <random>

#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"

namespace xtape::random {
namespace {

using u32 = std::uint32_t;
using Block = std::array<u32, 4>;

Block philox(std::uint64_t seed, std::uint64_t index, u32 stream, u32 attempt) {
  constexpr u32 M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  Block c{u32(index), u32(index >> 32), stream, attempt};
  u32 k0 = u32(seed), k1 = u32(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    std::uint64_t p0 = std::uint64_t(M0) * c[0], p1 = std::uint64_t(M1) * c[2];
    c = {u32(p1 >> 32) ^ c[1] ^ k0, u32(p1), u32(p0 >> 32) ^ c[3] ^ k1, u32(p0)};
    k0 += W0;
    k1 += W1;
  }
  return c;
}

// 24 random bits -> [0, 1) and (0, 1]
double unit(u32 x) { return (x >> 8) * (1.0 / 16777216.0); }
double unit_open0(u32 x) { return ((x >> 8) + 1) * (1.0 / 16777216.0); }

// Box-Muller: one standard normal from two uniforms.
double gaussian(const Block& b) {
  constexpr double two_pi = 6.283185307179586;
  return std::sqrt(-2.0 * std::log(unit_open0(b[0]))) * std::cos(two_pi * unit(b[1]));
}

void check(const char* op, const char* what, float v, bool positive = false) {
  if (!std::isfinite(v) || (positive && v <= 0))
    throw InvalidArgumentError(std::string("random.") + op + ": " + what + " must be " +
                               (positive ? "positive and finite" : "finite") + ", got " +
                               std::to_string(v));
}

template <class F>
Tensor generate(const Shape& shape, F f) {
  Tensor t = detail::make(DType::float32, shape);
  float* p = detail::mut<float>(t);
  for (std::int64_t i = 0; i < t.size(); ++i) p[i] = f(std::uint64_t(i));
  return t;
}

Tensor uniform_impl(const Shape& shape, float lo, float hi, std::uint64_t seed, u32 stream) {
  check("uniform", "minval", lo);
  check("uniform", "maxval", hi);
  if (!(lo < hi))
    throw InvalidArgumentError("random.uniform: minval " + std::to_string(lo) +
                               " must be below maxval " + std::to_string(hi));
  return generate(shape, [&](std::uint64_t i) {
    return float(lo + (double(hi) - lo) * unit(philox(seed, i, stream, 0)[0]));
  });
}

Tensor normal_impl(const Shape& shape, float mean, float stddev, std::uint64_t seed, u32 stream) {
  check("normal", "mean", mean);
  check("normal", "stddev", stddev, true);
  return generate(shape, [&](std::uint64_t i) {
    return float(mean + stddev * gaussian(philox(seed, i, stream, 0)));
  });
}

Tensor truncated_impl(const Shape& shape, float mean, float stddev, std::uint64_t seed,
                      u32 stream) {
  check("truncated_normal", "mean", mean);
  check("truncated_normal", "stddev", stddev, true);
  return generate(shape, [&](std::uint64_t i) {
    double z;
    u32 attempt = 0;
    do z = gaussian(philox(seed, i, stream, attempt++));
    while (std::fabs(z) > 2.0);
    return float(mean + stddev * z);
  });
}

} // namespace

Tensor stateless_uniform(const Shape& s, std::uint64_t seed, float lo, float hi) {
  return uniform_impl(s, lo, hi, seed, 0);
}
Tensor stateless_normal(const Shape& s, std::uint64_t seed, float mean, float sd) {
  return normal_impl(s, mean, sd, seed, 0);
}
Tensor stateless_truncated_normal(const Shape& s, std::uint64_t seed, float mean, float sd) {
  return truncated_impl(s, mean, sd, seed, 0);
}

namespace {
// The state behind TF's seed rules, shared by all threads.
struct SeedState {
  std::mutex lock;
  std::optional<std::uint64_t> global;
  std::uint64_t unseeded_calls = 0; // op seeds drawn under a global seed
  std::map<std::pair<std::uint64_t, std::uint64_t>, u32> calls; // per (global, op) pair
  std::uint64_t entropy = 0;                                    // for calls with no seed at all
} seeds;

constexpr std::uint64_t default_global_seed = 87654321; // TF's DEFAULT_GRAPH_SEED

// The Philox key and stream of the next stateful call.
std::pair<std::uint64_t, u32> next_stream(std::optional<std::uint64_t> op) {
  std::lock_guard<std::mutex> hold(seeds.lock);
  if (!seeds.global && !op) { // fresh numbers: a key from the OS, a new stream per call
    if (seeds.entropy == 0) {
      std::random_device rd;
      seeds.entropy = (std::uint64_t(rd()) << 32 | rd()) | 1;
    }
    return {seeds.entropy, u32(++seeds.calls[{0, 0}])};
  }
  std::uint64_t global = seeds.global.value_or(default_global_seed);
  std::uint64_t op_seed = op ? *op : seeds.unseeded_calls++;
  // Distinct (global, op) pairs get distinct keys: a 64-bit mix of both.
  std::uint64_t key = global * 0x9E3779B97F4A7C15ull ^ (op_seed + 0x632BE59BD9B4E019ull);
  key ^= key >> 29;
  return {key, u32(++seeds.calls[{global, op_seed}])};
}
} // namespace

void set_seed(std::optional<std::uint64_t> seed) {
  std::lock_guard<std::mutex> hold(seeds.lock);
  seeds.global = seed;
  seeds.unseeded_calls = 0;
  seeds.calls.clear();
}

Tensor uniform(const Shape& s, float lo, float hi, std::optional<std::uint64_t> seed) {
  auto [key, stream] = next_stream(seed);
  return uniform_impl(s, lo, hi, key, stream);
}
Tensor normal(const Shape& s, float mean, float sd, std::optional<std::uint64_t> seed) {
  auto [key, stream] = next_stream(seed);
  return normal_impl(s, mean, sd, key, stream);
}
Tensor truncated_normal(const Shape& s, float mean, float sd, std::optional<std::uint64_t> seed) {
  auto [key, stream] = next_stream(seed);
  return truncated_impl(s, mean, sd, key, stream);
}

// Generator streams start at 1 so they never repeat the stateless functions' stream 0.
Tensor Generator::uniform(const Shape& s, float lo, float hi) {
  return uniform_impl(s, lo, hi, seed_, ++stream_);
}
Tensor Generator::normal(const Shape& s, float mean, float sd) {
  return normal_impl(s, mean, sd, seed_, ++stream_);
}
Tensor Generator::truncated_normal(const Shape& s, float mean, float sd) {
  return truncated_impl(s, mean, sd, seed_, ++stream_);
}

// Fisher-Yates with Philox draws (32 bits per swap, reduced by multiply-shift).
Tensor Generator::permutation(std::int64_t n) {
  if (n < 0 || n > std::numeric_limits<std::int32_t>::max())
    throw InvalidArgumentError("random.permutation: n must be in [0, 2^31), got " +
                               std::to_string(n));
  Tensor t = detail::make(DType::int32, {n});
  std::int32_t* p = detail::mut<std::int32_t>(t);
  std::iota(p, p + n, 0);
  u32 stream = ++stream_;
  for (std::int64_t i = n - 1; i > 0; --i) {
    Block b = philox(seed_, std::uint64_t(i), stream, 0);
    std::int64_t j = std::int64_t((std::uint64_t(b[0]) * std::uint64_t(i + 1)) >> 32);
    std::swap(p[i], p[j]);
  }
  return t;
}

} // namespace xtape::random
