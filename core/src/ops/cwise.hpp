// What the elementwise math units share (math_ops.cpp: binary arithmetic, unary_ops.cpp: unary
// math): TF's dtype checks, the loop over one tensor, the saved tensors of their rules. The binary
// loop with broadcasting is detail/broadcast.hpp's. Two units, so that their heavy xtensor
// instantiations build in parallel.
#pragma once
#include <cstddef>
#include <string>
#include <type_traits>

#include "detail/broadcast.hpp"
#include "detail/dtypes.hpp"
#include "detail/record.hpp"
#include "xtape/ops.hpp"

namespace xtape::detail {

// TF's name of a dtype in its type errors ("float" for float32, "double" for float64).
inline std::string tf_type(DType d) {
  return d == DType::float32 ? "float" : d == DType::float64 ? "double" : dtype_name(d);
}

// The element type of an xtensor expression, a span or a scalar (for literals of that type).
template <class E, class = void>
struct value_of {
  using type = std::decay_t<E>;
};
template <class E>
struct value_of<E, std::void_t<typename std::decay_t<E>::value_type>> {
  using type = typename std::decay_t<E>::value_type;
};
template <class E>
using value_t = typename value_of<E>::type;

// TF's error for mixed dtypes: no silent promotion.
inline void check_same(const char* op, const char* type, const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype())
    throw InvalidArgumentError(std::string(op) + ": cannot compute " + type +
                               " as input #1(zero-based) was expected to be a " +
                               tf_type(a.dtype()) + " tensor but is a " + tf_type(b.dtype()) +
                               " tensor [Op:" + type + "]");
}

// y = f(x) elementwise over a float32 or float64 tensor (xsimd), split over the threads; float16
// runs in float32 and rounds back. libm64, when given, computes float64 one value at a time
// instead: the C library's sin, tan, ... are within an ulp where xsimd's double versions are
// up to 3 off (and NumPy's values are the C library's).
template <class F, class G = std::nullptr_t>
Tensor unary(const char* op, const Tensor& x, F f, G libm64 = nullptr) {
  if (x.dtype() == DType::float16) // in float32, rounded back (no gradient: float16 is storage)
    return cast(unary(op, cast(x, DType::float32), f), DType::float16);
  check_floating(op, "x", x);
  Tensor y = make(x.dtype(), x.shape());
  float_visit(x.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* px = x.data<T>();
    T* py = mut<T>(y);
    parallel_for(std::size_t(x.size()), elementwise_grain, 64, [&](std::size_t i, std::size_t j) {
      if constexpr (std::is_same_v<T, double> && !std::is_same_v<G, std::nullptr_t>) {
        for (std::size_t k = i; k < j; ++k) py[k] = libm64(px[k]);
      } else {
        auto out = span(py + i, j - i);
        xt::noalias(out) = f(span(px + i, j - i));
      }
    });
  });
  return y;
}

// 1 where t holds, else 0, in the dtype of `like`: the masks of gradient rules.
inline Tensor mask(const Tensor& t, const Tensor& like) { return cast(t, like.dtype()); }
// A scalar of x's dtype: the constants of gradient rules.
inline Tensor scalar_like(const Tensor& x, double v) { return fill({}, v, x.dtype()); }

// What the gradient rules keep.
struct XSaved {
  Tensor x;
};
struct YSaved {
  Tensor y;
};
struct BinarySaved {
  Tensor a, b;
};

} // namespace xtape::detail
