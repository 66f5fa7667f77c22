// Internal: from a runtime DType to the C++ type of its elements, and TF's conversion between
// them.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "xtape/tensor.hpp"

namespace xtape::detail {

// f(T{}) with T the element type of dtype (bool is stored as one byte).
template <class F>
decltype(auto) visit_dtype(DType dtype, F&& f) {
  switch (dtype) {
  case DType::int32:
    return f(std::int32_t{});
  case DType::uint8:
    return f(std::uint8_t{});
  case DType::bool_:
    return f(bool{});
  case DType::float64:
    return f(double{});
  case DType::int64:
    return f(std::int64_t{});
  case DType::float16:
    return f(float16{});
  case DType::float32:
    break;
  }
  return f(float{});
}

// f(T{}) with T float or double: for kernels of the float dtypes (the caller checked dtype).
template <class F>
decltype(auto) float_visit(DType dtype, F&& f) {
  if (dtype == DType::float64) return f(double{});
  return f(float{});
}

// v as U, as TF's Cast: float -> integer truncates toward zero; NaN gives 0 and out-of-range
// saturates, so no input can hit undefined behaviour (which traps in WASM).
template <class U, class T>
U convert(T v) {
  if constexpr (std::is_same_v<T, float16>) {
    return convert<U>(float(v));
  } else if constexpr (std::is_same_v<U, float16>) {
    return float16(convert<float>(v)); // float64 rounds to float32 first, as Eigen's half(double)
  } else if constexpr (std::is_same_v<U, bool>) {
    return v != T(0);
  } else if constexpr (std::is_floating_point_v<T> && !std::is_floating_point_v<U>) {
    if (std::isnan(v)) return U(0);
    // In double, U's limits are exact or round up to 2^63 (int64's max), so the tests hold.
    double d = std::trunc(double(v));
    if (d <= double(std::numeric_limits<U>::lowest())) return std::numeric_limits<U>::lowest();
    if (d >= double(std::numeric_limits<U>::max())) return std::numeric_limits<U>::max();
    return static_cast<U>(d);
  } else {
    return static_cast<U>(v);
  }
}

// Integer + - * that wrap as in TF (in the unsigned type: never UB).
template <class T>
T wrapping_add(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return T(U(x) + U(y));
}
template <class T>
T wrapping_sub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return T(U(x) - U(y));
}
template <class T>
T wrapping_mul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return T(U(x) * U(y));
}

} // namespace xtape::detail
