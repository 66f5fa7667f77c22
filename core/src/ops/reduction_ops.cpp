// Reductions over axes. Each reduction runs as (outer, reduced, inner) over contiguous memory;
// non-adjacent axes are first transposed to the end. Sums accumulate in double (a float32 running
// sum over 600,000 squared errors loses ~3e-4 relative, and xt::sum accumulates in float).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "detail/axes.hpp"
#include "detail/dtypes.hpp"
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

// y[o, i] = scale * sum_r x[o, r, i] for float or double, accumulated in double.
template <class T>
void sum_blocks(const Blocks& b, T* py, double scale) {
  const T* px = b.x.data<T>();
  std::vector<double> acc(b.inner);
  for (std::int64_t o = 0; o < b.outer; ++o) {
    std::fill(acc.begin(), acc.end(), 0.0);
    for (std::int64_t r = 0; r < b.reduced; ++r) {
      const T* row = px + (o * b.reduced + r) * b.inner;
      for (std::int64_t i = 0; i < b.inner; ++i) acc[i] += row[i];
    }
    for (std::int64_t i = 0; i < b.inner; ++i) py[o * b.inner + i] = T(acc[i] * scale);
  }
}
Tensor sum_kernel(const Tensor& x, const std::vector<int>& axes, const Shape& out_shape,
                  double scale) {
  Blocks b = to_blocks(x, axes);
  Tensor y = make(x.dtype(), out_shape);
  float_visit(x.dtype(), [&](auto t) { sum_blocks(b, mut<decltype(t)>(y), scale); });
  return y;
}

// NumPy's summation order (np.add.reduce of a C-contiguous array), in T's own precision. The
// reduced axes at the end form a run of `run` contiguous elements per output: it is summed in
// chunks of 8192 (NumPy's buffer), each chunk pairwise, the chunks added in turn. Reduced axes
// before the kept ones are then added in C order. Axes of length 1 are dropped first.
template <class T>
T pairwise(const T* a, std::int64_t n) { // NumPy's pairwise_sum: 8 accumulators, halves past 128
  if (n < 8) {
    T s = 0;
    for (std::int64_t i = 0; i < n; ++i) s += a[i];
    return s;
  }
  if (n <= 128) {
    T r[8];
    std::copy(a, a + 8, r);
    std::int64_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    T s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) s += a[i];
    return s;
  }
  std::int64_t half = n / 2;
  half -= half % 8;
  return pairwise(a, half) + pairwise(a + half, n - half);
}
template <class T>
void numpy_sum_blocks(const T* px, const Shape& shape, const std::vector<int>& axes, T* py,
                      std::int64_t out_size) {
  const int rank = static_cast<int>(shape.size());
  int lead = rank; // axes [lead, rank) are reduced and trailing
  while (lead > 0 && std::binary_search(axes.begin(), axes.end(), lead - 1)) --lead;
  std::int64_t run = 1, rest = 1;
  for (int i = lead; i < rank; ++i) run *= shape[i];
  for (int i = 0; i < lead; ++i) rest *= shape[i];
  std::vector<T> part; // one partial sum per element of shape[:lead]
  const T* src = px;
  if (lead < rank) {
    part.resize(rest);
    for (std::int64_t o = 0; o < rest; ++o) {
      T acc = 0;
      for (std::int64_t c = 0; c < run; c += 8192)
        acc += pairwise(px + o * run + c, std::min<std::int64_t>(8192, run - c));
      part[o] = acc;
    }
    src = part.data();
  }
  // y[kept index] += src[index] over shape[:lead] in C order (0 + the first, as NumPy)
  std::fill_n(py, out_size, T(0));
  std::vector<std::int64_t> step(lead), index(lead, 0); // y's stride of each axis (0: reduced)
  for (std::int64_t i = lead - 1, stride = 1; i >= 0; --i)
    if (!std::binary_search(axes.begin(), axes.end(), int(i))) {
      step[i] = stride;
      stride *= shape[i];
    }
  std::int64_t at = 0;
  for (std::int64_t e = 0; e < rest; ++e) {
    py[at] += src[e];
    for (int i = lead - 1; i >= 0; --i) { // the next index in C order, and y's offset
      at += step[i];
      if (++index[i] < shape[i]) break;
      at -= step[i] * shape[i];
      index[i] = 0;
    }
  }
}

