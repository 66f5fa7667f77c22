// Elementwise math ops: forward on xtensor (xsimd-vectorized), gradient rule beside each.
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <xtensor/xmath.hpp>

#include "detail/broadcast.hpp"
#include "detail/record.hpp"
#include "ops/shared.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
// TF's name of a dtype in its type errors ("float" for float32).
std::string tf_type(DType d) { return d == DType::float32 ? "float" : dtype_name(d); }

// TF's error for mixed dtypes: no silent promotion.
void check_same(const char* op, const char* type, const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype())
    throw InvalidArgumentError(std::string(op) + ": cannot compute " + type +
                               " as input #1(zero-based) was expected to be a " +
                               tf_type(a.dtype()) + " tensor but is a " + tf_type(b.dtype()) +
                               " tensor [Op:" + type + "]");
}

// z = fi(a, b) elementwise with broadcasting over int32 tensors, as scalars.
template <class FI>
Tensor int_binary(const char* op, const Tensor& a, const Tensor& b, FI fi) {
  Shape s = broadcast_shape(op, a.shape(), b.shape());
  Tensor ab = broadcast_to(a, s), bb = broadcast_to(b, s);
  Tensor z = make(DType::int32, s);
  const std::int32_t *pa = ab.data<std::int32_t>(), *pb = bb.data<std::int32_t>();
  std::int32_t* pz = mut<std::int32_t>(z);
  for (std::int64_t i = 0; i < z.size(); ++i) pz[i] = fi(pa[i], pb[i]);
  return z;
}

// z = f(a, b) with broadcasting for float32 (xsimd), and fi(a, b) for int32 when one is given:
// no mixed dtypes (TF's error).
struct NoInts {};
template <class F, class FI = NoInts>
Tensor arith(const char* op, const char* type, const Tensor& a, const Tensor& b, F f, FI fi = {}) {
  check_same(op, type, a, b);
  if (a.dtype() == DType::float32) return broadcast_apply<float, float>(op, a, b, f);
  constexpr bool ints = !std::is_same_v<FI, NoInts>;
  if constexpr (ints)
    if (a.dtype() == DType::int32) return int_binary(op, a, b, fi);
  throw InvalidArgumentError(std::string(op) + ": not defined for " + dtype_name(a.dtype()) +
                             (ints ? " (float32 or int32)" : " (float32)"));
}
// Integer + - * in uint32, so that an overflow wraps as in TF (never UB).
constexpr auto wrap_add = [](std::int32_t x, std::int32_t y) {
  return std::int32_t(std::uint32_t(x) + std::uint32_t(y));
};
constexpr auto wrap_sub = [](std::int32_t x, std::int32_t y) {
  return std::int32_t(std::uint32_t(x) - std::uint32_t(y));
};
constexpr auto wrap_mul = [](std::int32_t x, std::int32_t y) {
  return std::int32_t(std::uint32_t(x) * std::uint32_t(y));
};
// The float-only form (gradient kernels).
template <class F>
Tensor arith(const char* op, const Tensor& a, const Tensor& b, F f) {
  check_float(op, "x", a);
  check_float(op, "y", b);
  return broadcast_apply<float, float>(op, a, b, f);
}

// y = f(x) elementwise over an int32 tensor (negative, abs, square of integers).
template <class F>
Tensor int_unary(const Tensor& x, F f) {
  Tensor y = make(DType::int32, x.shape());
  const std::int32_t* px = x.data<std::int32_t>();
  std::int32_t* py = mut<std::int32_t>(y);
  for (std::int64_t i = 0; i < x.size(); ++i) py[i] = f(px[i]);
  return y;
}

template <class F>
Tensor unary(const char* op, const Tensor& x, F f) {
  check_float(op, "x", x);
  Tensor y = make(DType::float32, x.shape());
  const float* px = x.data<float>();
  float* py = mut<float>(y);
  parallel_for(std::size_t(x.size()), elementwise_grain, 64, [&](std::size_t i, std::size_t j) {
    auto out = span(py + i, j - i);
    xt::noalias(out) = f(span(px + i, j - i));
  });
  return y;
}

