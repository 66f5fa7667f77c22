// Selection and ordering along an axis: where (TF's SelectV2), boolean_mask, cumsum, argsort.
// Plain loops over the outer x axis x inner decomposition of the shape.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "detail/broadcast.hpp"
#include "detail/dtypes.hpp"
#include "detail/record.hpp"
#include "ops/cwise.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
// An axis in [-rank, rank) as [0, rank), else TF's error naming the op.
int axis_in(const char* op, int axis, const Shape& s) {
  int rank = int(s.size());
  if (axis < -rank || axis >= rank)
    throw InvalidArgumentError(std::string(op) + ": axis " + std::to_string(axis) +
                               " is out of range for shape " + to_string(s));
  return axis < 0 ? axis + rank : axis;
}
// outer x n x inner: the sizes before, at and after `axis`.
struct Split {
  std::int64_t outer = 1, n, inner = 1;
};
Split split_at(const Shape& s, int axis) {
  Split p{1, s[std::size_t(axis)], 1};
  for (int i = 0; i < axis; ++i) p.outer *= s[std::size_t(i)];
  for (std::size_t i = std::size_t(axis) + 1; i < s.size(); ++i) p.inner *= s[i];
  return p;
}

// The running sums of px along the middle axis of p into py (integers wrap, as TF).
template <class T>
void run_cumsum(const T* px, T* py, const Split& p, bool exclusive, bool reverse) {
  for (std::int64_t o = 0; o < p.outer; ++o)
    for (std::int64_t i = 0; i < p.inner; ++i) {
      T acc = T(0);
      for (std::int64_t k = 0; k < p.n; ++k) {
        std::int64_t at = (o * p.n + (reverse ? p.n - 1 - k : k)) * p.inner + i;
        T v = px[at];
        if (exclusive) py[at] = acc;
        if constexpr (std::is_integral_v<T>)
          acc = wrapping_add(acc, v);
        else
          acc = acc + v;
        if (!exclusive) py[at] = acc;
      }
    }
}

struct WhereSaved {
  Tensor condition;
};
// z = condition ? x : y (broadcast);  dx = where(c, dz, 0),  dy = where(c, 0, dz)   (TF's SelectV2)
const Op<WhereSaved> SelectV2{
    "SelectV2", "where", [](const WhereSaved& s, const Needed& n, const Tensor& dz) {
      Tensor zero = zeros_like(dz);
      return Grads{std::nullopt, when(n[1], [&] { return where(s.condition, dz, zero); }),
                   when(n[2], [&] { return where(s.condition, zero, dz); })};
    }};

struct CumsumSaved {
  int axis;
  bool exclusive, reverse;
};
// y = cumsum(x);  dx = cumsum(dy) in the other direction, as exclusive   (TF's _CumsumGrad)
const Op<CumsumSaved> Cumsum{"Cumsum", "cumsum",
                             [](const CumsumSaved& s, const Needed&, const Tensor& dy) {
                               return Grads{cumsum(dy, s.axis, s.exclusive, !s.reverse)};
                             }};
const NotDifferentiable Argsort{"Argsort", "argsort"};

