// Shape and type ops: reshape, transpose, broadcast_to, cast, one_hot, stop_gradient.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include <xtensor/xmanipulation.hpp>
#include <xtensor/xnoalias.hpp>

#include "detail/broadcast.hpp"
#include "detail/dtypes.hpp"
#include "detail/record.hpp"
#include "detail/xt.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
struct CastSaved {
  DType from;
};
// y = x as another float dtype;  dx = dy cast back (TF: casts between floats carry gradients;
// from or to an integer the tape records nothing).
const Op<CastSaved> Cast{"Cast", "cast", [](const CastSaved& s, const Needed&, const Tensor& dy) {
                           return Grads{cast(dy, s.from)};
                         }};
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
      return Grads{multiply(rows, cast(constant(keep, mask_shape), dy.dtype())), std::nullopt};
    }};
// Not recorded: integer or boolean outputs, or no gradient by definition (TF: NotDifferentiable).
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
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    auto out = nd_mut<T>(y);
    xt::noalias(out) = xt::transpose(nd<T>(x), xperm);
  });
  return record(Transpose, {x}, y, {inverse});
}

// An odometer over the output's rows: each row of the last dim is a copy of one of x's rows, or
// one of x's values repeated (x has size 1 there); a dim x lacks or has as 1 steps x by 0.
Tensor detail::broadcast_copy(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  Tensor y = make(x.dtype(), shape);
  if (y.size() == 0) return y;
  const std::size_t r = shape.size(), pad = r - x.shape().size();
  std::vector<std::int64_t> step(r, 0); // x's stride along each dim of the output
  for (std::int64_t k = std::int64_t(r) - 1, stride = 1; k >= std::int64_t(pad); --k) {
    const std::int64_t d = x.shape()[k - pad];
    step[k] = d == 1 ? 0 : stride;
    stride *= d;
  }
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* px = x.data<T>();
    T* py = mut<T>(y);
    if (x.size() == 1) return void(std::fill_n(py, y.size(), px[0]));
    const std::int64_t n = shape[r - 1], rows = y.size() / n;
    std::vector<std::int64_t> idx(r, 0);
    std::int64_t off = 0; // x's offset of the current row
    for (std::int64_t row = 0; row < rows; ++row) {
      if (step[r - 1] == 0)
        std::fill_n(py + row * n, n, px[off]);
      else
        std::copy_n(px + off, n, py + row * n);
      for (std::size_t k = r - 1; k-- > 0;) { // the next row: carry through the leading dims
        off += step[k];
        if (++idx[k] < shape[k]) break;
        off -= step[k] * shape[k];
        idx[k] = 0;
      }
    }
  });
  return y;
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
  if (broadcast_shape("broadcast_to", x.shape(), shape) != shape)
    throw InvalidArgumentError("broadcast_to: cannot broadcast " + to_string(x.shape()) + " to " +
                               to_string(shape));
  if (x.shape() == shape) return x;
  return record(BroadcastTo, {x}, broadcast_copy(x, shape));
}

