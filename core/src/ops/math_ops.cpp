// Elementwise math ops: forward on xtensor (xsimd-vectorized), gradient rule beside each.
#include <xtensor/xmath.hpp>

#include "detail/broadcast.hpp"
#include "detail/record.hpp"
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

std::optional<Tensor> when(bool needed, const std::function<Tensor()>& g) {
  return needed ? std::optional<Tensor>(g()) : std::nullopt;
}

// dx = dy * (y > 0)  (TF: ReluGrad; relu'(0) = 0). Gradient: d dy = ddx * (y > 0); y gets none.
Tensor relu_grad(const Tensor& dy, const Tensor& y) {
  Tensor dx = arith("ReluGrad", dy, y,
                    [](const auto& g, const auto& v) { return xt::where(v > 0.f, g, 0.f); });
  return record("ReluGrad", {dy, y}, dx, [y](const Tensor& ddx, const Needed&) {
    return Grads{relu_grad(ddx, y), std::nullopt};
  });
}
} // namespace

// z = a + b;  da = dz,  db = dz
Tensor add(const Tensor& a, const Tensor& b) {
  Tensor z = arith("add", a, b, [](const auto& x, const auto& y) { return x + y; });
  return record("AddV2", {a, b}, z, [](const Tensor& dz, const Needed&) { return Grads{dz, dz}; });
}

// z = a - b;  da = dz,  db = -dz
Tensor subtract(const Tensor& a, const Tensor& b) {
  Tensor z = arith("subtract", a, b, [](const auto& x, const auto& y) { return x - y; });
  return record("Sub", {a, b}, z, [](const Tensor& dz, const Needed& n) {
    return Grads{dz, when(n[1], [&] { return negative(dz); })};
  });
}

// z = a * b;  da = dz * b,  db = dz * a
Tensor multiply(const Tensor& a, const Tensor& b) {
  Tensor z = arith("multiply", a, b, [](const auto& x, const auto& y) { return x * y; });
  return record("Mul", {a, b}, z, [a, b](const Tensor& dz, const Needed& n) {
    return Grads{when(n[0], [&] { return multiply(dz, b); }),
                 when(n[1], [&] { return multiply(dz, a); })};
  });
}

// z = a / b;  da = dz / b,  db = -dz * a / b^2 = -(dz * z) / b
Tensor divide(const Tensor& a, const Tensor& b) {
  Tensor z = arith("divide", a, b, [](const auto& x, const auto& y) { return x / y; });
  return record("RealDiv", {a, b}, z, [b, z](const Tensor& dz, const Needed& n) {
    return Grads{when(n[0], [&] { return divide(dz, b); }),
                 when(n[1], [&] { return negative(divide(multiply(dz, z), b)); })};
  });
}

// y = -x;  dx = -dy
Tensor negative(const Tensor& x) {
  Tensor y = unary("negative", x, [](const auto& v) { return -v; });
  return record("Neg", {x}, y, [](const Tensor& dy, const Needed&) { return Grads{negative(dy)}; });
}

// y = max(x, 0);  dx = dy * (y > 0)
Tensor relu(const Tensor& x) {
  Tensor y = unary("relu", x, [](const auto& v) { return xt::maximum(v, 0.f); });
  return record("Relu", {x}, y,
                [y](const Tensor& dy, const Needed&) { return Grads{relu_grad(dy, y)}; });
}

// y = 1 / (1 + e^-x);  dx = dy * y * (1 - y)
Tensor sigmoid(const Tensor& x) {
  Tensor y = unary("sigmoid", x, [](const auto& v) { return 1.f / (1.f + xt::exp(-v)); });
  return record("Sigmoid", {x}, y, [y](const Tensor& dy, const Needed&) {
    return Grads{multiply(dy, multiply(y, subtract(constant(1.f), y)))};
  });
}

// y = tanh(x);  dx = dy * (1 - y^2)
Tensor tanh(const Tensor& x) {
  Tensor y = unary("tanh", x, [](const auto& v) { return xt::tanh(v); });
  return record("Tanh", {x}, y, [y](const Tensor& dy, const Needed&) {
    return Grads{multiply(dy, subtract(constant(1.f), square(y)))};
  });
}

// y = e^x;  dx = dy * y
Tensor exp(const Tensor& x) {
  Tensor y = unary("exp", x, [](const auto& v) { return xt::exp(v); });
  return record("Exp", {x}, y,
                [y](const Tensor& dy, const Needed&) { return Grads{multiply(dy, y)}; });
}

// y = ln x;  dx = dy / x
Tensor log(const Tensor& x) {
  Tensor y = unary("log", x, [](const auto& v) { return xt::log(v); });
  return record("Log", {x}, y,
                [x](const Tensor& dy, const Needed&) { return Grads{divide(dy, x)}; });
}

// y = x^2;  dx = dy * 2x
Tensor square(const Tensor& x) {
  Tensor y = unary("square", x, [](const auto& v) { return v * v; });
  return record("Square", {x}, y, [x](const Tensor& dy, const Needed&) {
    return Grads{multiply(dy, multiply(constant(2.f), x))};
  });
}

// y = sqrt(x);  dx = dy / (2y)
Tensor sqrt(const Tensor& x) {
  Tensor y = unary("sqrt", x, [](const auto& v) { return xt::sqrt(v); });
  return record("Sqrt", {x}, y, [y](const Tensor& dy, const Needed&) {
    return Grads{divide(dy, multiply(constant(2.f), y))};
  });
}

// No gradient: boolean outputs (TF: NotDifferentiable).
Tensor equal(const Tensor& a, const Tensor& b) {
  return compare<false>("equal", a, b,
                        [](const auto& x, const auto& y) { return xt::equal(x, y); });
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return compare<true>("greater", a, b, [](const auto& x, const auto& y) { return x > y; });
}

} // namespace xtape