// y[o, i] = sum_r x[o, r, i] for int32 or int64, wrapping as TF does (accumulated in uint64);
// divided by `count` (truncating, as TF's integer mean) when count > 1.
template <class T>
void int_sum_blocks(const Blocks& b, T* py, std::int64_t count) {
  const T* px = b.x.data<T>();
  std::vector<std::uint64_t> acc(b.inner);
  for (std::int64_t o = 0; o < b.outer; ++o) {
    std::fill(acc.begin(), acc.end(), 0);
    for (std::int64_t r = 0; r < b.reduced; ++r)
      for (std::int64_t i = 0; i < b.inner; ++i)
        acc[i] += std::uint64_t(std::int64_t(px[(o * b.reduced + r) * b.inner + i]));
    for (std::int64_t i = 0; i < b.inner; ++i) {
      const auto total = std::int64_t(acc[i]); // int32 sums: exact unless past 2^63
      using U = std::make_unsigned_t<T>;
      py[o * b.inner + i] = T(U(count > 1 ? total / count : total));
    }
  }
}
Tensor int_sum_kernel(const Tensor& x, const std::vector<int>& axes, const Shape& out_shape,
                      std::int64_t count) {
  Blocks b = to_blocks(x, axes);
  Tensor y = make(x.dtype(), out_shape);
  if (x.dtype() == DType::int64)
    int_sum_blocks(b, mut<std::int64_t>(y), count);
  else
    int_sum_blocks(b, mut<std::int32_t>(y), count);
  return y;
}

// y[o, i] = the largest (Max) or smallest (!Max) x[o, r, i]; a NaN wins, as in TF.
template <bool Max, class T>
Tensor extreme_kernel(const Tensor& x, const std::vector<int>& axes, const Shape& out_shape) {
  Blocks b = to_blocks(x, axes);
  Tensor y = make(x.dtype(), out_shape);
  const T* px = b.x.data<T>();
  T* py = mut<T>(y);
  constexpr T start = Max ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
  constexpr T inf =
      std::numeric_limits<T>::has_infinity
          ? (Max ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity())
          : start;
  for (std::int64_t o = 0; o < b.outer; ++o) {
    T* out = py + o * b.inner;
    std::fill_n(out, b.inner, inf);
    for (std::int64_t r = 0; r < b.reduced; ++r) {
      const T* row = px + (o * b.reduced + r) * b.inner;
      for (std::int64_t i = 0; i < b.inner; ++i) {
        bool better = Max ? row[i] > out[i] : row[i] < out[i];
        if constexpr (std::is_floating_point_v<T>)
          out[i] = (better || std::isnan(row[i])) && !std::isnan(out[i]) ? row[i] : out[i];
        else
          out[i] = better ? row[i] : out[i];
      }
    }
  }
  return y;
}

// y[o, i] = prod_r x[o, r, i] (float: accumulated in double; int32: wrapped, in uint32).
template <class T, class Acc>
void prod_blocks(const Blocks& b, T* py) {
  const T* px = b.x.data<T>();
  std::vector<Acc> acc(b.inner);
  for (std::int64_t o = 0; o < b.outer; ++o) {
    std::fill(acc.begin(), acc.end(), Acc(1));
    for (std::int64_t r = 0; r < b.reduced; ++r)
      for (std::int64_t i = 0; i < b.inner; ++i)
        acc[i] *= Acc(px[(o * b.reduced + r) * b.inner + i]);
    for (std::int64_t i = 0; i < b.inner; ++i) py[o * b.inner + i] = T(acc[i]);
  }
}
Tensor prod_kernel(const Tensor& x, const std::vector<int>& axes, const Shape& out_shape) {
  Blocks b = to_blocks(x, axes);
  Tensor y = make(x.dtype(), out_shape);
  switch (x.dtype()) {
  case DType::float64:
    prod_blocks<double, double>(b, mut<double>(y));
    break;
  case DType::int32:
    prod_blocks<std::int32_t, std::uint32_t>(b, mut<std::int32_t>(y));
    break;
  case DType::int64:
    prod_blocks<std::int64_t, std::uint64_t>(b, mut<std::int64_t>(y));
    break;
  default:
    prod_blocks<float, double>(b, mut<float>(y));
  }
  return y;
}

