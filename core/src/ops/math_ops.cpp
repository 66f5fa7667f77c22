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

} // namespace

// dx = dy * (y > 0)  (TF: ReluGrad; relu'(0) = 0). Gradient: d dy = ddx * (y > 0); y gets none.
Tensor detail::relu_grad(const Tensor& dy, const Tensor& y) {
  Tensor dx = arith("ReluGrad", dy, y,
                    [](const auto& g, const auto& v) { return xt::where(v > 0.f, g, 0.f); });
  return record("ReluGrad", {dy, y}, dx, {y});
}
XTAPE_GRADIENT("ReluGrad", [](const OpCall& op, const Tensor& ddx) {
  return Grads{relu_grad(ddx, op.saved[0]), std::nullopt};
});

// z = a + b;  da = dz,  db = dz
Tensor add(const Tensor& a, const Tensor& b) {
  Tensor z = arith("add", a, b, [](const auto& x, const auto& y) { return x + y; });
  return record("AddV2", {a, b}, z);
}
XTAPE_GRADIENT("AddV2", [](const OpCall&, const Tensor& dz) { return Grads{dz, dz}; });

// z = a - b;  da = dz,  db = -dz
Tensor subtract(const Tensor& a, const Tensor& b) {
  Tensor z = arith("subtract", a, b, [](const auto& x, const auto& y) { return x - y; });
  return record("Sub", {a, b}, z);
}
XTAPE_GRADIENT("Sub", [](const OpCall& op, const Tensor& dz) {
  return Grads{dz, when(op.needed[1], [&] { return negative(dz); })};
});

// z = a * b;  da = dz * b,  db = dz * a
Tensor multiply(const Tensor& a, const Tensor& b) {
  Tensor z = arith("multiply", a, b, [](const auto& x, const auto& y) { return x * y; });
  return record("Mul", {a, b}, z, {a, b});
}
XTAPE_GRADIENT("Mul", [](const OpCall& op, const Tensor& dz) {
  const Tensor &a = op.saved[0], &b = op.saved[1];
  return Grads{when(op.needed[0], [&] { return multiply(dz, b); }),
               when(op.needed[1], [&] { return multiply(dz, a); })};
});

// z = a / b;  da = dz / b,  db = -dz * a / b^2 = -(dz * z) / b
Tensor divide(const Tensor& a, const Tensor& b) {
  Tensor z = arith("divide", a, b, [](const auto& x, const auto& y) { return x / y; });
  return record("RealDiv", {a, b}, z, {b, z});
}
XTAPE_GRADIENT("RealDiv", [](const OpCall& op, const Tensor& dz) {
  const Tensor &b = op.saved[0], &z = op.saved[1];
  return Grads{when(op.needed[0], [&] { return divide(dz, b); }),
               when(op.needed[1], [&] { return negative(divide(multiply(dz, z), b)); })};
});

// y = -x;  dx = -dy
Tensor negative(const Tensor& x) {
  Tensor y = unary("negative", x, [](const auto& v) { return -v; });
  return record("Neg", {x}, y);
}
XTAPE_GRADIENT("Neg", [](const OpCall&, const Tensor& dy) { return Grads{negative(dy)}; });

// y = max(x, 0);  dx = dy * (y > 0)
Tensor relu(const Tensor& x) {
  Tensor y = unary("relu", x, [](const auto& v) { return xt::maximum(v, 0.f); });
  return record("Relu", {x}, y, {y});
}
XTAPE_GRADIENT("Relu", [](const OpCall& op, const Tensor& dy) {
  return Grads{relu_grad(dy, op.saved[0])};
});

// y = 1 / (1 + e^-x);  dx = dy * y * (1 - y)
Tensor sigmoid(const Tensor& x) {
  Tensor y = unary("sigmoid", x, [](const auto& v) { return 1.f / (1.f + xt::exp(-v)); });
  return record("Sigmoid", {x}, y, {y});
}
XTAPE_GRADIENT("Sigmoid", [](const OpCall& op, const Tensor& dy) {
  const Tensor& y = op.saved[0];
  return Grads{multiply(dy, multiply(y, subtract(constant(1.f), y)))};
});

// y = tanh(x);  dx = dy * (1 - y^2)
Tensor tanh(const Tensor& x) {
  Tensor y = unary("tanh", x, [](const auto& v) { return xt::tanh(v); });
  return record("Tanh", {x}, y, {y});
}
XTAPE_GRADIENT("Tanh", [](const OpCall& op, const Tensor& dy) {
  return Grads{multiply(dy, subtract(constant(1.f), square(op.saved[0])))};
});

// y = e^x;  dx = dy * y
Tensor exp(const Tensor& x) {
  Tensor y = unary("exp", x, [](const auto& v) { return xt::exp(v); });
  return record("Exp", {x}, y, {y});
}
XTAPE_GRADIENT("Exp",
               [](const OpCall& op, const Tensor& dy) { return Grads{multiply(dy, op.saved[0])}; });

// y = ln x;  dx = dy / x
Tensor log(const Tensor& x) {
  Tensor y = unary("log", x, [](const auto& v) { return xt::log(v); });
  return record("Log", {x}, y, {x});
}
XTAPE_GRADIENT("Log",
               [](const OpCall& op, const Tensor& dy) { return Grads{divide(dy, op.saved[0])}; });

// y = x^2;  dx = dy * 2x
Tensor square(const Tensor& x) {
  Tensor y = unary("square", x, [](const auto& v) { return v * v; });
  return record("Square", {x}, y, {x});
}
XTAPE_GRADIENT("Square", [](const OpCall& op, const Tensor& dy) {
  return Grads{multiply(dy, multiply(constant(2.f), op.saved[0]))};
});

// y = sqrt(x);  dx = dy / (2y)
Tensor sqrt(const Tensor& x) {
  Tensor y = unary("sqrt", x, [](const auto& v) { return xt::sqrt(v); });
  return record("Sqrt", {x}, y, {y});
}
XTAPE_GRADIENT("Sqrt", [](const OpCall& op, const Tensor& dy) {
  return Grads{divide(dy, multiply(constant(2.f), op.saved[0]))};
});

// y = log(1 + e^x), computed stably as max(x, 0) + log1p(e^-|x|);  dx = dy * sigmoid(x)
Tensor softplus(const Tensor& x) {
  Tensor y = unary("softplus", x, [](const auto& v) {
    return xt::maximum(v, 0.f) + xt::log1p(xt::exp(-xt::abs(v)));
  });
  return record("Softplus", {x}, y, {x});
}
XTAPE_GRADIENT("Softplus", [](const OpCall& op, const Tensor& dy) {
  return Grads{multiply(dy, sigmoid(op.saved[0]))};
});

// No gradient: boolean outputs (TF: NotDifferentiable).
XTAPE_NOT_DIFFERENTIABLE("Equal");
XTAPE_NOT_DIFFERENTIABLE("Greater");
Tensor equal(const Tensor& a, const Tensor& b) {
  return compare<false>("equal", a, b,
                        [](const auto& x, const auto& y) { return xt::equal(x, y); });
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return compare<true>("greater", a, b, [](const auto& x, const auto& y) { return x > y; });
}

} // namespace xtape
