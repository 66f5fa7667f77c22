// Reductions over axes. Each reduction runs as (outer, reduced, inner) over contiguous memory;
// non-adjacent axes are first transposed to the end. Sums accumulate in double (a float32 running
// sum over 600,000 squared errors loses ~3e-4 relative, and xt::sum accumulates in float).
#include <cmath>
#include <limits>
#include <numeric>

#include "detail/axes.hpp"
#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {

struct Blocks {
  Tensor x; // possibly transposed so that the reduced axes are adjacent
  std::int64_t outer, reduced, inner;
};

Blocks to_blocks(const Tensor& x, const std::vector<int>& axes) {
  const Shape& s = x.shape();
  bool adjacent = axes.empty() || axes.back() - axes.front() + 1 == static_cast<int>(axes.size());
  if (!adjacent) { // move the reduced axes last, keeping the others in order
    std::vector<int> perm;
    for (int i = 0; i < static_cast<int>(s.size()); ++i)
      if (!std::binary_search(axes.begin(), axes.end(), i)) perm.push_back(i);
    perm.insert(perm.end(), axes.begin(), axes.end());
    std::vector<int> moved(axes.size());
    std::iota(moved.begin(), moved.end(), static_cast<int>(s.size() - axes.size()));
    return to_blocks(transpose(stop_gradient(x), perm), moved);
  }
  Blocks b{x, 1, 1, 1};
  for (int i = 0; i < static_cast<int>(s.size()); ++i) {
    if (axes.empty() || i < axes.front())
      b.outer *= s[i];
    else if (i <= axes.back())
      b.reduced *= s[i];
    else
      b.inner *= s[i];
  }
  return b;
}

// y[o, i] = scale * sum_r x[o, r, i], accumulated in double.
Tensor sum_kernel(const Tensor& x, const std::vector<int>& axes, const Shape& out_shape,
                  double scale) {
  Blocks b = to_blocks(x, axes);
  Tensor y = make(DType::float32, out_shape);
  const float* px = b.x.data<float>();
  float* py = mut<float>(y);
  std::vector<double> acc(b.inner);
  for (std::int64_t o = 0; o < b.outer; ++o) {
    std::fill(acc.begin(), acc.end(), 0.0);
    for (std::int64_t r = 0; r < b.reduced; ++r) {
      const float* row = px + (o * b.reduced + r) * b.inner;
      for (std::int64_t i = 0; i < b.inner; ++i) acc[i] += row[i];
    }
    for (std::int64_t i = 0; i < b.inner; ++i) py[o * b.inner + i] = float(acc[i] * scale);
  }
  return y;
}

// What a reduction's gradient reads: x's shape and the reduced axes (sorted, non-negative).
struct ReduceSaved {
  Shape shape;
  std::vector<int> axes;
};
struct MaxSaved {
  Shape shape;
  std::vector<int> axes;
  Tensor x, y;
};
// y = sum_axes x;  dx = broadcast(dy) to x's shape
const Op<ReduceSaved> Sum{
    "Sum", "reduce_sum", [](const ReduceSaved& s, const Needed&, const Tensor& dy) {
      return Grads{broadcast_to(reshape(dy, reduced_shape(s.shape, s.axes, true)), s.shape)};
    }};
// y = sum_axes x / N;  dx = broadcast(dy) / N   (N = number of reduced elements)
const Op<ReduceSaved> Mean{
    "Mean", "reduce_mean", [](const ReduceSaved& s, const Needed&, const Tensor& dy) {
      double n = 1;
      for (int a : s.axes) n *= double(s.shape[a]);
      return Grads{divide(broadcast_to(reshape(dy, reduced_shape(s.shape, s.axes, true)), s.shape),
                          constant(float(n)))};
    }};
// y = max_axes x;  dx = dy * (x == y) / (number of maxima), as TF splits ties evenly
const Op<MaxSaved> Max{"Max", "reduce_max", [](const MaxSaved& s, const Needed&, const Tensor& dy) {
                         Shape kd = reduced_shape(s.shape, s.axes, true);
                         Tensor hit = cast(equal(s.x, reshape(s.y, kd)), DType::float32);
                         Tensor count = reduce_sum(hit, s.axes, true);
                         return Grads{multiply(divide(hit, count), reshape(dy, kd))};
                       }};
// No gradient: integer output.
const NotDifferentiable ArgMax{"ArgMax", "argmax"};
} // namespace

Tensor reduce_sum(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_float("reduce_sum", "x", x);
  auto axes = normalize_axes("reduce_sum", axes_in.list(), x.shape());
  Tensor y = sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), 1.0);
  return record(Sum, {x}, y, {x.shape(), axes});
}

Tensor reduce_mean(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_float("reduce_mean", "x", x);
  auto axes = normalize_axes("reduce_mean", axes_in.list(), x.shape());
  double n = 1;
  for (int a : axes) n *= double(x.shape()[a]);
  Tensor y = sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), 1.0 / n);
  return record(Mean, {x}, y, {x.shape(), axes});
}

Tensor reduce_max(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_float("reduce_max", "x", x);
  auto axes = normalize_axes("reduce_max", axes_in.list(), x.shape());
  Blocks b = to_blocks(x, axes);
  Tensor y = make(DType::float32, reduced_shape(x.shape(), axes, keepdims));
  const float* px = b.x.data<float>();
  float* py = mut<float>(y);
  for (std::int64_t o = 0; o < b.outer; ++o) {
    float* out = py + o * b.inner;
    std::fill_n(out, b.inner, -std::numeric_limits<float>::infinity());
    for (std::int64_t r = 0; r < b.reduced; ++r) {
      const float* row = px + (o * b.reduced + r) * b.inner;
      for (std::int64_t i = 0; i < b.inner; ++i)
        out[i] = (row[i] > out[i] || std::isnan(row[i])) && !std::isnan(out[i]) ? row[i] : out[i];
    }
  }
  return record(Max, {x}, y, {x.shape(), axes, x, y});
}

Tensor argmax(const Tensor& x, int axis) {
  check_float("argmax", "x", x);
  if (x.rank() == 0) throw InvalidArgumentError("argmax: expected rank >= 1, got a scalar");
  auto axes = normalize_axes("argmax", std::vector<int>{axis}, x.shape());
  if (x.shape()[axes[0]] == 0)
    throw InvalidArgumentError("argmax: axis " + std::to_string(axis) + " of shape " +
                               to_string(x.shape()) + " is empty");
  Blocks b = to_blocks(x, axes);
  Tensor y = make(DType::int32, reduced_shape(x.shape(), axes, false));
  const float* px = b.x.data<float>();
  std::int32_t* py = mut<std::int32_t>(y);
  for (std::int64_t o = 0; o < b.outer; ++o)
    for (std::int64_t i = 0; i < b.inner; ++i) {
      std::int64_t best = 0;
      for (std::int64_t r = 1; r < b.reduced; ++r)
        if (px[(o * b.reduced + r) * b.inner + i] > px[(o * b.reduced + best) * b.inner + i])
          best = r;
      py[o * b.inner + i] = static_cast<std::int32_t>(best);
    }
  return y;
}

} // namespace xtape