// The product of the other elements of each reduced group, exactly (prefix times suffix
// products: no division, so zeros are handled), for reduce_prod's gradient. Not recorded.
Tensor prod_of_others(const Tensor& x, const std::vector<int>& axes) {
  // Move the reduced axes last, as one axis: [outer..., reduced] -> rows of `reduced`.
  const Shape& s = x.shape();
  std::vector<int> perm;
  for (int i = 0; i < int(s.size()); ++i)
    if (!std::binary_search(axes.begin(), axes.end(), i)) perm.push_back(i);
  perm.insert(perm.end(), axes.begin(), axes.end());
  Tensor t = transpose(stop_gradient(x), perm);
  std::int64_t n = 1;
  for (int a : axes) n *= s[a];
  Tensor out = make(x.dtype(), t.shape());
  float_visit(x.dtype(), [&](auto type) {
    using T = decltype(type);
    const T* pt = t.data<T>();
    T* po = mut<T>(out);
    const std::int64_t rows = n ? t.size() / n : 0;
    for (std::int64_t r = 0; r < rows; ++r) {
      double prefix = 1;
      for (std::int64_t j = 0; j < n; ++j) po[r * n + j] = T(prefix), prefix *= pt[r * n + j];
      double suffix = 1;
      for (std::int64_t j = n - 1; j >= 0; --j)
        po[r * n + j] = T(double(po[r * n + j]) * suffix), suffix *= pt[r * n + j];
    }
  });
  std::vector<int> inverse(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i) inverse[perm[i]] = int(i);
  return transpose(out, inverse);
}

void check_number(const char* op, const Tensor& x) {
  if (!is_floating(x.dtype()) && x.dtype() != DType::int32 && x.dtype() != DType::int64)
    throw InvalidArgumentError(std::string(op) + ": not defined for " + dtype_name(x.dtype()) +
                               " (float32, float64, int32 or int64)");
}
bool is_int(const Tensor& x) { return x.dtype() == DType::int32 || x.dtype() == DType::int64; }

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
                          fill({}, n, dy.dtype()))};
    }};
// y = max_axes x (or min);  dx = dy * (x == y) / (number of extremes), as TF splits ties evenly
Grads extreme_grad(const MaxSaved& s, const Needed&, const Tensor& dy) {
  Shape kd = reduced_shape(s.shape, s.axes, true);
  Tensor hit = cast(equal(s.x, reshape(s.y, kd)), dy.dtype());
  Tensor count = reduce_sum(hit, s.axes, true);
  return Grads{multiply(divide(hit, count), reshape(dy, kd))};
}
const Op<MaxSaved> Max{"Max", "reduce_max", extreme_grad};
const Op<MaxSaved> Min{"Min", "reduce_min", extreme_grad};
// y = prod_axes x;  dx = broadcast(dy) * (product of the other elements of x's group)
const Op<MaxSaved> Prod{"Prod", "reduce_prod",
                        [](const MaxSaved& s, const Needed&, const Tensor& dy) {
                          Shape kd = reduced_shape(s.shape, s.axes, true);
                          return Grads{multiply(reshape(dy, kd), prod_of_others(s.x, s.axes))};
                        }};
// No gradient: integer output.
const NotDifferentiable ArgMax{"ArgMax", "argmax"};
const NotDifferentiable ArgMin{"ArgMin", "argmin"};
} // namespace

Tensor reduce_sum(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_number("reduce_sum", x);
  auto axes = normalize_axes("reduce_sum", axes_in.list(), x.shape());
  if (is_int(x)) return int_sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), 1);
  Tensor y = sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), 1.0);
  return record(Sum, {x}, y, {x.shape(), axes});
}

Tensor numpy_sum(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_number("numpy_sum", x);
  auto axes = normalize_axes("numpy_sum", axes_in.list(), x.shape());
  Shape out = reduced_shape(x.shape(), axes, keepdims);
  if (is_int(x)) return int_sum_kernel(x, axes, out, 1); // exact (wrapping): any order
  Shape shape; // NumPy's iterator drops axes of length 1: (18, 1) summed over 0 is pairwise
  std::vector<int> summed;
  for (int i = 0; i < static_cast<int>(x.rank()); ++i) {
    if (x.shape()[i] == 1) continue;
    if (std::binary_search(axes.begin(), axes.end(), i))
      summed.push_back(static_cast<int>(shape.size()));
    shape.push_back(x.shape()[i]);
  }
  Tensor y = make(x.dtype(), out);
  float_visit(x.dtype(), [&](auto t) {
    using T = decltype(t);
    numpy_sum_blocks(x.data<T>(), shape, summed, mut<T>(y), y.size());
  });
  return record(Sum, {x}, y, {x.shape(), axes});
}