template <bool Ordered, class F>
Tensor compare(const char* op, const Tensor& a, const Tensor& b, F f) {
  if (a.dtype() != b.dtype())
    throw InvalidArgumentError(std::string(op) + ": dtypes differ: " + dtype_name(a.dtype()) +
                               " and " + dtype_name(b.dtype()));
  switch (a.dtype()) {
  case DType::float32:
    return broadcast_apply<float, bool>(op, a, b, f);
  case DType::int32:
    return broadcast_apply<std::int32_t, bool>(op, a, b, f);
  case DType::uint8:
    return broadcast_apply<std::uint8_t, bool>(op, a, b, f);
  case DType::bool_:
    if constexpr (!Ordered) return broadcast_apply<bool, bool>(op, a, b, f);
    break;
  }
  throw InvalidArgumentError(std::string(op) + ": not defined for " + dtype_name(a.dtype()));
}

struct XSaved {
  Tensor x;
};
struct YSaved {
  Tensor y;
};
struct BinarySaved {
  Tensor a, b;
};

// dx = dy * (y > 0)  (TF: ReluGrad; relu'(0) = 0). Gradient: d dy = ddx * (y > 0); y gets none.
const Op<YSaved> ReluGrad{"ReluGrad", nullptr,
                          [](const YSaved& s, const Needed&, const Tensor& ddx) {
                            return Grads{relu_grad(ddx, s.y), std::nullopt};
                          }};
} // namespace

Tensor detail::relu_grad(const Tensor& dy, const Tensor& y) {
  Tensor dx = arith("ReluGrad", dy, y,
                    [](const auto& g, const auto& v) { return xt::where(v > 0.f, g, 0.f); });
  return record(ReluGrad, {dy, y}, dx, {y});
}

// z = a + b;  da = dz,  db = dz
const Op<Nothing> detail::AddV2{"AddV2", "add",
                                [](const Nothing&, const Needed&, const Tensor& dz) {
                                  return Grads{dz, dz};
                                }};
Tensor add(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "add", "AddV2", a, b, [](const auto& x, const auto& y) { return x + y; }, wrap_add);
  return record(AddV2, {a, b}, z);
}