// Casting to x's own dtype returns x itself; a cast between float32 and float64 is recorded (its
// gradient casts back); other casts have no gradient, as in TF. float -> int truncates toward 0.
Tensor cast(const Tensor& x, DType dtype) {
  if (x.dtype() == dtype) return x;
  Tensor y = make(dtype, x.shape());
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    visit_dtype(dtype, [&](auto u) {
      using U = decltype(u);
      const T* px = x.data<T>();
      U* py = mut<U>(y);
      for (std::int64_t i = 0; i < x.size(); ++i) py[i] = convert<U>(px[i]);
    });
  });
  if (is_floating(x.dtype()) && is_floating(dtype)) return record(Cast, {x}, y, {x.dtype()});
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
  if (!is_integer(indices.dtype()))
    throw InvalidArgumentError("one_hot: indices must be int32, int64 or uint8, got " +
                               dtype_name(indices.dtype()) + " " + to_string(indices.shape()));
  if (depth < 0)
    throw InvalidArgumentError("one_hot: depth must be >= 0, got " + std::to_string(depth));
  Shape shape = indices.shape();
  shape.push_back(depth);
  Tensor y = fill(shape, off_value);
  float* py = mut<float>(y);
  for (std::int64_t i = 0; i < indices.size(); ++i) {
    const std::int64_t k = visit_dtype(
        indices.dtype(), [&](auto t) { return std::int64_t(indices.data<decltype(t)>()[i]); });
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
  if (indices.dtype() == DType::int64) // int64 past int32's range saturates: outside [0, n) too
    return gather(params, cast(indices, DType::int32));
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
  check_floating("unsorted_segment_sum", "data", data);
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
  Tensor y = zeros(shape, data.dtype());
  const std::int64_t row = data.shape()[0] ? data.size() / data.shape()[0] : 0;
  float_visit(data.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* src = data.data<T>();
    T* out = mut<T>(y);
    for (std::int64_t b = 0; b < ids.size(); ++b)
      if (seg[b] >= 0)
        for (std::int64_t j = 0; j < row; ++j) out[seg[b] * row + j] += src[b * row + j];
  });
  return record(UnsortedSegmentSum, {data, ids}, y, {ids});
}

// y = x, never recorded: no gradient flows through.
Tensor stop_gradient(const Tensor& x) { return TensorAccess::share(x, x.shape()); }