Tensor reduce_mean(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_number("reduce_mean", x);
  auto axes = normalize_axes("reduce_mean", axes_in.list(), x.shape());
  double n = 1;
  for (int a : axes) n *= double(x.shape()[a]);
  if (is_int(x)) // TF: the integer mean truncates
    return int_sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), std::int64_t(n));
  Tensor y = sum_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims), 1.0 / n);
  return record(Mean, {x}, y, {x.shape(), axes});
}

namespace {
template <bool Largest>
Tensor reduce_extreme(const char* name, const Op<MaxSaved>& type, const Tensor& x,
                      const Axes& axes_in, bool keepdims) {
  check_number(name, x);
  auto axes = normalize_axes(name, axes_in.list(), x.shape());
  Shape out = reduced_shape(x.shape(), axes, keepdims);
  Tensor y = visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::uint8_t> ||
                  std::is_same_v<T, float16>)
      return Tensor(x); // refused by check_number
    else
      return extreme_kernel<Largest, T>(x, axes, out);
  });
  return record(type, {x}, y, {x.shape(), axes, x, y});
}
} // namespace

Tensor reduce_max(const Tensor& x, const Axes& axes, bool keepdims) {
  return reduce_extreme<true>("reduce_max", Max, x, axes, keepdims);
}
Tensor reduce_min(const Tensor& x, const Axes& axes, bool keepdims) {
  return reduce_extreme<false>("reduce_min", Min, x, axes, keepdims);
}

Tensor reduce_prod(const Tensor& x, const Axes& axes_in, bool keepdims) {
  check_number("reduce_prod", x);
  auto axes = normalize_axes("reduce_prod", axes_in.list(), x.shape());
  Tensor y = prod_kernel(x, axes, reduced_shape(x.shape(), axes, keepdims));
  return record(Prod, {x}, y, {x.shape(), axes, x, y});
}

namespace {
// The index of the largest (Max) or smallest value along axis, the first on ties.
template <bool Max, class T, class I>
void arg_extreme(const Blocks& b, I* py) {
  const T* px = b.x.data<T>();
  for (std::int64_t o = 0; o < b.outer; ++o)
    for (std::int64_t i = 0; i < b.inner; ++i) {
      std::int64_t best = 0;
      for (std::int64_t r = 1; r < b.reduced; ++r) {
        T v = px[(o * b.reduced + r) * b.inner + i], w = px[(o * b.reduced + best) * b.inner + i];
        if (Max ? v > w : v < w) best = r;
      }
      py[o * b.inner + i] = static_cast<I>(best);
    }
}

template <bool Max>
Tensor arg_reduce(const char* op, const Tensor& x, int axis, DType output_type) {
  check_number(op, x);
  if (output_type != DType::int32 && output_type != DType::int64)
    throw InvalidArgumentError(std::string(op) + ": output_type must be int32 or int64, got " +
                               dtype_name(output_type));
  if (x.rank() == 0)
    throw InvalidArgumentError(std::string(op) + ": expected rank >= 1, got a scalar");
  auto axes = normalize_axes(op, std::vector<int>{axis}, x.shape());
  if (x.shape()[axes[0]] == 0)
    throw InvalidArgumentError(std::string(op) + ": axis " + std::to_string(axis) + " of shape " +
                               to_string(x.shape()) + " is empty");
  Blocks b = to_blocks(x, axes);
  Tensor y = make(output_type, reduced_shape(x.shape(), axes, false));
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    if constexpr (!std::is_same_v<T, bool> && !std::is_same_v<T, std::uint8_t> &&
                  !std::is_same_v<T, float16>) { // the others are refused by check_number
      if (output_type == DType::int64)
        arg_extreme<Max, T>(b, mut<std::int64_t>(y));
      else
        arg_extreme<Max, T>(b, mut<std::int32_t>(y));
    }
  });
  return y;
}
} // namespace

Tensor argmax(const Tensor& x, int axis, DType output_type) {
  return arg_reduce<true>("argmax", x, axis, output_type);
}
Tensor argmin(const Tensor& x, int axis, DType output_type) {
  return arg_reduce<false>("argmin", x, axis, output_type);
}

} // namespace xtape
