// MatMul: y = op(a) @ op(b), rank 2. Forward on the packed xsimd GEMM (kernels/gemm.cpp).
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "detail/broadcast.hpp"
#include "detail/dtypes.hpp"
#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "kernels/gemm.hpp"
#include "ops/shared.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

// y = a @ b  [M,K] @ [K,N] -> [M,N];  da = dy @ b^T,  db = a^T @ dy   (TF MatMulGrad, with the
// transposed variants: ta: da = b @ dy^T, db = a @ dy;  tb: da = dy @ b, db = dy^T @ a;
// both: da = b^T @ dy^T, db = dy^T @ a^T).
const Op<MatMulSaved> detail::MatMul{
    "MatMul", "matmul", [](const MatMulSaved& s, const Needed& n, const Tensor& dy) {
      const Tensor &a = s.a, &b = s.b;
      Grads g(2);
      if (n[0])
        g[0] = !s.ta ? (!s.tb ? matmul(dy, b, false, true) : matmul(dy, b))
                     : (!s.tb ? matmul(b, dy, false, true) : matmul(b, dy, true, true));
      if (n[1])
        g[1] = !s.tb ? (!s.ta ? matmul(a, dy, true, false) : matmul(a, dy))
                     : (!s.ta ? matmul(dy, a, true, false) : matmul(dy, a, true, true));
      return g;
    }};

namespace {
// y = op(a) @ op(b) for float64 and the integers, as plain loops in row order (i, k, j); A is
// the accumulator type: double, or the unsigned type of the integers so that overflow wraps
// (TF: integer matmul has no gradient).
template <class T, class A>
void plain_matmul(const Tensor& a, const Tensor& b, bool ta, bool tb, Tensor& y) {
  const std::int64_t M = y.shape()[0], N = y.shape()[1], K = a.shape()[ta ? 0 : 1];
  const T *pa = a.data<T>(), *pb = b.data<T>();
  std::vector<A> row(N);
  for (std::int64_t i = 0; i < M; ++i) {
    std::fill(row.begin(), row.end(), A(0));
    for (std::int64_t k = 0; k < K; ++k) {
      const A aik = A(pa[ta ? k * M + i : i * K + k]);
      if (tb)
        for (std::int64_t j = 0; j < N; ++j) row[j] += aik * A(pb[j * K + k]);
      else
        for (std::int64_t j = 0; j < N; ++j) row[j] += aik * A(pb[k * N + j]);
    }
    for (std::int64_t j = 0; j < N; ++j) mut<T>(y)[i * N + j] = T(row[j]);
  }
}
} // namespace

namespace {
// Rank > 2, TF's BatchMatMulV2: [..., M, K] @ [..., K, N] -> [..., M, N] with the batch axes
// broadcast; one rank-2 product per batch element, between recorded slices and a stack, so the
// gradient is theirs (summed over broadcast axes by broadcast_to's rule).
Tensor batch_matmul(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  if (a.rank() < 2 || b.rank() < 2)
    throw InvalidArgumentError("matmul: expected tensors of rank 2 or more, got " +
                               to_string(a.shape()) + " x " + to_string(b.shape()));
  const Shape &sa = a.shape(), &sb = b.shape();
  Shape batch =
      broadcast_shape("matmul", Shape(sa.begin(), sa.end() - 2), Shape(sb.begin(), sb.end() - 2));
  std::int64_t count = 1;
  for (auto d : batch) count *= d;
  auto stacked = [&](const Tensor& x) { // x broadcast to batch + its matrix, as [count, r, c]
    const std::int64_t r = x.shape()[x.rank() - 2], c = x.shape()[x.rank() - 1];
    Shape full = batch;
    full.insert(full.end(), {r, c});
    Tensor flat = reshape(x.shape() == full ? x : broadcast_to(x, full), {count, r, c});
    std::vector<Tensor> out;
    for (std::int64_t i = 0; i < count; ++i)
      out.push_back(reshape(strided_slice(flat, {i, 0, 0}, {i + 1, r, c}, {1, 1, 1}), {r, c}));
    return out;
  };
  std::vector<Tensor> as = stacked(a), bs = stacked(b), ys;
  for (std::int64_t i = 0; i < count; ++i) ys.push_back(matmul(as[i], bs[i], ta, tb));
  if (ys.empty()) { // an empty batch: the shape alone
    Shape out = batch;
    out.insert(out.end(), {sa[sa.size() - (ta ? 1 : 2)], sb[sb.size() - (tb ? 2 : 1)]});
    return zeros(out, a.dtype());
  }
  Shape out = batch;
  out.insert(out.end(), {ys[0].shape()[0], ys[0].shape()[1]});
  return reshape(stack(ys, 0), out);
}
} // namespace