namespace {
// z = a - b;  da = dz,  db = -dz
const Op<Nothing> Sub{"Sub", "subtract", [](const Nothing&, const Needed& n, const Tensor& dz) {
                        return Grads{dz, when(n[1], [&] { return negative(dz); })};
                      }};
// z = a * b;  da = dz * b,  db = dz * a
const Op<BinarySaved> Mul{"Mul", "multiply",
                          [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
                            return Grads{when(n[0], [&] { return multiply(dz, s.b); }),
                                         when(n[1], [&] { return multiply(dz, s.a); })};
                          }};
// z = a / b;  da = dz / b,  db = -dz * a / b^2 = -(dz * z) / b   (saved: b and z)
const Op<BinarySaved> RealDiv{
    "RealDiv", "divide", [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
      const Tensor &b = s.a, &z = s.b;
      return Grads{when(n[0], [&] { return divide(dz, b); }),
                   when(n[1], [&] { return negative(divide(multiply(dz, z), b)); })};
    }};
// y = -x;  dx = -dy
const Op<Nothing> Neg{"Neg", "negative", [](const Nothing&, const Needed&, const Tensor& dy) {
                        return Grads{negative(dy)};
                      }};
// y = 1 / (1 + e^-x);  dx = dy * y * (1 - y)
const Op<YSaved> Sigmoid{"Sigmoid", "sigmoid",
                         [](const YSaved& s, const Needed&, const Tensor& dy) {
                           return Grads{multiply(dy, multiply(s.y, subtract(constant(1.f), s.y)))};
                         }};
// y = tanh(x);  dx = dy * (1 - y^2)
const Op<YSaved> Tanh{"Tanh", "tanh", [](const YSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{multiply(dy, subtract(constant(1.f), square(s.y)))};
                      }};
// y = e^x;  dx = dy * y
const Op<YSaved> Exp{"Exp", "exp", [](const YSaved& s, const Needed&, const Tensor& dy) {
                       return Grads{multiply(dy, s.y)};
                     }};
// y = ln x;  dx = dy / x
const Op<XSaved> Log{"Log", "log", [](const XSaved& s, const Needed&, const Tensor& dy) {
                       return Grads{divide(dy, s.x)};
                     }};
// y = x^2;  dx = dy * 2x
const Op<XSaved> Square{"Square", "square", [](const XSaved& s, const Needed&, const Tensor& dy) {
                          return Grads{multiply(dy, multiply(constant(2.f), s.x))};
                        }};
// y = sqrt(x);  dx = dy / (2y)
const Op<YSaved> Sqrt{"Sqrt", "sqrt", [](const YSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{divide(dy, multiply(constant(2.f), s.y))};
                      }};
// y = log(1 + e^x), computed stably as max(x, 0) + log1p(e^-|x|);  dx = dy * sigmoid(x)
const Op<XSaved> Softplus{"Softplus", "softplus",
                          [](const XSaved& s, const Needed&, const Tensor& dy) {
                            return Grads{multiply(dy, sigmoid(s.x))};
                          }};
// y = sin x;  dx = dy * cos x
const Op<XSaved> Sin{"Sin", "sin", [](const XSaved& s, const Needed&, const Tensor& dy) {
                       return Grads{multiply(dy, cos(s.x))};
                     }};
// y = cos x;  dx = -dy * sin x
const Op<XSaved> Cos{"Cos", "cos", [](const XSaved& s, const Needed&, const Tensor& dy) {
                       return Grads{negative(multiply(dy, sin(s.x)))};
                     }};
// 1 where t holds, else 0 (float32): the masks of the rules below.
Tensor mask(const Tensor& t) { return cast(t, DType::float32); }
// y = |x|;  dx = dy * sign(x)   (sign(0) = 0, as TF)
const Op<XSaved> Abs{
    "Abs", "abs", [](const XSaved& s, const Needed&, const Tensor& dy) {
      Tensor zero = zeros_like(s.x);
      return Grads{multiply(dy, subtract(mask(greater(s.x, zero)), mask(greater(zero, s.x))))};
    }};
// dz to a where m holds and to b elsewhere: the rules of maximum and minimum.
Grads split(const Tensor& m, const Needed& n, const Tensor& dz) {
  return Grads{when(n[0], [&] { return multiply(dz, m); }),
               when(n[1], [&] { return multiply(dz, subtract(ones_like(m), m)); })};
}
// z = max(a, b);  da = dy * [a >= b],  db = dy * [a < b]   (TF's _MaximumGrad)
const Op<BinarySaved> Maximum{"Maximum", "maximum",
                              [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
                                return split(mask(greater_equal(s.a, s.b)), n, dz);
                              }};
// z = min(a, b);  da = dy * [a <= b],  db = dy * [a > b]
const Op<BinarySaved> Minimum{"Minimum", "minimum",
                              [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
                                return split(mask(less_equal(s.a, s.b)), n, dz);
                              }};
struct PowSaved {
  Tensor x, y, z;
};
// z = x^y;  dx = dz * y * x^(y-1),  dy = dz * z * log(x) where x > 0, else 0   (TF's _PowGrad)
const Op<PowSaved> Pow{
    "Pow", "pow", [](const PowSaved& s, const Needed& n, const Tensor& dz) {
      return Grads{
          when(
              n[0],
              [&] { return multiply(dz, multiply(s.y, pow(s.x, subtract(s.y, ones_like(s.y))))); }),
          when(n[1], [&] {
            Tensor positive = mask(greater(s.x, zeros_like(s.x)));
            Tensor safe = add(multiply(s.x, positive), subtract(ones_like(positive), positive));
            return multiply(dz, multiply(s.z, multiply(log(safe), positive)));
          })};
    }};
// No gradient: boolean or integer outputs (TF: NotDifferentiable).
const NotDifferentiable Equal{"Equal", "equal"};
const NotDifferentiable NotEqual{"NotEqual", "not_equal"};
const NotDifferentiable Greater{"Greater", "greater"};
const NotDifferentiable GreaterEqual{"GreaterEqual", "greater_equal"};
const NotDifferentiable Less{"Less", "less"};
const NotDifferentiable LessEqual{"LessEqual", "less_equal"};
const NotDifferentiable IsNan{"IsNan", "is_nan"};
const NotDifferentiable FloorDiv{"FloorDiv", "floor_div"};
const NotDifferentiable FloorMod{"FloorMod", "floor_mod"};
} // namespace

