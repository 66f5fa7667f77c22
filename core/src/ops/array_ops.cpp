// Shape and type ops: reshape, transpose, broadcast_to, cast, one_hot, stop_gradient.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <xtensor/xbroadcast.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xnoalias.hpp>

#include "detail/broadcast.hpp"
#include "detail/record.hpp"
#include "detail/xt.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
// Calls f(T{}) with T the C++ type of dtype.
template <class F>
decltype(auto) dispatch(DType dtype, F&& f) {
  switch (dtype) {
  case DType::int32:
    return f(std::int32_t{});
  case DType::uint8:
    return f(std::uint8_t{});
  case DType::bool_:
    return f(bool{});
  default:
    return f(float{});
  }
}

template <class U, class T>
U convert(T v) {
  if constexpr (std::is_same_v<U, bool>) {
    return v != T(0);
  } else if constexpr (std::is_floating_point_v<T> && !std::is_floating_point_v<U>) {
    // float -> integer truncates toward zero; NaN gives 0 and out-of-range saturates, so no input
    // can hit undefined behaviour (which traps in WASM).
    if (std::isnan(v)) return U(0);
    double d = std::trunc(double(v));
    d = std::min<double>(std::max<double>(d, std::numeric_limits<U>::lowest()),
                         std::numeric_limits<U>::max());
    return static_cast<U>(d);
  } else {
    return static_cast<U>(v);
  }
}
struct ShapeSaved {
  Shape shape;
};
struct PermSaved {
  std::vector<int> perm;
};
struct GatherSaved {
  Tensor indices;
  std::int64_t rows;
};
struct SegmentSaved {
  Tensor ids;
};
// y = x viewed with another shape (same buffer);  dx = reshape(dy, x.shape)
const Op<ShapeSaved> Reshape{"Reshape", "reshape",
                             [](const ShapeSaved& s, const Needed&, const Tensor& dy) {
                               return Grads{reshape(dy, s.shape)};
                             }};
// y[perm] = x;  dx = transpose(dy, inverse(perm))   (saved: the inverse)
const Op<PermSaved> Transpose{"Transpose", "transpose",
                              [](const PermSaved& s, const Needed&, const Tensor& dy) {
                                return Grads{transpose(dy, s.perm)};
                              }};
// y = x repeated to `shape` (NumPy rules);  dx = dy, reduced back to x's shape by the tape
const Op<Nothing> BroadcastTo{
    "BroadcastTo", "broadcast_to",
    [](const Nothing&, const Needed&, const Tensor& dy) { return Grads{dy}; }};
// y[b] = params[indices[b]]  [N, ...] -> [B, ...];  dparams = unsorted_segment_sum(dy, indices, N)
const Op<GatherSaved> GatherV2{
    "GatherV2", "gather", [](const GatherSaved& s, const Needed&, const Tensor& dy) {
      return Grads{unsorted_segment_sum(dy, s.indices, s.rows), std::nullopt};
    }};
// y[s] = sum_{b: ids[b] = s} data[b];  ddata = gather(dy, ids), 0 for the dropped rows
const Op<SegmentSaved> UnsortedSegmentSum{
    "UnsortedSegmentSum", "unsorted_segment_sum",
    [](const SegmentSaved& s, const Needed&, const Tensor& dy) {
      const Tensor& ids = s.ids;
      auto v = ids.to_vector<std::int32_t>();
      if (std::all_of(v.begin(), v.end(), [](std::int32_t i) { return i >= 0; }))
        return Grads{gather(dy, ids), std::nullopt};
      // TF's _GatherDropNegatives: gather with the dropped ids at 0, then zero their rows.
      std::vector<float> keep(v.size());
      for (std::size_t i = 0; i < v.size(); ++i)
        keep[i] = v[i] >= 0 ? 1.f : 0.f, v[i] = std::max(v[i], 0);
      Shape mask_shape(dy.rank(), 1);
      mask_shape[0] = std::int64_t(v.size());
      Tensor rows = gather(dy, constant(v, {std::int64_t(v.size())}));
      return Grads{multiply(rows, constant(keep, mask_shape)), std::nullopt};
    }};
// Not recorded: integer or boolean outputs, or no gradient by definition (TF: NotDifferentiable).
const NotDifferentiable Cast{"Cast", "cast"};
const NotDifferentiable OneHot{"OneHot", "one_hot"};
const NotDifferentiable StopGradient{"StopGradient", "stop_gradient"};
const NotDifferentiable ConvertImageDtype{"ConvertImageDtype", "convert_image_dtype"};
} // namespace

