// Internal: NumPy broadcasting of two shapes, and the elementwise loop that applies it.
#pragma once
#include <string>

#include <xtensor/xnoalias.hpp>
#include <xtensor/xoperation.hpp>

#include "detail/xt.hpp"
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

// y = f(a, b) elementwise with broadcasting; T is the input type, U the output type. Fast paths
// (equal shapes, a scalar, a trailing row vector) run xsimd-vectorized over contiguous memory;
// other broadcasts go through xtensor's general broadcasting.
template <class T, class U, class F>
Tensor broadcast_apply(const char* op, const Tensor& a, const Tensor& b, F f) {
  Shape s = broadcast_shape(op, a.shape(), b.shape());
  Tensor y = make(dtype_of<U>(), s);
  if (y.size() == 0) return y;
  auto out = flat_mut<U>(y);
  if (a.shape() == b.shape()) {
    xt::noalias(out) = f(flat<T>(a), flat<T>(b));
  } else if (b.size() == 1 && a.shape() == s) {
    xt::noalias(out) = f(flat<T>(a), b.data<T>()[0]);
  } else if (a.size() == 1 && b.shape() == s) {
    xt::noalias(out) = f(a.data<T>()[0], flat<T>(b));
  } else if (a.shape() == s && is_suffix(b.shape(), s)) {
    std::size_t n = b.size(), rows = y.size() / n;
    const T* pa = a.data<T>();
    auto vb = flat<T>(b);
    for (std::size_t r = 0; r < rows; ++r) {
      auto o = span(mut<U>(y) + r * n, n);
      xt::noalias(o) = f(span(pa + r * n, n), vb);
    }
  } else if (b.shape() == s && is_suffix(a.shape(), s)) {
    std::size_t n = a.size(), rows = y.size() / n;
    const T* pb = b.data<T>();
    auto va = flat<T>(a);
    for (std::size_t r = 0; r < rows; ++r) {
      auto o = span(mut<U>(y) + r * n, n);
      xt::noalias(o) = f(va, span(pb + r * n, n));
    }
  } else {
    auto o = nd_mut<U>(y);
    xt::noalias(o) = f(nd<T>(a), nd<T>(b));
  }
  return y;
}

} // namespace xtape::detail