// The rows of tensor [R, rest...] (its first k axes flattened) that indices [..., k] name, as
// int32 row numbers, each checked against the shape (TF's error names the index).
Tensor scatter_rows(const Tensor& tensor, const Tensor& indices) {
  const char* op = "tensor_scatter_nd_update";
  if (indices.dtype() != DType::int32 && indices.dtype() != DType::int64)
    throw InvalidArgumentError(std::string(op) + ": indices must be int32 or int64, got " +
                               dtype_name(indices.dtype()));
  const Shape &is = indices.shape(), &ts = tensor.shape();
  if (is.empty() || is.back() < 1 || is.back() > std::int64_t(ts.size()))
    throw InvalidArgumentError(std::string(op) + ": indices of shape " + to_string(is) +
                               " cannot index a tensor of shape " + to_string(ts));
  std::size_t k = std::size_t(is.back());
  std::int64_t count = indices.size() / std::int64_t(k);
  Tensor rows = make(DType::int32, {count});
  Tensor idx = cast(indices, DType::int64);
  const std::int64_t* p = idx.data<std::int64_t>();
  for (std::int64_t r = 0; r < count; ++r) {
    std::int64_t at = 0;
    for (std::size_t j = 0; j < k; ++j) {
      std::int64_t v = p[r * std::int64_t(k) + std::int64_t(j)];
      if (v < 0 || v >= ts[j]) {
        std::string where;
        for (std::size_t q = 0; q < k; ++q)
          where += (q ? ", " : "") + std::to_string(p[r * std::int64_t(k) + std::int64_t(q)]);
        throw InvalidArgumentError(std::string(op) + ": indices[" + std::to_string(r) + "] = [" +
                                   where + "] does not index into shape " + to_string(ts));
      }
      at = at * ts[j] + v;
    }
    if (at > std::numeric_limits<std::int32_t>::max())
      throw InvalidArgumentError(std::string(op) + ": the tensor has more rows than int32 reaches");
    mut<std::int32_t>(rows)[r] = std::int32_t(at);
  }
  return rows;
}
struct ScatterSaved {
  Tensor indices, rows;
  Shape updates;
};
// z = tensor with the rows named by indices replaced by updates;
// dtensor = dz with those rows zeroed,  dupdates = those rows of dz   (TF's TensorScatterUpdate)
const Op<ScatterSaved> TensorScatterUpdate{
    "TensorScatterUpdate", "tensor_scatter_nd_update",
    [](const ScatterSaved& s, const Needed& n, const Tensor& dz) {
      return Grads{when(n[0],
                        [&] {
                          return tensor_scatter_nd_update(dz, s.indices,
                                                          zeros(s.updates, dz.dtype()));
                        }),
                   std::nullopt, when(n[2], [&] {
                     Shape flat{-1};
                     Shape rest(dz.shape().begin() + std::ptrdiff_t(s.indices.shape().back()),
                                dz.shape().end());
                     flat.insert(flat.end(), rest.begin(), rest.end());
                     return reshape(gather(reshape(dz, flat), s.rows), s.updates);
                   })};
    }};
} // namespace

Tensor where(const Tensor& condition, const Tensor& x, const Tensor& y) {
  if (condition.dtype() != DType::bool_)
    throw InvalidArgumentError("where: condition must be a bool tensor, got " +
                               dtype_name(condition.dtype()));
  check_same("where", "SelectV2", x, y);
  Shape s =
      broadcast_shape("where", broadcast_shape("where", condition.shape(), x.shape()), y.shape());
  Tensor c = broadcast_copy(condition, s), xb = broadcast_copy(x, s), yb = broadcast_copy(y, s);
  Tensor z = make(x.dtype(), s);
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    const bool* pc = c.data<bool>();
    const T *px = xb.data<T>(), *py = yb.data<T>();
    T* pz = mut<T>(z);
    for (std::int64_t i = 0; i < z.size(); ++i) pz[i] = pc[i] ? px[i] : py[i];
  });
  return record(SelectV2, {condition, x, y}, z, {condition});
}

Tensor boolean_mask(const Tensor& tensor, const Tensor& mask) {
  if (mask.dtype() != DType::bool_)
    throw InvalidArgumentError("boolean_mask: mask must be a bool tensor, got " +
                               dtype_name(mask.dtype()));
  const Shape &ts = tensor.shape(), &ms = mask.shape();
  if (ms.empty()) throw InvalidArgumentError("boolean_mask: mask must have rank >= 1 (a scalar)");
  if (ms.size() > ts.size() || !std::equal(ms.begin(), ms.end(), ts.begin()))
    throw InvalidArgumentError("boolean_mask: the mask's shape " + to_string(ms) +
                               " must match the first dimensions of the tensor's shape " +
                               to_string(ts));
  // The rows of tensor reshaped to [prod(mask dims), rest...] where the mask holds: a gather,
  // so the gradient is gather's (rows scattered back, zeros elsewhere).
  std::vector<std::int32_t> idx;
  const bool* pm = mask.data<bool>();
  for (std::int64_t i = 0; i < mask.size(); ++i)
    if (pm[i]) idx.push_back(std::int32_t(i));
  Shape rows{mask.size()};
  rows.insert(rows.end(), ts.begin() + std::ptrdiff_t(ms.size()), ts.end());
  return gather(reshape(tensor, rows), constant(idx, {std::int64_t(idx.size())}));
}