Tensor reshape(const Tensor& x, const Shape& shape_in) {
  Shape shape = shape_in;
  std::int64_t known = 1;
  int infer = -1;
  bool overflow = false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1 && infer < 0)
      infer = static_cast<int>(i);
    else if (shape[i] < 0)
      throw InvalidArgumentError("reshape: invalid target shape " + to_string(shape_in));
    else
      overflow = overflow || __builtin_mul_overflow(known, shape[i], &known);
  }
  if (!overflow && infer >= 0 && known > 0 && x.size() % known == 0)
    shape[infer] = x.size() / known;
  if (overflow || (infer >= 0 && shape[infer] < 0) || num_elements(shape) != x.size())
    throw InvalidArgumentError("reshape: cannot reshape " + to_string(x.shape()) + " (" +
                               std::to_string(x.size()) + " elements) into " + to_string(shape_in));
  Tensor y = TensorAccess::share(x, shape);
  return record(Reshape, {x}, y, {x.shape()});
}

Tensor transpose(const Tensor& x, const std::vector<int>& perm_in) {
  int rank = static_cast<int>(x.rank());
  std::vector<int> perm = perm_in;
  if (perm.empty()) {
    perm.resize(rank);
    std::iota(perm.rbegin(), perm.rend(), 0);
  }
  std::vector<int> inverse(rank, -1);
  bool ok = static_cast<int>(perm.size()) == rank;
  for (std::size_t i = 0; ok && i < perm.size(); ++i) {
    ok = perm[i] >= 0 && perm[i] < rank && inverse[perm[i]] < 0;
    if (ok) inverse[perm[i]] = static_cast<int>(i);
  }
  if (!ok) {
    std::string p;
    for (int v : perm) p += (p.empty() ? "" : ",") + std::to_string(v);
    throw InvalidArgumentError("transpose: [" + p + "] is not a permutation of the axes of " +
                               to_string(x.shape()));
  }
  Shape shape(rank);
  for (int i = 0; i < rank; ++i) shape[i] = x.shape()[perm[i]];
  Tensor y = make(x.dtype(), shape);
  std::vector<std::size_t> xperm(perm.begin(), perm.end());
  dispatch(x.dtype(), [&](auto t) {
    using T = decltype(t);
    auto out = nd_mut<T>(y);
    xt::noalias(out) = xt::transpose(nd<T>(x), xperm);
  });
  return record(Transpose, {x}, y, {inverse});
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
  if (broadcast_shape("broadcast_to", x.shape(), shape) != shape)
    throw InvalidArgumentError("broadcast_to: cannot broadcast " + to_string(x.shape()) + " to " +
                               to_string(shape));
  if (x.shape() == shape) return x;
  Tensor y = make(x.dtype(), shape);
  dispatch(x.dtype(), [&](auto t) {
    using T = decltype(t);
    if (y.size() == 0) return;
    if (x.size() == 1) {
      std::fill_n(mut<T>(y), y.size(), x.data<T>()[0]);
    } else if (is_suffix(x.shape(), shape)) {
      for (std::int64_t r = 0; r < y.size() / x.size(); ++r)
        std::copy_n(x.data<T>(), x.size(), mut<T>(y) + r * x.size());
    } else {
      auto out = nd_mut<T>(y);
      xt::noalias(out) = xt::broadcast(nd<T>(x), xshape(shape));
    }
  });
  return record(BroadcastTo, {x}, y);
}

// Casting float32 to float32 returns x itself (so gradients pass); every other cast has no
// gradient, as in TF for non-float types. float -> int truncates toward zero.
Tensor cast(const Tensor& x, DType dtype) {
  if (x.dtype() == dtype) return x;
  Tensor y = make(dtype, x.shape());
  dispatch(x.dtype(), [&](auto t) {
    using T = decltype(t);
    dispatch(dtype, [&](auto u) {
      using U = decltype(u);
      const T* px = x.data<T>();
      U* py = mut<U>(y);
      for (std::int64_t i = 0; i < x.size(); ++i) py[i] = convert<U>(px[i]);
    });
  });
  return y;
}

// No gradient (integer input). y = float(x) / 255, the same division as cast(x) / 255.f.
Tensor convert_image_dtype(const Tensor& images, DType dtype) {
  check_dtype("convert_image_dtype", "images", images, DType::uint8);
  if (dtype != DType::float32)
    throw InvalidArgumentError("convert_image_dtype: only float32 output is supported, got " +
                               dtype_name(dtype));
  Tensor y = make(DType::float32, images.shape());
  const std::uint8_t* px = images.data<std::uint8_t>();
  float* py = mut<float>(y);
  parallel_for(std::size_t(images.size()), elementwise_grain, 64,
               [&](std::size_t i, std::size_t j) {
                 for (; i < j; ++i) py[i] = float(px[i]) / 255.f;
               });
  return y;
}