// --- concat, stack, slicing ---------------------------------------------------------------------
namespace {
// One axis of a strided slice: positions begin, begin + stride, ... (count of them).
struct Stride {
  std::int64_t begin, stride, count;
};
struct SliceSaved {
  Shape shape; // x's
  std::vector<Stride> axes;
};
struct ConcatSaved {
  int axis;
  std::vector<std::int64_t> sizes; // each input's extent along axis
};

// Visits the slice of x (shape) picked by the strides as runs, in row-major order of the slice:
// f(n, off, len, st) says that elements [n, n + len) of the slice are x's flat elements off,
// off + st, ... Trailing axes taken whole make one contiguous run with the axis before them (a
// slice of rows is one copy), so the cost is per run, not per element.
template <class F>
void for_each_run(const Shape& shape, const std::vector<Stride>& axes, F f) {
  const std::size_t r = shape.size();
  std::int64_t total = 1;
  for (const auto& a : axes) total *= a.count;
  if (total == 0) return;
  std::vector<std::int64_t> step(r, 1);
  for (std::size_t k = r; k-- > 1;) step[k - 1] = step[k] * shape[k];
  std::size_t inner = r; // axes [inner, r) are whole: `block` contiguous elements
  std::int64_t block = 1;
  while (inner > 0 && axes[inner - 1].begin == 0 && axes[inner - 1].stride == 1 &&
         axes[inner - 1].count == shape[inner - 1])
    block *= shape[--inner];
  if (inner == 0) return f(std::int64_t(0), std::int64_t(0), total, std::int64_t(1));
  const std::size_t ra = inner - 1; // the axis the runs go along, unless it is strided
  std::size_t outer = ra;
  std::int64_t len = axes[ra].count * block, st = 1;
  if (block == 1) {
    st = axes[ra].stride; // ra is the last axis: step 1
  } else if (axes[ra].stride != 1) {
    outer = inner;
    len = block;
  }
  const std::int64_t base = outer == ra ? axes[ra].begin * step[ra] : 0;
  std::vector<std::int64_t> idx(outer, 0);
  for (std::int64_t n = 0; n < total; n += len) {
    std::int64_t off = base;
    for (std::size_t k = 0; k < outer; ++k)
      off += (axes[k].begin + idx[k] * axes[k].stride) * step[k];
    f(n, off, len, st);
    for (std::size_t k = outer; k-- > 0;) {
      if (++idx[k] < axes[k].count) break;
      idx[k] = 0;
    }
  }
}

Shape slice_shape(const std::vector<Stride>& axes) {
  Shape s;
  for (const auto& a : axes) s.push_back(a.count);
  return s;
}

Tensor strided_slice_of(const Tensor& x, const std::vector<Stride>& axes);
// dx = zeros(x.shape) with dy scattered to the sliced positions; its gradient slices again
Tensor strided_slice_grad(const Tensor& dy, const Shape& shape, const std::vector<Stride>& axes);

// y = x[b0:e0:s0, b1:e1:s1, ...];  dx = zeros with dy at the sliced positions (StridedSliceGrad)
const Op<SliceSaved> StridedSlice{"StridedSlice", "strided_slice",
                                  [](const SliceSaved& s, const Needed&, const Tensor& dy) {
                                    return Grads{strided_slice_grad(dy, s.shape, s.axes)};
                                  }};
const Op<SliceSaved> StridedSliceGrad{"StridedSliceGrad", nullptr,
                                      [](const SliceSaved& s, const Needed&, const Tensor& ddx) {
                                        return Grads{strided_slice_of(ddx, s.axes)};
                                      }};
// y = [x0, x1, ...] joined along axis;  dx_i = dy sliced at x_i's place along axis
const Op<ConcatSaved> ConcatV2{
    "ConcatV2", "concat", [](const ConcatSaved& s, const Needed& n, const Tensor& dy) {
      Grads g(s.sizes.size());
      std::int64_t at = 0;
      for (std::size_t i = 0; i < s.sizes.size(); ++i) {
        if (n[i]) {
          std::vector<Stride> axes;
          for (std::size_t k = 0; k < dy.rank(); ++k)
            axes.push_back(int(k) == s.axis ? Stride{at, 1, s.sizes[i]}
                                            : Stride{0, 1, dy.shape()[k]});
          g[i] = strided_slice_of(dy, axes);
        }
        at += s.sizes[i];
      }
      return g;
    }};
const NotDifferentiable Range{"Range", "range"};
const NotDifferentiable LinSpace{"LinSpace", "linspace"};
const NotDifferentiable Eye{"Eye", "eye"};

Tensor strided_slice_of(const Tensor& x, const std::vector<Stride>& axes) {
  Tensor y = make(x.dtype(), slice_shape(axes));
  const std::size_t bytes = dtype_size(x.dtype());
  const auto* src = static_cast<const std::uint8_t*>(TensorAccess::impl(x).storage->ptr);
  std::uint8_t* dst = mut<std::uint8_t>(y);
  for_each_run(x.shape(), axes,
               [&](std::int64_t n, std::int64_t off, std::int64_t len, std::int64_t st) {
                 if (st == 1)
                   std::memcpy(dst + n * bytes, src + off * bytes, std::size_t(len) * bytes);
                 else
                   for (std::int64_t i = 0; i < len; ++i)
                     std::memcpy(dst + (n + i) * bytes, src + (off + i * st) * bytes, bytes);
               });
  return record(StridedSlice, {x}, y, {x.shape(), axes});
}

Tensor strided_slice_grad(const Tensor& dy, const Shape& shape, const std::vector<Stride>& axes) {
  Tensor dx = zeros(shape, dy.dtype());
  float_visit(dy.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* pd = dy.data<T>();
    T* px = mut<T>(dx);
    for_each_run(shape, axes,
                 [&](std::int64_t n, std::int64_t off, std::int64_t len, std::int64_t st) {
                   for (std::int64_t i = 0; i < len; ++i) px[off + i * st] += pd[n + i];
                 });
  });
  return record(StridedSliceGrad, {dy}, dx, {shape, axes});
}

int axis_of(const char* op, int axis, std::size_t rank) {
  int r = int(rank);
  if (axis < -r || axis >= r)
    throw InvalidArgumentError(std::string(op) + ": axis " + std::to_string(axis) +
                               " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + r : axis;
}
} // namespace