// y = max(x, 0);  dx = dy * (y > 0)
const Op<ReluSaved> detail::Relu{
    "Relu", "relu",
    [](const ReluSaved& s, const Needed&, const Tensor& dy) { return Grads{relu_grad(dy, s.y)}; }};
Tensor relu(const Tensor& x) {
  Tensor y = unary("relu", x, [](const auto& v) { return xt::maximum(v, 0.f); });
  return record(Relu, {x}, y, {y});
}

Tensor subtract(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "subtract", "Sub", a, b, [](const auto& x, const auto& y) { return x - y; }, wrap_sub);
  return record(Sub, {a, b}, z);
}
Tensor multiply(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "multiply", "Mul", a, b, [](const auto& x, const auto& y) { return x * y; }, wrap_mul);
  return record(Mul, {a, b}, z, {a, b});
}
Tensor divide(const Tensor& a, const Tensor& b) {
  check_same("divide", "RealDiv", a, b);
  if (a.dtype() ==
      DType::int32) // TF's truediv of integers is float64; xtape's widest float is float32
    return divide(cast(a, DType::float32), cast(b, DType::float32));
  Tensor z = arith("divide", "RealDiv", a, b, [](const auto& x, const auto& y) { return x / y; });
  return record(RealDiv, {a, b}, z, {b, z});
}
Tensor negative(const Tensor& x) {
  if (x.dtype() == DType::int32)
    return int_unary(x, [](std::int32_t v) { return std::int32_t(0u - std::uint32_t(v)); });
  Tensor y = unary("negative", x, [](const auto& v) { return -v; });
  return record(Neg, {x}, y);
}
Tensor sigmoid(const Tensor& x) {
  Tensor y = unary("sigmoid", x, [](const auto& v) { return 1.f / (1.f + xt::exp(-v)); });
  return record(Sigmoid, {x}, y, {y});
}
Tensor tanh(const Tensor& x) {
  Tensor y = unary("tanh", x, [](const auto& v) { return xt::tanh(v); });
  return record(Tanh, {x}, y, {y});
}
Tensor exp(const Tensor& x) {
  Tensor y = unary("exp", x, [](const auto& v) { return xt::exp(v); });
  return record(Exp, {x}, y, {y});
}
Tensor log(const Tensor& x) {
  Tensor y = unary("log", x, [](const auto& v) { return xt::log(v); });
  return record(Log, {x}, y, {x});
}
Tensor square(const Tensor& x) {
  if (x.dtype() == DType::int32)
    return int_unary(
        x, [](std::int32_t v) { return std::int32_t(std::uint32_t(v) * std::uint32_t(v)); });
  Tensor y = unary("square", x, [](const auto& v) { return v * v; });
  return record(Square, {x}, y, {x});
}
Tensor sqrt(const Tensor& x) {
  Tensor y = unary("sqrt", x, [](const auto& v) { return xt::sqrt(v); });
  return record(Sqrt, {x}, y, {y});
}
Tensor softplus(const Tensor& x) {
  Tensor y = unary("softplus", x, [](const auto& v) {
    return xt::maximum(v, 0.f) + xt::log1p(xt::exp(-xt::abs(v)));
  });
  return record(Softplus, {x}, y, {x});
}