// No gradient (integer input). indices [...] -> [..., depth]; an index outside [0, depth) gives a
// row of off_value, as in TF.
Tensor one_hot(const Tensor& indices, int depth, float on_value, float off_value) {
  if (indices.dtype() != DType::int32 && indices.dtype() != DType::uint8)
    throw InvalidArgumentError("one_hot: indices must be int32 or uint8, got " +
                               dtype_name(indices.dtype()) + " " + to_string(indices.shape()));
  if (depth < 0)
    throw InvalidArgumentError("one_hot: depth must be >= 0, got " + std::to_string(depth));
  Shape shape = indices.shape();
  shape.push_back(depth);
  Tensor y = fill(shape, off_value);
  float* py = mut<float>(y);
  for (std::int64_t i = 0; i < indices.size(); ++i) {
    std::int64_t k = indices.dtype() == DType::int32 ? indices.data<std::int32_t>()[i]
                                                     : indices.data<std::uint8_t>()[i];
    if (k >= 0 && k < depth) py[i * depth + k] = on_value;
  }
  return y;
}

namespace {
// Checks int32 row indices against [0, n) (or [-inf, n) when negatives are dropped) and returns
// them.
const std::int32_t* row_indices(const char* op, const char* what, const Tensor& idx, std::int64_t n,
                                bool negatives_dropped = false) {
  check_dtype(op, what, idx, DType::int32);
  if (idx.rank() != 1)
    throw InvalidArgumentError(std::string(op) + ": " + what + " must be 1-D, got " +
                               to_string(idx.shape()));
  const std::int32_t* p = idx.data<std::int32_t>();
  for (std::int64_t i = 0; i < idx.size(); ++i)
    if ((p[i] < 0 && !negatives_dropped) || p[i] >= n)
      throw InvalidArgumentError(std::string(op) + ": " + what + "[" + std::to_string(i) +
                                 "] = " + std::to_string(p[i]) + " is outside [0, " +
                                 std::to_string(n) + ")");
  return p;
}
} // namespace

// y[b] = params[indices[b]]  [N, ...] -> [B, ...]
Tensor gather(const Tensor& params, const Tensor& indices) {
  if (params.rank() == 0)
    throw InvalidArgumentError("gather: params must have rank >= 1, got a scalar");
  const std::int64_t n = params.shape()[0], row = n ? params.size() / n : 0;
  const std::int32_t* idx = row_indices("gather", "indices", indices, n);
  Shape shape = params.shape();
  shape[0] = indices.size();
  Tensor y = make(params.dtype(), shape);
  const std::size_t bytes = row * dtype_size(params.dtype());
  const auto* src = static_cast<const std::uint8_t*>(TensorAccess::impl(params).storage->ptr);
  // Rows split over the threads (from 16K elements each) as a matmul of y splits its rows, in
  // multiples of 8: each thread's rows are then in its own cache for y @ w (bench/README.md).
  std::uint8_t* dst = mut<std::uint8_t>(y);
  parallel_for(std::size_t(indices.size()),
               std::max<std::size_t>(8, (std::size_t(1) << 14) / (row + 1)), 8,
               [&](std::size_t b0, std::size_t b1) {
                 for (std::size_t b = b0; b < b1; ++b)
                   std::copy_n(src + idx[b] * bytes, bytes, dst + b * bytes);
               });
  return record(GatherV2, {params, indices}, y, {indices, n});
}

// y[s] = sum_{b: ids[b] = s} data[b]  [B, ...] -> [S, ...]; rows with a negative id are dropped
// (TF)
Tensor unsorted_segment_sum(const Tensor& data, const Tensor& ids, std::int64_t num_segments) {
  check_float("unsorted_segment_sum", "data", data);
  if (num_segments < 0)
    throw InvalidArgumentError("unsorted_segment_sum: num_segments must be >= 0, got " +
                               std::to_string(num_segments));
  if (data.rank() == 0 || ids.rank() != 1 || ids.shape()[0] != data.shape()[0])
    throw InvalidArgumentError("unsorted_segment_sum: segment_ids " + to_string(ids.shape()) +
                               " must have one id per row of data " + to_string(data.shape()));
  const std::int32_t* seg =
      row_indices("unsorted_segment_sum", "segment_ids", ids, num_segments, true);
  Shape shape = data.shape();
  shape[0] = num_segments;
  Tensor y = zeros(shape);
  const std::int64_t row = data.shape()[0] ? data.size() / data.shape()[0] : 0;
  const float* src = data.data<float>();
  float* out = mut<float>(y);
  for (std::int64_t b = 0; b < ids.size(); ++b)
    if (seg[b] >= 0)
      for (std::int64_t j = 0; j < row; ++j) out[seg[b] * row + j] += src[b * row + j];
  return record(UnsortedSegmentSum, {data, ids}, y, {ids});
}

// y = x, never recorded: no gradient flows through.
Tensor stop_gradient(const Tensor& x) { return TensorAccess::share(x, x.shape()); }

} // namespace xtape
