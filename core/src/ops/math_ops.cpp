// Binary elementwise math with broadcasting: forward on xtensor (xsimd-vectorized), gradient
// rule beside each.
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <xtensor/xmath.hpp>

#include "ops/cwise.hpp"
#include "ops/shared.hpp"

namespace xtape {
using namespace detail;

namespace {
// z = fi(a, b) elementwise with broadcasting over tensors of type T, as scalars: the integer ops,
// and pow from the C library.
template <class T, class FI>
Tensor scalar_binary(const char* op, const Tensor& a, const Tensor& b, FI fi) {
  Shape s = broadcast_shape(op, a.shape(), b.shape());
  Tensor ab = broadcast_copy(a, s), bb = broadcast_copy(b, s);
  Tensor z = make(dtype_of<T>(), s);
  const T *pa = ab.data<T>(), *pb = bb.data<T>();
  T* pz = mut<T>(z);
  for (std::int64_t i = 0; i < z.size(); ++i) pz[i] = fi(pa[i], pb[i]);
  return z;
}

// z = f(a, b) with broadcasting for float32 and float64 (xsimd; float16 through float32), and
// fi(a, b) for int32 and int64 when one is given (a generic lambda): no mixed dtypes (TF's error).
struct NoInts {};
template <class F, class FI = NoInts>
Tensor arith(const char* op, const char* type, const Tensor& a, const Tensor& b, F f, FI fi = {}) {
  check_same(op, type, a, b);
  if (a.dtype() == DType::float32) return broadcast_apply<float, float>(op, a, b, f);
  if (a.dtype() == DType::float64) return broadcast_apply<double, double>(op, a, b, f);
  if (a.dtype() == DType::float16) // in float32, rounded back, as Eigen's half (no gradient)
    return cast(arith(op, type, cast(a, DType::float32), cast(b, DType::float32), f, fi),
                DType::float16);
  constexpr bool ints = !std::is_same_v<FI, NoInts>;
  if constexpr (ints) {
    if (a.dtype() == DType::int32) return scalar_binary<std::int32_t>(op, a, b, fi);
    if (a.dtype() == DType::int64) return scalar_binary<std::int64_t>(op, a, b, fi);
  }
  throw InvalidArgumentError(
      std::string(op) + ": not defined for " + dtype_name(a.dtype()) +
      (ints ? " (float32, float64, int32 or int64)" : " (float32 or float64)"));
}
// Integer + - * wrap on overflow as in TF (never UB).
constexpr auto wrap_add = [](auto x, auto y) { return wrapping_add(x, y); };
constexpr auto wrap_sub = [](auto x, auto y) { return wrapping_sub(x, y); };
constexpr auto wrap_mul = [](auto x, auto y) { return wrapping_mul(x, y); };
// The float-only form (gradient kernels).
template <class F>
Tensor arith(const char* op, const Tensor& a, const Tensor& b, F f) {
  check_floating(op, "x", a);
  check_same(op, op, a, b);
  if (a.dtype() == DType::float64) return broadcast_apply<double, double>(op, a, b, f);
  return broadcast_apply<float, float>(op, a, b, f);
}

// dx = dy * (y > 0)  (TF: ReluGrad; relu'(0) = 0). Gradient: d dy = ddx * (y > 0); y gets none.
const Op<YSaved> ReluGrad{"ReluGrad", nullptr,
                          [](const YSaved& s, const Needed&, const Tensor& ddx) {
                            return Grads{relu_grad(ddx, s.y), std::nullopt};
                          }};
} // namespace

Tensor detail::relu_grad(const Tensor& dy, const Tensor& y) {
  Tensor dx = arith("ReluGrad", dy, y, [](const auto& g, const auto& v) {
    using T = value_t<decltype(v)>;
    return xt::where(v > T(0), g, T(0));
  });
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
// dz to a where m holds and to b elsewhere: the rules of maximum and minimum.
Grads split(const Tensor& m, const Needed& n, const Tensor& dz) {
  return Grads{when(n[0], [&] { return multiply(dz, m); }),
               when(n[1], [&] { return multiply(dz, subtract(ones_like(m), m)); })};
}
// z = max(a, b);  da = dy * [a >= b],  db = dy * [a < b]   (TF's _MaximumGrad)
const Op<BinarySaved> Maximum{"Maximum", "maximum",
                              [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
                                return split(mask(greater_equal(s.a, s.b), dz), n, dz);
                              }};
// z = min(a, b);  da = dy * [a <= b],  db = dy * [a > b]
const Op<BinarySaved> Minimum{"Minimum", "minimum",
                              [](const BinarySaved& s, const Needed& n, const Tensor& dz) {
                                return split(mask(less_equal(s.a, s.b), dz), n, dz);
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
            Tensor positive = mask(greater(s.x, zeros_like(s.x)), s.x);
            Tensor safe = add(multiply(s.x, positive), subtract(ones_like(positive), positive));
            return multiply(dz, multiply(s.z, multiply(log(safe), positive)));
          })};
    }};