Tensor matmul(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  if ((a.rank() > 2 || b.rank() > 2) && a.dtype() == b.dtype()) return batch_matmul(a, b, ta, tb);
  if (a.dtype() != b.dtype())
    throw InvalidArgumentError("matmul: cannot compute MatMul as input #1(zero-based) was expected "
                               "to be a " +
                               dtype_name(a.dtype()) + " tensor but is a " + dtype_name(b.dtype()) +
                               " tensor [Op:MatMul]");
  if (a.dtype() == DType::uint8 || a.dtype() == DType::bool_)
    throw InvalidArgumentError("matmul: not defined for " + dtype_name(a.dtype()) +
                               " (float32, float64, int32 or int64)");
  if (a.rank() != 2 || b.rank() != 2)
    throw InvalidArgumentError("matmul: expected rank-2 tensors, got " + to_string(a.shape()) +
                               " x " + to_string(b.shape()));
  std::int64_t M = a.shape()[ta ? 1 : 0], K = a.shape()[ta ? 0 : 1];
  std::int64_t Kb = b.shape()[tb ? 1 : 0], N = b.shape()[tb ? 0 : 1];
  if (K != Kb)
    throw InvalidArgumentError("matmul: inner dimensions differ: " + to_string(a.shape()) +
                               (ta ? "^T" : "") + " x " + to_string(b.shape()) + (tb ? "^T" : ""));
  Tensor y = make(a.dtype(), {M, N});
  switch (a.dtype()) {
  case DType::float32:
    kernels::gemm(ta, tb, M, N, K, a.data<float>(), b.data<float>(), mut<float>(y));
    break;
  case DType::float64:
    plain_matmul<double, double>(a, b, ta, tb, y);
    break;
  case DType::int32:
    plain_matmul<std::int32_t, std::uint32_t>(a, b, ta, tb, y);
    return y;
  default:
    plain_matmul<std::int64_t, std::uint64_t>(a, b, ta, tb, y);
    return y;
  }
  return record(MatMul, {a, b}, y, {a, b, ta, tb});
}

namespace {
struct ReluLayerSaved {
  Tensor x, w, y;
};
// y = relu(x @ w + b);  dz = dy * [y > 0],  dx = dz @ w^T,  dw = x^T @ dz,  db = sum_rows dz.
// When x takes no gradient and no tape records the rule, dw and db come from one pass
// (dense_relu_grad); otherwise from recorded ops, as the three ops' rules would give them.
const Op<ReluLayerSaved> ReluLayer{"ReluLayer", "relu_layer",
                                   [](const ReluLayerSaved& s, const Needed& n, const Tensor& dy) {
                                     Grads g(3);
                                     if (!n[0] && !recording()) {
                                       auto [dw, db] = dense_relu_grad(s.x, dy, s.y);
                                       if (n[1]) g[1] = dw;
                                       if (n[2]) g[2] = db;
                                       return g;
                                     }
                                     Tensor dz = relu_grad(dy, s.y);
                                     if (n[0]) g[0] = matmul(dz, s.w, false, true);
                                     if (n[1]) g[1] = matmul(s.x, dz, true, false);
                                     if (n[2]) g[2] = reduce_sum(dz, std::vector<int>{0});
                                     return g;
                                   }};

// relu(x @ w + b) recorded as three ops, z = x @ w (no transposes) and a = z + b (b [N], a [B,N])
// each used only by the next, x taking no gradient (a dense layer on data), w taking one: their
// three rules run as ReluLayer's one pass (dense_relu_grad). The tutorial writes the layer so.
std::optional<Fusion> dense_relu(const Recorded& relu, const Tensor& dy, const Chain& chain) {
  const ReluSaved* r = relu.as(Relu);
  if (!r || relu.inputs[0].shape.size() != 2) return {};
  const Recorded* add = chain.sole_producer(relu.inputs[0]);
  if (!add || !add->as(AddV2)) return {};
  const Shape& a = relu.inputs[0].shape;
  if (add->inputs[0].shape != a || add->inputs[1].shape != Shape{a[1]}) return {};
  const Recorded* mm = chain.sole_producer(add->inputs[0]);
  const MatMulSaved* m = mm ? mm->as(MatMul) : nullptr;
  if (!m || m->ta || m->tb) return {};
  if (chain.needs_gradient(mm->inputs[0]) || !chain.needs_gradient(mm->inputs[1])) return {};
  auto [dw, db] = dense_relu_grad(m->a, dy, r->y);
  return Fusion{{add, mm}, {{&mm->inputs[1], dw}, {&add->inputs[1], db}}};
}
XTAPE_FUSION(Relu, dense_relu);
} // namespace

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
  return record(ReluLayer, {x, weights, biases}, y, {x, weights, y});
}

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