Tensor equal(const Tensor& a, const Tensor& b) {
  return compare<false>("equal", a, b,
                        [](const auto& x, const auto& y) { return xt::equal(x, y); });
}
Tensor not_equal(const Tensor& a, const Tensor& b) {
  return compare<false>("not_equal", a, b,
                        [](const auto& x, const auto& y) { return xt::not_equal(x, y); });
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return compare<true>("greater", a, b, [](const auto& x, const auto& y) { return x > y; });
}
Tensor greater_equal(const Tensor& a, const Tensor& b) {
  return compare<true>("greater_equal", a, b, [](const auto& x, const auto& y) { return x >= y; });
}
Tensor less(const Tensor& a, const Tensor& b) {
  return compare<true>("less", a, b, [](const auto& x, const auto& y) { return x < y; });
}
Tensor less_equal(const Tensor& a, const Tensor& b) {
  return compare<true>("less_equal", a, b, [](const auto& x, const auto& y) { return x <= y; });
}

Tensor is_nan(const Tensor& x) {
  check_float("is_nan", "x", x);
  Tensor y = make(DType::bool_, x.shape());
  for (std::int64_t i = 0; i < x.size(); ++i) mut<bool>(y)[i] = std::isnan(x.data<float>()[i]);
  return y;
}

Tensor sin(const Tensor& x) {
  Tensor y = unary("sin", x, [](const auto& v) { return xt::sin(v); });
  return record(Sin, {x}, y, {x});
}
Tensor cos(const Tensor& x) {
  Tensor y = unary("cos", x, [](const auto& v) { return xt::cos(v); });
  return record(Cos, {x}, y, {x});
}
Tensor abs(const Tensor& x) {
  if (x.dtype() == DType::int32) // |INT_MIN| wraps to INT_MIN, as in TF
    return int_unary(
        x, [](std::int32_t v) { return v < 0 ? std::int32_t(0u - std::uint32_t(v)) : v; });
  Tensor y = unary("abs", x, [](const auto& v) { return xt::abs(v); });
  return record(Abs, {x}, y, {x});
}
Tensor maximum(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "maximum", "Maximum", a, b, [](const auto& x, const auto& y) { return xt::maximum(x, y); },
      [](std::int32_t x, std::int32_t y) { return std::max(x, y); });
  return record(Maximum, {a, b}, z, {a, b});
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "minimum", "Minimum", a, b, [](const auto& x, const auto& y) { return xt::minimum(x, y); },
      [](std::int32_t x, std::int32_t y) { return std::min(x, y); });
  return record(Minimum, {a, b}, z, {a, b});
}
Tensor pow(const Tensor& a, const Tensor& b) {
  check_same("pow", "Pow", a, b);
  check_float("pow", "x", a);
  Tensor z = broadcast_apply<float, float>(
      "pow", a, b, [](const auto& x, const auto& y) { return xt::pow(x, y); });
  return record(Pow, {a, b}, z, {a, b, z});
}

namespace {
// Integer floor division and modulo: division by zero is TF's error, INT_MIN / -1 wraps.
std::int32_t floor_div_int(std::int32_t x, std::int32_t y) {
  if (y == -1) return std::int32_t(0u - std::uint32_t(x));
  std::int32_t q = x / y;
  return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q;
}
std::int32_t floor_mod_int(std::int32_t x, std::int32_t y) {
  if (y == -1) return 0;
  std::int32_t r = x % y;
  return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
}
template <class I, class F>
Tensor floor_op(const char* op, const char* type, const Tensor& a, const Tensor& b, I int_op,
                F float_op) {
  check_same(op, type, a, b);
  if (a.dtype() == DType::int32) {
    for (std::int64_t i = 0; i < b.size(); ++i)
      if (b.data<std::int32_t>()[i] == 0)
        throw InvalidArgumentError(std::string(op) + ": Integer division by zero");
    return int_binary(op, a, b, int_op);
  }
  return arith(op, type, a, b, float_op);
}
} // namespace

Tensor floor_div(const Tensor& a, const Tensor& b) {
  return floor_op("floor_div", "FloorDiv", a, b, floor_div_int,
                  [](const auto& x, const auto& y) { return xt::floor(x / y); });
}
Tensor floor_mod(const Tensor& a, const Tensor& b) {
  return floor_op("floor_mod", "FloorMod", a, b, floor_mod_int,
                  [](const auto& x, const auto& y) { return x - xt::floor(x / y) * y; });
}

} // namespace xtape