// No gradient: integer outputs (TF: NotDifferentiable).
const NotDifferentiable FloorDiv{"FloorDiv", "floor_div"};
const NotDifferentiable FloorMod{"FloorMod", "floor_mod"};
} // namespace

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
  if (is_integer(a.dtype())) // TF's truediv: integers divide as float64
    return divide(cast(a, DType::float64), cast(b, DType::float64));
  Tensor z = arith("divide", "RealDiv", a, b, [](const auto& x, const auto& y) { return x / y; });
  return record(RealDiv, {a, b}, z, {b, z});
}
Tensor maximum(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "maximum", "Maximum", a, b, [](const auto& x, const auto& y) { return xt::maximum(x, y); },
      [](auto x, auto y) { return std::max(x, y); });
  return record(Maximum, {a, b}, z, {a, b});
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  Tensor z = arith(
      "minimum", "Minimum", a, b, [](const auto& x, const auto& y) { return xt::minimum(x, y); },
      [](auto x, auto y) { return std::min(x, y); });
  return record(Minimum, {a, b}, z, {a, b});
}
Tensor pow(const Tensor& a, const Tensor& b) {
  // float32 and float64 from the C library, value by value: xsimd's pow is not exact where the
  // power is (48.0 ** 2 gave 2303.9999999999995) nor correctly rounded (x ** 0.5 != sqrt x).
  const auto libm = [](auto x, auto y) { return std::pow(x, y); };
  const bool same = a.dtype() == b.dtype();
  Tensor z =
      same && a.dtype() == DType::float64 ? scalar_binary<double>("pow", a, b, libm)
      : same && a.dtype() == DType::float32
          ? scalar_binary<float>("pow", a, b, libm)
          : arith(
                "pow", "Pow", a, b, [](const auto& x, const auto& y) { return xt::pow(x, y); },
                [](auto x, auto y) { // by squaring, wrapping as TF's integer pow
                  using T = decltype(x);
                  if (y < 0)
                    throw InvalidArgumentError(
                        "pow: Integers to negative integer powers are not allowed");
                  T r = 1;
                  for (; y; y >>= 1, x = wrapping_mul(x, x))
                    if (y & 1) r = wrapping_mul(r, x);
                  return r;
                });
  return record(Pow, {a, b}, z, {a, b, z});
}

namespace {
// Integer floor division and modulo: division by zero is TF's error, MIN / -1 wraps.
constexpr auto floor_div_int = [](auto x, auto y) {
  using T = decltype(x);
  if (y == -1) return wrapping_sub(T(0), x);
  T q = x / y;
  return (x % y != 0 && ((x < 0) != (y < 0))) ? T(q - 1) : q;
};
constexpr auto floor_mod_int = [](auto x, auto y) {
  using T = decltype(x);
  if (y == -1) return T(0);
  T r = x % y;
  return (r != 0 && ((r < 0) != (y < 0))) ? T(r + y) : r;
};
template <class T>
void check_divisor(const char* op, const Tensor& b) {
  const T* p = b.data<T>();
  for (std::int64_t i = 0; i < b.size(); ++i)
    if (p[i] == 0) throw InvalidArgumentError(std::string(op) + ": Integer division by zero");
}
template <class I, class F>
Tensor floor_op(const char* op, const char* type, const Tensor& a, const Tensor& b, I int_op,
                F float_op) {
  check_same(op, type, a, b);
  if (a.dtype() == DType::int32) check_divisor<std::int32_t>(op, b);
  if (a.dtype() == DType::int64) check_divisor<std::int64_t>(op, b);
  return arith(op, type, a, b, float_op, int_op);
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