namespace xtape {
using namespace detail;

namespace {
struct SolveSaved {
  Tensor a, x;
};
// X = A^-1 B;  dB = A^-T dX,  dA = -dB X^T   (TF's _MatrixSolveGrad)
const Op<SolveSaved> MatrixSolve{
    "MatrixSolve", "solve", [](const SolveSaved& s, const Needed& n, const Tensor& dx) {
      Tensor db = solve(transpose(s.a), dx);
      return Grads{when(n[0], [&] { return negative(matmul(db, s.x, false, true)); }),
                   when(n[1], [&] { return db; })};
    }};

// X = A^-1 B by LU with partial pivoting (as LAPACK's getrf/getrs), in T.
template <class T>
void lu_solve(const T* pa, const T* pb, T* px, std::int64_t n, std::int64_t k) {
  std::vector<T> lu(pa, pa + n * n);
  std::copy(pb, pb + n * k, px);
  for (std::int64_t c = 0; c < n; ++c) {
    std::int64_t p = c;
    for (std::int64_t r = c + 1; r < n; ++r)
      if (std::abs(lu[std::size_t(r * n + c)]) > std::abs(lu[std::size_t(p * n + c)])) p = r;
    if (lu[std::size_t(p * n + c)] == T(0))
      throw InvalidArgumentError("solve: Input matrix is not invertible.");
    if (p != c) {
      for (std::int64_t j = 0; j < n; ++j)
        std::swap(lu[std::size_t(c * n + j)], lu[std::size_t(p * n + j)]);
      for (std::int64_t j = 0; j < k; ++j) std::swap(px[c * k + j], px[p * k + j]);
    }
    for (std::int64_t r = c + 1; r < n; ++r) {
      T f = lu[std::size_t(r * n + c)] / lu[std::size_t(c * n + c)];
      if (f == T(0)) continue;
      for (std::int64_t j = c; j < n; ++j)
        lu[std::size_t(r * n + j)] -= f * lu[std::size_t(c * n + j)];
      for (std::int64_t j = 0; j < k; ++j) px[r * k + j] -= f * px[c * k + j];
    }
  }
  for (std::int64_t c = n - 1; c >= 0; --c) // back substitution
    for (std::int64_t j = 0; j < k; ++j) {
      T s = px[c * k + j];
      for (std::int64_t q = c + 1; q < n; ++q) s -= lu[std::size_t(c * n + q)] * px[q * k + j];
      px[c * k + j] = s / lu[std::size_t(c * n + c)];
    }
}
} // namespace

Tensor solve(const Tensor& matrix, const Tensor& rhs) {
  check_floating("solve", "matrix", matrix);
  if (matrix.dtype() == DType::float16 || matrix.dtype() != rhs.dtype())
    throw InvalidArgumentError(
        "solve: matrix and rhs must be float32 or float64 of one dtype, got " +
        dtype_name(matrix.dtype()) + " and " + dtype_name(rhs.dtype()));
  if (matrix.rank() != 2 || matrix.shape()[0] != matrix.shape()[1] || rhs.rank() != 2 ||
      rhs.shape()[0] != matrix.shape()[0])
    throw InvalidArgumentError("solve: expected a square matrix [N,N] and rhs [N,K], got " +
                               to_string(matrix.shape()) + " and " + to_string(rhs.shape()));
  Tensor x = make(rhs.dtype(), rhs.shape());
  float_visit(rhs.dtype(), [&](auto t) {
    using T = decltype(t);
    lu_solve<T>(matrix.data<T>(), rhs.data<T>(), mut<T>(x), matrix.shape()[0], rhs.shape()[1]);
  });
  return record(MatrixSolve, {matrix, rhs}, x, {matrix, x});
}

} // namespace xtape
