// Elementwise math ops: forward on xtensor (xsimd-vectorized), gradient rule beside each.
#include <xtensor/xmath.hpp>

#include "detail/broadcast.hpp"
#include "detail/record.hpp"
#include "ops/shared.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
template <class F>
Tensor arith(const char* op, const Tensor& a, const Tensor& b, F f) {
  check_float(op, "x", a);
  check_float(op, "y", b);
  return broadcast_apply<float, float>(op, a, b, f);
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
  Tensor z = arith("add", a, b, [](const auto& x, const auto& y) { return x + y; });
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
// No gradient: boolean outputs (TF: NotDifferentiable).
const NotDifferentiable Equal{"Equal", "equal"};
const NotDifferentiable Greater{"Greater", "greater"};
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
  Tensor z = arith("subtract", a, b, [](const auto& x, const auto& y) { return x - y; });
  return record(Sub, {a, b}, z);
}
Tensor multiply(const Tensor& a, const Tensor& b) {
  Tensor z = arith("multiply", a, b, [](const auto& x, const auto& y) { return x * y; });
  return record(Mul, {a, b}, z, {a, b});
}
Tensor divide(const Tensor& a, const Tensor& b) {
  Tensor z = arith("divide", a, b, [](const auto& x, const auto& y) { return x / y; });
  return record(RealDiv, {a, b}, z, {b, z});
}
Tensor negative(const Tensor& x) {
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
Tensor greater(const Tensor& a, const Tensor& b) {
  return compare<true>("greater", a, b, [](const auto& x, const auto& y) { return x > y; });
}

} // namespace xtape