// Python's slice(begin, end, stride).indices(n) per axis: begin and end as Python clamps them,
// end -1 with a negative stride meaning "through index 0". Strides may not be 0.
Tensor strided_slice(const Tensor& x, const Shape& begin, const Shape& end, const Shape& strides) {
  const std::size_t r = x.rank();
  if (begin.size() != r || end.size() != r || strides.size() != r)
    throw InvalidArgumentError("strided_slice: begin, end and strides need one value per axis of " +
                               to_string(x.shape()));
  std::vector<Stride> axes;
  for (std::size_t k = 0; k < r; ++k) {
    const std::int64_t n = x.shape()[k], b = begin[k], e = end[k], st = strides[k];
    if (st == 0)
      throw InvalidArgumentError("strided_slice: strides[" + std::to_string(k) + "] is 0");
    const bool ok =
        st > 0 ? (b >= 0 && b <= n && e >= 0 && e <= n) : (b >= -1 && b < n && e >= -1 && e < n);
    if (!ok)
      throw InvalidArgumentError("strided_slice: axis " + std::to_string(k) + " of size " +
                                 std::to_string(n) + ": begin " + std::to_string(b) + ", end " +
                                 std::to_string(e) + " are outside it");
    std::int64_t count =
        st > 0 ? (e > b ? (e - b + st - 1) / st : 0) : (b > e ? (b - e - st - 1) / -st : 0);
    axes.push_back({b, st, count});
  }
  return strided_slice_of(x, axes);
}

Tensor concat(const std::vector<Tensor>& values, int axis_in) {
  if (values.empty()) throw InvalidArgumentError("concat: values is empty");
  const Tensor& first = values[0];
  if (first.rank() == 0)
    throw InvalidArgumentError("concat: cannot concatenate scalars (use stack)");
  const int axis = axis_of("concat", axis_in, first.rank());
  Shape shape = first.shape();
  shape[axis] = 0;
  std::vector<std::int64_t> sizes;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Tensor& v = values[i];
    if (v.dtype() != first.dtype())
      throw InvalidArgumentError("concat: values[" + std::to_string(i) + "] is " +
                                 dtype_name(v.dtype()) + ", values[0] is " +
                                 dtype_name(first.dtype()));
    bool fits = v.rank() == first.rank();
    for (std::size_t k = 0; fits && k < v.rank(); ++k)
      fits = int(k) == axis || v.shape()[k] == first.shape()[k];
    if (!fits)
      throw InvalidArgumentError("concat: values[" + std::to_string(i) + "] " +
                                 to_string(v.shape()) + " does not fit values[0] " +
                                 to_string(first.shape()) + " outside axis " +
                                 std::to_string(axis));
    sizes.push_back(v.shape()[axis]);
    shape[axis] += v.shape()[axis];
  }
  Tensor y = make(first.dtype(), shape);
  std::int64_t outer = 1, inner = 1;
  for (int k = 0; k < axis; ++k) outer *= shape[k];
  for (std::size_t k = axis + 1; k < shape.size(); ++k) inner *= shape[k];
  const std::size_t bytes = dtype_size(first.dtype());
  std::uint8_t* dst = mut<std::uint8_t>(y);
  std::int64_t at = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto* src = static_cast<const std::uint8_t*>(TensorAccess::impl(values[i]).storage->ptr);
    const std::size_t block = std::size_t(sizes[i] * inner) * bytes,
                      row = std::size_t(shape[axis] * inner) * bytes;
    for (std::int64_t o = 0; o < outer; ++o)
      std::copy_n(src + o * block, block, dst + o * row + at * inner * bytes);
    at += sizes[i];
  }
  return record(ConcatV2, values, y, {axis, sizes});
}

