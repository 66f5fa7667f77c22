// Unary elementwise math: forward on xtensor (xsimd-vectorized), gradient rule beside each.
#include <cmath>
#include <xtensor/xmath.hpp>

#include "ops/cwise.hpp"
#include "ops/shared.hpp"

namespace xtape {
using namespace detail;

namespace {
// y = f(x) elementwise over an int32 or int64 tensor (negative, abs, square of integers).
template <class F>
Tensor int_unary(const Tensor& x, F f) {
  Tensor y = make(x.dtype(), x.shape());
  auto run = [&](auto t) {
    using T = decltype(t);
    const T* px = x.data<T>();
    T* py = mut<T>(y);
    for (std::int64_t i = 0; i < x.size(); ++i) py[i] = f(px[i]);
  };
  if (x.dtype() == DType::int64)
    run(std::int64_t{});
  else
    run(std::int32_t{});
  return y;
}
bool is_int(const Tensor& x) { return x.dtype() == DType::int32 || x.dtype() == DType::int64; }

// y = -x;  dx = -dy
const Op<Nothing> Neg{"Neg", "negative", [](const Nothing&, const Needed&, const Tensor& dy) {
                        return Grads{negative(dy)};
                      }};
// y = 1 / (1 + e^-x);  dx = dy * y * (1 - y)
const Op<YSaved> Sigmoid{
    "Sigmoid", "sigmoid", [](const YSaved& s, const Needed&, const Tensor& dy) {
      return Grads{multiply(dy, multiply(s.y, subtract(scalar_like(s.y, 1), s.y)))};
    }};
// y = tanh(x);  dx = dy * (1 - y^2)
const Op<YSaved> Tanh{"Tanh", "tanh", [](const YSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{multiply(dy, subtract(scalar_like(s.y, 1), square(s.y)))};
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
                          return Grads{multiply(dy, multiply(scalar_like(s.x, 2), s.x))};
                        }};
// y = sqrt(x);  dx = dy / (2y)
const Op<YSaved> Sqrt{"Sqrt", "sqrt", [](const YSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{divide(dy, multiply(scalar_like(s.y, 2), s.y))};
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
// y = sinh x;  dx = dy * cosh x
const Op<XSaved> Sinh{"Sinh", "sinh", [](const XSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{multiply(dy, cosh(s.x))};
                      }};
// y = cosh x;  dx = dy * sinh x
const Op<XSaved> Cosh{"Cosh", "cosh", [](const XSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{multiply(dy, sinh(s.x))};
                      }};
// y = |x|;  dx = dy * sign(x)   (sign(0) = 0, as TF)
const Op<XSaved> Abs{"Abs", "abs", [](const XSaved& s, const Needed&, const Tensor& dy) {
                       Tensor zero = zeros_like(s.x);
                       return Grads{multiply(dy, subtract(mask(greater(s.x, zero), s.x),
                                                          mask(greater(zero, s.x), s.x)))};
                     }};
// y = tan x;  dx = dy * (1 + y^2)
const Op<YSaved> Tan{"Tan", "tan", [](const YSaved& s, const Needed&, const Tensor& dy) {
                       return Grads{multiply(dy, add(scalar_like(s.y, 1), square(s.y)))};
                     }};
// y = log(1 + x);  dx = dy / (1 + x)
const Op<XSaved> Log1p{"Log1p", "log1p", [](const XSaved& s, const Needed&, const Tensor& dy) {
                         return Grads{divide(dy, add(scalar_like(s.x, 1), s.x))};
                       }};
// y = e^x - 1;  dx = dy * (y + 1)
const Op<YSaved> Expm1{"Expm1", "expm1", [](const YSaved& s, const Needed&, const Tensor& dy) {
                         return Grads{multiply(dy, add(s.y, scalar_like(s.y, 1)))};
                       }};
// y = asin x;  dx = dy / sqrt(1 - x^2)
const Op<XSaved> Asin{"Asin", "asin", [](const XSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{divide(dy, sqrt(subtract(scalar_like(s.x, 1), square(s.x))))};
                      }};
// y = acos x;  dx = -dy / sqrt(1 - x^2)
const Op<XSaved> Acos{"Acos", "acos", [](const XSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{
                            negative(divide(dy, sqrt(subtract(scalar_like(s.x, 1), square(s.x)))))};
                      }};
// y = atan x;  dx = dy / (1 + x^2)
const Op<XSaved> Atan{"Atan", "atan", [](const XSaved& s, const Needed&, const Tensor& dy) {
                        return Grads{divide(dy, add(scalar_like(s.x, 1), square(s.x)))};
                      }};
// y = 1 / x;  dx = -dy * y^2
const Op<YSaved> Reciprocal{"Reciprocal", "reciprocal",
                            [](const YSaved& s, const Needed&, const Tensor& dy) {
                              return Grads{negative(multiply(dy, square(s.y)))};
                            }};
// No gradient: a boolean output, or piecewise constant (TF: NotDifferentiable / None).
const NotDifferentiable IsNan{"IsNan", "is_nan"};
const NotDifferentiable Floor{"Floor", "floor"};
const NotDifferentiable Ceil{"Ceil", "ceil"};
const NotDifferentiable Round{"Round", "round"};
const NotDifferentiable Sign{"Sign", "sign"};
const NotDifferentiable LogicalNot{"LogicalNot", "logical_not"};
} // namespace

// y = max(x, 0);  dx = dy * (y > 0)
const Op<ReluSaved> detail::Relu{
    "Relu", "relu",
    [](const ReluSaved& s, const Needed&, const Tensor& dy) { return Grads{relu_grad(dy, s.y)}; }};
Tensor relu(const Tensor& x) {
  Tensor y =
      unary("relu", x, [](const auto& v) { return xt::maximum(v, value_t<decltype(v)>(0)); });
  return record(Relu, {x}, y, {y});
}

Tensor negative(const Tensor& x) {
  if (is_int(x)) return int_unary(x, [](auto v) { return wrapping_sub(decltype(v)(0), v); });
  Tensor y = unary("negative", x, [](const auto& v) { return -v; });
  return record(Neg, {x}, y);
}
Tensor sigmoid(const Tensor& x) {
  Tensor y = unary("sigmoid", x, [](const auto& v) {
    using T = value_t<decltype(v)>;
    return T(1) / (T(1) + xt::exp(-v));
  });
  return record(Sigmoid, {x}, y, {y});
}
Tensor tanh(const Tensor& x) {
  Tensor y = unary(
      "tanh", x, [](const auto& v) { return xt::tanh(v); }, [](double v) { return std::tanh(v); });
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
  if (is_int(x)) return int_unary(x, [](auto v) { return wrapping_mul(v, v); });
  Tensor y = unary("square", x, [](const auto& v) { return v * v; });
  return record(Square, {x}, y, {x});
}
Tensor sqrt(const Tensor& x) {
  Tensor y = unary("sqrt", x, [](const auto& v) { return xt::sqrt(v); });
  return record(Sqrt, {x}, y, {y});
}
Tensor softplus(const Tensor& x) {
  Tensor y = unary("softplus", x, [](const auto& v) {
    return xt::maximum(v, value_t<decltype(v)>(0)) + xt::log1p(xt::exp(-xt::abs(v)));
  });
  return record(Softplus, {x}, y, {x});
}
Tensor sin(const Tensor& x) {
  Tensor y = unary(
      "sin", x, [](const auto& v) { return xt::sin(v); }, [](double v) { return std::sin(v); });
  return record(Sin, {x}, y, {x});
}
Tensor cos(const Tensor& x) {
  Tensor y = unary(
      "cos", x, [](const auto& v) { return xt::cos(v); }, [](double v) { return std::cos(v); });
  return record(Cos, {x}, y, {x});
}
Tensor sinh(const Tensor& x) {
  Tensor y = unary(
      "sinh", x, [](const auto& v) { return xt::sinh(v); }, [](double v) { return std::sinh(v); });
  return record(Sinh, {x}, y, {x});
}
Tensor cosh(const Tensor& x) {
  Tensor y = unary(
      "cosh", x, [](const auto& v) { return xt::cosh(v); }, [](double v) { return std::cosh(v); });
  return record(Cosh, {x}, y, {x});
}
Tensor abs(const Tensor& x) {
  if (is_int(x)) // |MIN| wraps to MIN, as in TF
    return int_unary(x, [](auto v) { return v < 0 ? wrapping_sub(decltype(v)(0), v) : v; });
  Tensor y = unary("abs", x, [](const auto& v) { return xt::abs(v); });
  return record(Abs, {x}, y, {x});
}

Tensor is_nan(const Tensor& x) {
  check_floating("is_nan", "x", x);
  Tensor y = make(DType::bool_, x.shape());
  float_visit(x.dtype(), [&](auto t) {
    const auto* px = x.data<decltype(t)>();
    for (std::int64_t i = 0; i < x.size(); ++i) mut<bool>(y)[i] = std::isnan(px[i]);
  });
  return y;
}

Tensor floor(const Tensor& x) {
  if (is_int(x)) return x;
  return unary("floor", x, [](const auto& v) { return xt::floor(v); });
}
Tensor ceil(const Tensor& x) {
  if (is_int(x)) return x;
  return unary("ceil", x, [](const auto& v) { return xt::ceil(v); });
}
Tensor round(const Tensor& x) { // half to even, as TF and NumPy (the default rounding mode)
  if (is_int(x)) return x;
  return unary("round", x, [](const auto& v) { return xt::nearbyint(v); });
}
Tensor sign(const Tensor& x) {
  if (is_int(x)) return int_unary(x, [](auto v) { return decltype(v)((v > 0) - (v < 0)); });
  return unary("sign", x, [](const auto& v) {
    using T = value_t<decltype(v)>;
    return xt::where(v > T(0), T(1), xt::where(v < T(0), T(-1), v)); // 0 and NaN stay
  });
}
Tensor tan(const Tensor& x) {
  Tensor y = unary(
      "tan", x, [](const auto& v) { return xt::tan(v); }, [](double v) { return std::tan(v); });
  return record(Tan, {x}, y, {y});
}
Tensor log1p(const Tensor& x) {
  Tensor y = unary("log1p", x, [](const auto& v) { return xt::log1p(v); });
  return record(Log1p, {x}, y, {x});
}
Tensor expm1(const Tensor& x) {
  Tensor y = unary("expm1", x, [](const auto& v) { return xt::expm1(v); });
  return record(Expm1, {x}, y, {y});
}
Tensor asin(const Tensor& x) {
  Tensor y = unary(
      "asin", x, [](const auto& v) { return xt::asin(v); }, [](double v) { return std::asin(v); });
  return record(Asin, {x}, y, {x});
}
Tensor acos(const Tensor& x) {
  Tensor y = unary(
      "acos", x, [](const auto& v) { return xt::acos(v); }, [](double v) { return std::acos(v); });
  return record(Acos, {x}, y, {x});
}
Tensor atan(const Tensor& x) {
  Tensor y = unary(
      "atan", x, [](const auto& v) { return xt::atan(v); }, [](double v) { return std::atan(v); });
  return record(Atan, {x}, y, {x});
}
Tensor reciprocal(const Tensor& x) {
  Tensor y = unary("reciprocal", x, [](const auto& v) { return value_t<decltype(v)>(1) / v; });
  return record(Reciprocal, {x}, y, {y});
}
Tensor logical_not(const Tensor& x) {
  check_dtype("logical_not", "x", x, DType::bool_);
  Tensor y = make(DType::bool_, x.shape());
  for (std::int64_t i = 0; i < x.size(); ++i) mut<bool>(y)[i] = !x.data<bool>()[i];
  return y;
}

} // namespace xtape