Tensor cumsum(const Tensor& x, int axis, bool exclusive, bool reverse) {
  if (x.shape().empty()) throw InvalidArgumentError("cumsum: x must have rank >= 1 (a scalar)");
  if (x.dtype() == DType::bool_ || x.dtype() == DType::float16)
    throw InvalidArgumentError("cumsum: not defined for " + dtype_name(x.dtype()));
  int a = axis_in("cumsum", axis, x.shape());
  Split p = split_at(x.shape(), a);
  Tensor y = make(x.dtype(), x.shape());
  visit_dtype(x.dtype(), [&](auto t) {
    using T = decltype(t);
    if constexpr (!std::is_same_v<T, bool> && !std::is_same_v<T, float16>) // refused above
      run_cumsum(x.data<T>(), mut<T>(y), p, exclusive, reverse);
  });
  return record(Cumsum, {x}, y, {a, exclusive, reverse});
}

Tensor tensor_scatter_nd_update(const Tensor& tensor, const Tensor& indices,
                                const Tensor& updates) {
  check_same("tensor_scatter_nd_update", "TensorScatterUpdate", tensor, updates);
  Tensor rows = scatter_rows(tensor, indices);
  const Shape &ts = tensor.shape(), &is = indices.shape();
  Shape want(is.begin(), is.end() - 1);
  want.insert(want.end(), ts.begin() + std::ptrdiff_t(is.back()), ts.end());
  if (updates.shape() != want)
    throw InvalidArgumentError("tensor_scatter_nd_update: updates must have shape " +
                               to_string(want) + " for indices " + to_string(is) +
                               " into a tensor of shape " + to_string(ts) + ", got " +
                               to_string(updates.shape()));
  std::int64_t width = 1;
  for (std::size_t j = std::size_t(is.back()); j < ts.size(); ++j) width *= ts[j];
  Tensor z = make(tensor.dtype(), ts);
  visit_dtype(tensor.dtype(), [&](auto t) {
    using T = decltype(t);
    const T *pt = tensor.data<T>(), *pu = updates.data<T>();
    T* pz = mut<T>(z);
    std::copy(pt, pt + tensor.size(), pz);
    const std::int32_t* pr = rows.data<std::int32_t>();
    for (std::int64_t r = 0; r < rows.size(); ++r) // in order: the last update of a row wins
      std::copy(pu + r * width, pu + (r + 1) * width, pz + std::int64_t(pr[r]) * width);
  });
  return record(TensorScatterUpdate, {tensor, indices, updates}, z, {indices, rows, want});
}

Tensor argsort(const Tensor& values, int axis, bool descending) {
  if (values.shape().empty())
    throw InvalidArgumentError("argsort: values must have rank >= 1 (a scalar)");
  if (values.dtype() == DType::bool_) throw InvalidArgumentError("argsort: not defined for bool");
  int a = axis_in("argsort", axis, values.shape());
  Split p = split_at(values.shape(), a);
  if (p.n > std::numeric_limits<std::int32_t>::max())
    throw InvalidArgumentError("argsort: the axis is longer than int32 indices reach");
  Tensor out = make(DType::int32, values.shape());
  visit_dtype(values.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* pv = values.data<T>();
    std::int32_t* po = mut<std::int32_t>(out);
    std::vector<std::int32_t> order(std::size_t(p.n));
    using K = std::conditional_t<std::is_same_v<T, float16>, float, T>; // compared exactly
    std::vector<K> key(std::size_t(p.n));
    for (std::int64_t o = 0; o < p.outer; ++o)
      for (std::int64_t i = 0; i < p.inner; ++i) {
        for (std::int64_t k = 0; k < p.n; ++k)
          key[std::size_t(k)] = K(pv[(o * p.n + k) * p.inner + i]);
        std::iota(order.begin(), order.end(), 0);
        // Stable; NaN last in either direction (NumPy's order); ties keep the lower index first.
        std::stable_sort(order.begin(), order.end(), [&](std::int32_t l, std::int32_t r) {
          K u = key[std::size_t(l)], v = key[std::size_t(r)];
          if constexpr (std::is_floating_point_v<K>)
            if (std::isnan(u) || std::isnan(v)) return !std::isnan(u) && std::isnan(v);
          return descending ? u > v : u < v;
        });
        for (std::int64_t k = 0; k < p.n; ++k)
          po[(o * p.n + k) * p.inner + i] = order[std::size_t(k)];
      }
  });
  return out;
}

} // namespace xtape