// y = concat of the values each with a new axis `axis`: [N x shape] -> shape with N inserted
Tensor stack(const std::vector<Tensor>& values, int axis) {
  if (values.empty()) throw InvalidArgumentError("stack: values is empty");
  const int a = axis_of("stack", axis, values[0].rank() + 1);
  std::vector<Tensor> expanded;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].shape() != values[0].shape())
      throw InvalidArgumentError("stack: values[" + std::to_string(i) + "] " +
                                 to_string(values[i].shape()) + " differs from values[0] " +
                                 to_string(values[0].shape()));
    expanded.push_back(expand_dims(values[i], a));
  }
  return concat(expanded, a);
}

// A new axis of size 1 at `axis` (negative: counted from the end of the result).
Tensor expand_dims(const Tensor& x, int axis) {
  const int a = axis_of("expand_dims", axis, x.rank() + 1);
  Shape s = x.shape();
  s.insert(s.begin() + a, 1);
  return reshape(x, s);
}

// The axes of size 1 removed: all of them (None), or those listed (each must be 1).
Tensor squeeze(const Tensor& x, const Axes& axes) {
  Shape s;
  std::vector<bool> drop(x.rank(), false);
  if (!axes.list()) {
    for (std::size_t k = 0; k < x.rank(); ++k) drop[k] = x.shape()[k] == 1;
  } else {
    for (int a : *axes.list()) {
      int k = axis_of("squeeze", a, x.rank());
      if (x.shape()[k] != 1)
        throw InvalidArgumentError("squeeze: cannot squeeze axis " + std::to_string(a) + " of " +
                                   to_string(x.shape()) + ": its size is not 1");
      drop[k] = true;
    }
  }
  for (std::size_t k = 0; k < x.rank(); ++k)
    if (!drop[k]) s.push_back(x.shape()[k]);
  return reshape(x, s);
}

// start, start + delta, ... before limit (TF: tf.range); float32, float64, int32 or int64.
Tensor range(double start, double limit, double delta, DType dtype) {
  if (delta == 0 || !std::isfinite(start) || !std::isfinite(limit) || !std::isfinite(delta))
    throw InvalidArgumentError("range: start, limit and delta must be finite and delta not 0");
  if (dtype == DType::uint8 || dtype == DType::bool_)
    throw InvalidArgumentError("range: dtype must be float32, float64, int32 or int64, got " +
                               dtype_name(dtype));
  const double count = std::max(0.0, std::ceil((limit - start) / delta));
  if (count > double(1LL << 31)) throw InvalidArgumentError("range: too many elements");
  Tensor y = make(dtype, {std::int64_t(count)});
  visit_dtype(dtype, [&](auto t) {
    using T = decltype(t);
    for (std::int64_t i = 0; i < std::int64_t(count); ++i)
      mut<T>(y)[i] = convert<T>(start + double(i) * delta);
  });
  return y;
}

// num evenly spaced values from start to stop, both included (TF: tf.linspace), float32.
Tensor linspace(float start, float stop, int num) {
  if (num < 1) throw InvalidArgumentError("linspace: num must be >= 1, got " + std::to_string(num));
  Tensor y = make(DType::float32, {num});
  const double step = num > 1 ? (double(stop) - start) / (num - 1) : 0;
  for (int i = 0; i < num; ++i)
    mut<float>(y)[i] = i == num - 1 && num > 1 ? stop : float(start + step * i);
  return y;
}

// The [num_rows, num_columns] identity (num_columns < 0: square) (TF: tf.eye).
Tensor eye(std::int64_t num_rows, std::int64_t num_columns, DType dtype) {
  if (num_rows < 0 || num_columns < -1)
    throw InvalidArgumentError(
        "eye: num_rows must be >= 0 and num_columns >= 0 (or -1: square), got " +
        std::to_string(num_rows) + ", " + std::to_string(num_columns));
  if (num_columns == -1) num_columns = num_rows;
  Tensor y = zeros({num_rows, num_columns}, dtype);
  visit_dtype(dtype, [&](auto t) {
    using T = decltype(t);
    for (std::int64_t i = 0; i < std::min(num_rows, num_columns); ++i)
      mut<T>(y)[i * num_columns + i] = T(1);
  });
  return y;
}

} // namespace xtape
