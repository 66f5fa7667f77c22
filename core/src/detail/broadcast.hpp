// Internal: NumPy broadcasting of two shapes, and the elementwise loop that applies it.
#pragma once
#include <string>

#include <xtensor/xnoalias.hpp>
#include <xtensor/xoperation.hpp>

#include "detail/xt.hpp"
#include "parallel.hpp"
#include "xtape/error.hpp"

namespace xtape::detail {

// Right-aligned; each pair of dims must be equal or one of them 1.
inline Shape broadcast_shape(const char* op, const Shape& a, const Shape& b) {
  Shape out(std::max(a.size(), b.size()));
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::int64_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
    std::int64_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
    if (da != db && da != 1 && db != 1)
      throw InvalidArgumentError(std::string(op) + ": shapes " + to_string(a) + " and " +
                                 to_string(b) + " are not broadcastable");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

// True when `small` is a suffix of `big` (a row vector repeated over the leading dims).
inline bool is_suffix(const Shape& small, const Shape& big) {
  return small.size() <= big.size() && std::equal(small.rbegin(), small.rend(), big.rbegin());
}

// x's values repeated to `shape` (which broadcast_shape accepts for x), not recorded: the
// kernel of broadcast_to, and the general case of broadcast_apply (array_ops.cpp).
Tensor broadcast_copy(const Tensor& x, const Shape& shape);

// Elements per thread, at least: a streaming pass over less (1 MiB of float32) is over before a
// sleeping thread wakes, and the hand-off moves data to the other core's cache (bench/README.md).
constexpr std::size_t elementwise_grain = 1 << 18;

// y = f(a, b) elementwise with broadcasting; T is the input type, U the output type. Fast paths
// (equal shapes, a scalar, a trailing row vector) run xsimd-vectorized over contiguous memory,
// split over the threads; any other broadcast first copies the inputs to the output's shape
// (one kernel for every op and dtype, instead of xtensor's general broadcasting instantiated per
// op: a fraction of the code and of the build time).
template <class T, class U, class F>
Tensor broadcast_apply(const char* op, const Tensor& a, const Tensor& b, F f) {
  Shape s = broadcast_shape(op, a.shape(), b.shape());
  Tensor y = make(dtype_of<U>(), s);
  if (y.size() == 0) return y;
  const T* pa = a.data<T>();
  const T* pb = b.data<T>();
  U* py = mut<U>(y);
  auto chunks = [&](auto&& body) {
    parallel_for(std::size_t(y.size()), elementwise_grain, 64, [&](std::size_t i, std::size_t j) {
      auto o = span(py + i, j - i);
      body(o, i, j - i);
    });
  };
  auto rows = [&](std::size_t n, auto&& body) { // y is rows of n; body(out_row, row)
    parallel_for(std::size_t(y.size()) / n, std::max<std::size_t>(1, elementwise_grain / n), 1,
                 [&](std::size_t r0, std::size_t r1) {
                   for (std::size_t r = r0; r < r1; ++r) {
                     auto o = span(py + r * n, n);
                     body(o, r);
                   }
                 });
  };
  if (a.shape() == b.shape()) {
    chunks([&](auto& o, std::size_t i, std::size_t n) {
      xt::noalias(o) = f(span(pa + i, n), span(pb + i, n));
    });
  } else if (b.size() == 1 && a.shape() == s) {
    chunks(
        [&](auto& o, std::size_t i, std::size_t n) { xt::noalias(o) = f(span(pa + i, n), pb[0]); });
  } else if (a.size() == 1 && b.shape() == s) {
    chunks(
        [&](auto& o, std::size_t i, std::size_t n) { xt::noalias(o) = f(pa[0], span(pb + i, n)); });
  } else if (a.shape() == s && is_suffix(b.shape(), s)) {
    std::size_t n = b.size();
    rows(n, [&](auto& o, std::size_t r) { xt::noalias(o) = f(span(pa + r * n, n), span(pb, n)); });
  } else if (b.shape() == s && is_suffix(a.shape(), s)) {
    std::size_t n = a.size();
    rows(n, [&](auto& o, std::size_t r) { xt::noalias(o) = f(span(pa, n), span(pb + r * n, n)); });
  } else {
    Tensor ab = a.shape() == s ? a : broadcast_copy(a, s);
    Tensor bb = b.shape() == s ? b : broadcast_copy(b, s);
    return broadcast_apply<T, U>(op, ab, bb, f);
  }
  return y;
}

} // namespace xtape::detail
