// MatMul: y = op(a) @ op(b), rank 2. Forward on the packed xsimd GEMM (kernels/gemm.cpp).
#include <algorithm>
#include <vector>

#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "kernels/gemm.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

// y = a @ b  [M,K] @ [K,N] -> [M,N];  da = dy @ b^T,  db = a^T @ dy   (TF MatMulGrad, with the
// transposed variants: ta: da = b @ dy^T, db = a @ dy;  tb: da = dy @ b, db = dy^T @ a;
// both: da = b^T @ dy^T, db = dy^T @ a^T).
Tensor matmul(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  check_float("matmul", "a", a);
  check_float("matmul", "b", b);
  if (a.rank() != 2 || b.rank() != 2)
    throw InvalidArgumentError("matmul: expected rank-2 tensors, got " + to_string(a.shape()) +
                               " x " + to_string(b.shape()));
  std::int64_t M = a.shape()[ta ? 1 : 0], K = a.shape()[ta ? 0 : 1];
  std::int64_t Kb = b.shape()[tb ? 1 : 0], N = b.shape()[tb ? 0 : 1];
  if (K != Kb)
    throw InvalidArgumentError("matmul: inner dimensions differ: " + to_string(a.shape()) +
                               (ta ? "^T" : "") + " x " + to_string(b.shape()) + (tb ? "^T" : ""));
  Tensor y = make(DType::float32, {M, N});
  kernels::gemm(ta, tb, M, N, K, a.data<float>(), b.data<float>(), mut<float>(y));
  return record("MatMul", {a, b}, y, {a, b}, {ta, tb});
}
XTAPE_GRADIENT("MatMul", [](const OpCall& op, const Tensor& dy) {
  const Tensor &a = op.saved[0], &b = op.saved[1];
  const bool ta = op.attrs[0], tb = op.attrs[1];
  Grads g(2);
  if (op.needed[0])
    g[0] = !ta ? (!tb ? matmul(dy, b, false, true) : matmul(dy, b))
               : (!tb ? matmul(b, dy, false, true) : matmul(b, dy, true, true));
  if (op.needed[1])
    g[1] = !tb ? (!ta ? matmul(a, dy, true, false) : matmul(a, dy))
               : (!ta ? matmul(dy, a, true, false) : matmul(dy, a, true, true));
  return g;
});

// y = relu(x @ w + b);  dz = dy * [y > 0],  dx = dz @ w^T,  dw = x^T @ dz,  db = sum_rows dz.
// When x takes no gradient and no tape records the rule, dw and db come from one pass
// (dense_relu_grad); otherwise from recorded ops, as the three ops' rules would give them.
Tensor relu_layer(const Tensor& x, const Tensor& weights, const Tensor& biases) {
  check_float("relu_layer", "x", x);
  check_float("relu_layer", "weights", weights);
  check_float("relu_layer", "biases", biases);
  if (x.rank() != 2 || weights.rank() != 2 || biases.rank() != 1 ||
      x.shape()[1] != weights.shape()[0] || biases.shape()[0] != weights.shape()[1])
    throw InvalidArgumentError("relu_layer: expected x [B,I], weights [I,N] and biases [N], got " +
                               to_string(x.shape()) + ", " + to_string(weights.shape()) + " and " +
                               to_string(biases.shape()));
  const std::int64_t M = x.shape()[0], K = x.shape()[1], N = weights.shape()[1];
  Tensor y = make(DType::float32, {M, N});
  kernels::gemm(false, false, M, N, K, x.data<float>(), weights.data<float>(), mut<float>(y), {},
                {biases.data<float>(), true});
  return record("ReluLayer", {x, weights, biases}, y, {x, weights, y});
}
XTAPE_GRADIENT("ReluLayer", [](const OpCall& op, const Tensor& dy) {
  const Tensor &x = op.saved[0], &w = op.saved[1], &y = op.saved[2];
  Grads g(3);
  if (!op.needed[0] && !recording()) {
    auto [dw, db] = dense_relu_grad(x, dy, y);
    if (op.needed[1]) g[1] = dw;
    if (op.needed[2]) g[2] = db;
    return g;
  }
  Tensor dz = relu_grad(dy, y);
  if (op.needed[0]) g[0] = matmul(dz, w, false, true);
  if (op.needed[1]) g[1] = matmul(x, dz, true, false);
  if (op.needed[2]) g[2] = reduce_sum(dz, std::vector<int>{0});
  return g;
});

namespace detail {
std::pair<Tensor, Tensor> dense_relu_grad(const Tensor& x, const Tensor& dy, const Tensor& y) {
  const std::int64_t B = x.shape()[0], I = x.shape()[1], N = dy.shape()[1];
  Tensor dw = make(DType::float32, {I, N});
  std::vector<double> sums(std::size_t(N), 0.0);
  kernels::gemm(true, false, I, N, B, x.data<float>(), dy.data<float>(), mut<float>(dw),
                {y.data<float>(), sums.data()});
  Tensor db = make(DType::float32, {N});
  std::copy(sums.begin(), sums.end(), mut<float>(db)); // float(sum), as reduce_sum rounds
  return {dw, db};
}
} // namespace detail

} // namespace xtape
