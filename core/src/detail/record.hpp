// Internal: how an op puts itself on the tapes, and how its gradient is found (as TF does: a
// registry keyed by the op type's name). A differentiable op ends with
//   return record("Mul", {a, b}, z, /*saved=*/{a, b});
// and registers its gradient beside it, in the same file:
//   XTAPE_GRADIENT("Mul", [](const OpCall& op, const Tensor& dz) {
//     return Grads{when(op.needed[0], ...), ...};   // one entry per input, nullopt where unneeded
//   });
// An op type with no gradient says so: XTAPE_NOT_DIFFERENTIABLE("ArgMax"). Recording an op type
// that is not registered is an internal error, caught by the op-table test that runs every op
// under a tape. Gradients may have the broadcast shape; the tape reduces them to each input's
// shape (sum_to in tape.cpp).
#pragma once
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape::detail {

using Grads = std::vector<std::optional<Tensor>>;
using Needed = std::vector<bool>; // needed[i]: some source depends on input i

// What the tape keeps of one recorded op for its gradient: the tensors the forward saved (only
// what the gradient reads, so the tape holds no more memory than it must) and integer
// attributes (axes, flags, sizes).
struct OpCall {
  const std::vector<Tensor>& saved; // the tape's own record, not a copy
  const std::vector<std::int64_t>& attrs;
  Needed needed;
};
using GradientFn = Grads (*)(const OpCall& op, const Tensor& dy);

// Registry by op type name (a string literal: the registry keeps a view of it). A null function
// means "not differentiable".
bool register_gradient(const char* op_type, GradientFn fn);
// The gradient of op_type; throws if the type was never registered.
GradientFn gradient_function(std::string_view op_type);

#define XTAPE_CAT2(a, b) a##b
#define XTAPE_CAT(a, b) XTAPE_CAT2(a, b)
#define XTAPE_GRADIENT(op_type, ...)                                                               \
  static const bool XTAPE_CAT(xtape_gradient_, __LINE__) =                                         \
      ::xtape::detail::register_gradient(op_type, __VA_ARGS__)
#define XTAPE_NOT_DIFFERENTIABLE(op_type) XTAPE_GRADIENT(op_type, nullptr)

// dx = dy * [y > 0] as the op ReluGrad (recorded, so that gradients of gradients see it).
Tensor relu_grad(const Tensor& dy, const Tensor& y);

// True while some tape records: a gradient rule then builds its result from recorded ops only.
bool recording();

// The gradient of a dense layer y = relu(x @ w + b) when x takes none: dz = dy * [y > 0],
// dw = x^T @ dz [I,N], db = sum over rows of dz [N], from x [B,I] and dy, y [B,N]. One GEMM
// whose load of dz applies the mask and sums the columns: dz is never stored, and the values
// are those of the Relu, AddV2 and MatMul rules run one after the other, bit for bit. The tape
// runs it in their place when it finds the three in a row (tape.cpp); ReluLayer's rule uses it.
std::pair<Tensor, Tensor> dense_relu_grad(const Tensor& x, const Tensor& dy, const Tensor& y);

// Records the op on every recording tape that watches one of its float inputs; returns y.
// inputs and saved are initializer lists: an op called with no tape recording allocates nothing
// for them.
Tensor record(const char* op_type, std::initializer_list<Tensor> inputs, const Tensor& y,
              std::initializer_list<Tensor> saved = {}, std::vector<std::int64_t> attrs = {});

// A read of v whose current value is `value`: watched per tape policy and recorded as
// ReadVariableOp (handle -> read), so gradients flow to the variable itself.
Tensor read_variable(const Variable& v, const Tensor& value);

// g() when needed, else no gradient.
inline std::optional<Tensor> when(bool needed, const std::function<Tensor()>& g) {
  return needed ? std::optional<Tensor>(g()) : std::nullopt;
}

} // namespace xtape::detail
