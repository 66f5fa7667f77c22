// Elementwise comparisons with broadcasting: a bool tensor, no gradient (TF: NotDifferentiable).
#include "detail/broadcast.hpp"
#include "detail/record.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
// z[i] = f(a[i], b[i]) over T, after broadcasting (a scalar side is read in place, any other
// broadcast is copied to the output's shape first). A plain loop: bool output gains little from
// SIMD, and four dtypes times six comparisons of xtensor kernels were most of the core's build.
template <class T, class F>
Tensor compare_as(const char* op, const Tensor& a, const Tensor& b, F f) {
  Shape s = broadcast_shape(op, a.shape(), b.shape());
  Tensor z = make(DType::bool_, s);
  Tensor ab = a.size() == 1 ? a : broadcast_copy(a, s);
  Tensor bb = b.size() == 1 ? b : broadcast_copy(b, s);
  const T *pa = ab.data<T>(), *pb = bb.data<T>();
  const std::int64_t da = ab.size() == 1 ? 0 : 1, db = bb.size() == 1 ? 0 : 1;
  bool* pz = mut<bool>(z);
  for (std::int64_t i = 0; i < z.size(); ++i) pz[i] = f(pa[i * da], pb[i * db]);
  return z;
}

// z = f(a, b) for a and b of one dtype; Ordered: < <= > >= (not defined for bool).
template <bool Ordered, class F>
Tensor compare(const char* op, const Tensor& a, const Tensor& b, F f) {
  if (a.dtype() != b.dtype())
    throw InvalidArgumentError(std::string(op) + ": dtypes differ: " + dtype_name(a.dtype()) +
                               " and " + dtype_name(b.dtype()));
  switch (a.dtype()) {
  case DType::float32:
    return compare_as<float>(op, a, b, f);
  case DType::int32:
    return compare_as<std::int32_t>(op, a, b, f);
  case DType::uint8:
    return compare_as<std::uint8_t>(op, a, b, f);
  case DType::float64:
    return compare_as<double>(op, a, b, f);
  case DType::int64:
    return compare_as<std::int64_t>(op, a, b, f);
  case DType::float16: // compared as the floats they are
    return compare_as<float16>(op, a, b, f);
  case DType::bool_:
    if constexpr (!Ordered) return compare_as<bool>(op, a, b, f);
    break;
  }
  throw InvalidArgumentError(std::string(op) + ": not defined for " + dtype_name(a.dtype()));
}

const NotDifferentiable Equal{"Equal", "equal"};
const NotDifferentiable NotEqual{"NotEqual", "not_equal"};
const NotDifferentiable Greater{"Greater", "greater"};
const NotDifferentiable GreaterEqual{"GreaterEqual", "greater_equal"};
const NotDifferentiable Less{"Less", "less"};
const NotDifferentiable LessEqual{"LessEqual", "less_equal"};
const NotDifferentiable LogicalAnd{"LogicalAnd", "logical_and"};
const NotDifferentiable LogicalOr{"LogicalOr", "logical_or"};

// f(a, b) over two bool tensors (TF's logical ops take bool only).
template <class F>
Tensor logical(const char* op, const Tensor& a, const Tensor& b, F f) {
  check_dtype(op, "x", a, DType::bool_);
  check_dtype(op, "y", b, DType::bool_);
  return compare_as<bool>(op, a, b, f);
}
} // namespace

Tensor equal(const Tensor& a, const Tensor& b) {
  return compare<false>("equal", a, b, [](auto x, auto y) { return x == y; });
}
Tensor not_equal(const Tensor& a, const Tensor& b) {
  return compare<false>("not_equal", a, b, [](auto x, auto y) { return x != y; });
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return compare<true>("greater", a, b, [](auto x, auto y) { return x > y; });
}
Tensor greater_equal(const Tensor& a, const Tensor& b) {
  return compare<true>("greater_equal", a, b, [](auto x, auto y) { return x >= y; });
}
Tensor less(const Tensor& a, const Tensor& b) {
  return compare<true>("less", a, b, [](auto x, auto y) { return x < y; });
}
Tensor less_equal(const Tensor& a, const Tensor& b) {
  return compare<true>("less_equal", a, b, [](auto x, auto y) { return x <= y; });
}

Tensor logical_and(const Tensor& a, const Tensor& b) {
  return logical("logical_and", a, b, [](bool x, bool y) { return x && y; });
}
Tensor logical_or(const Tensor& a, const Tensor& b) {
  return logical("logical_or", a, b, [](bool x, bool y) { return x || y; });
}

} // namespace xtape
