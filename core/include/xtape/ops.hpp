// The ops, TF2 names and semantics. Each is one unit (forward + gradient) in core/src/ops/.
// Binary elementwise ops broadcast as NumPy does; their gradients are reduced back to the input
// shapes in one place, the tape (see core/src/tape.cpp, sum_to).
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "xtape/tensor.hpp"

namespace xtape {

// --- math (core/src/ops/math_ops.cpp) -------------------------------------------------------
Tensor add(const Tensor& a, const Tensor& b);      // a + b
Tensor subtract(const Tensor& a, const Tensor& b); // a - b
Tensor multiply(const Tensor& a, const Tensor& b); // a * b
Tensor divide(const Tensor& a, const Tensor& b);   // a / b
Tensor negative(const Tensor& x);
Tensor relu(const Tensor& x); // max(x, 0); relu'(0) = 0 as in TF
Tensor sigmoid(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor square(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor softplus(const Tensor& x); // log(1 + e^x), stable for large |x|
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor sinh(const Tensor& x);
Tensor cosh(const Tensor& x);
Tensor abs(const Tensor& x);                        // float32 or int32
Tensor maximum(const Tensor& a, const Tensor& b);   // float32 or int32
Tensor minimum(const Tensor& a, const Tensor& b);   // float32 or int32
Tensor pow(const Tensor& a, const Tensor& b);       // a^b, float32
Tensor floor_div(const Tensor& a, const Tensor& b); // floor(a / b), Python's //; no gradient
Tensor floor_mod(const Tensor& a, const Tensor& b); // a - floor(a / b) * b, Python's %; no gradient
// Non-differentiable comparisons (TF: tf.equal, tf.greater, ...) give bool tensors.
Tensor equal(const Tensor& a, const Tensor& b);
Tensor not_equal(const Tensor& a, const Tensor& b);
Tensor greater(const Tensor& a, const Tensor& b);
Tensor greater_equal(const Tensor& a, const Tensor& b);
Tensor less(const Tensor& a, const Tensor& b);
Tensor less_equal(const Tensor& a, const Tensor& b);
Tensor is_nan(const Tensor& x);
// Rounding (float dtypes; no gradient, as TF): floor, ceil, and round half to even (tf.round).
Tensor floor(const Tensor& x);
Tensor ceil(const Tensor& x);
Tensor round(const Tensor& x);
Tensor sign(const Tensor& x); // -1, 0 or 1 (NaN stays NaN); any number dtype; no gradient
Tensor tan(const Tensor& x);
Tensor log1p(const Tensor& x); // log(1 + x), exact near 0
Tensor expm1(const Tensor& x); // e^x - 1, exact near 0
Tensor asin(const Tensor& x);
Tensor acos(const Tensor& x);
Tensor atan(const Tensor& x);
Tensor reciprocal(const Tensor& x); // 1 / x
// Boolean logic on bool tensors (with broadcasting for the binary two).
Tensor logical_not(const Tensor& x);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);

// --- matmul (core/src/ops/matmul.cpp) ---------------------------------------------------------
// [M,K] @ [K,N] -> [M,N]; transposes are folded into the kernel, never materialised.
Tensor matmul(const Tensor& a, const Tensor& b, bool transpose_a = false, bool transpose_b = false);
// relu(x @ weights + biases): [B,I] @ [I,N] + [N] -> [B,N] (TF 1: tf.compat.v1.nn.relu_layer) as
// one GEMM that adds the bias and applies ReLU as it stores each block; the same values as
// matmul, add and relu one after the other.
Tensor relu_layer(const Tensor& x, const Tensor& weights, const Tensor& biases);
// X with matrix @ X = rhs: [N,N] and [N,K] -> [N,K], LU with partial pivoting; float32, float64
// (TF: tf.linalg.solve). A singular matrix is TF's "Input matrix is not invertible." error.
Tensor solve(const Tensor& matrix, const Tensor& rhs);

// --- reductions (core/src/ops/reduction_ops.cpp) ----------------------------------------------
// Axes to reduce, as TF's `axis`: `{}` or std::nullopt = all axes (TF: None); an explicit
// empty list, std::vector<int>{}, reduces none. Negative axes count from the end; a repeated axis
// is an error. Sums accumulate in double.
class Axes {
public:
  Axes() = default;                                       // all axes (TF: axis=None)
  Axes(std::nullopt_t) {}                                 // NOLINT: all axes
  Axes(int axis) : list_(std::vector<int>{axis}) {}       // NOLINT
  Axes(std::initializer_list<int> axes) : list_(axes) {}  // NOLINT: {0, 1}
  Axes(std::vector<int> axes) : list_(std::move(axes)) {} // NOLINT: empty = none
  const std::optional<std::vector<int>>& list() const { return list_; }

private:
  std::optional<std::vector<int>> list_;
};
Tensor reduce_sum(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor reduce_mean(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// reduce_sum in NumPy's order and x's precision (pairwise over trailing reduced axes), so that
// xtape's NumPy sums as NumPy does to the last bit.
Tensor numpy_sum(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor reduce_max(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor reduce_min(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor reduce_prod(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
// The index of the largest (smallest) value along axis, the first on ties; int64 or int32.
Tensor argmax(const Tensor& x, int axis = 0, DType output_type = DType::int64);
Tensor argmin(const Tensor& x, int axis = 0, DType output_type = DType::int64);

// --- array (core/src/ops/array_ops.cpp) -------------------------------------------------------
Tensor reshape(const Tensor& x, const Shape& shape);                  // one dim may be -1
Tensor transpose(const Tensor& x, const std::vector<int>& perm = {}); // default: reversed axes
Tensor broadcast_to(const Tensor& x, const Shape& shape);
Tensor cast(const Tensor& x, DType dtype);
// uint8 images -> float32 in [0, 1] in one pass: the values of cast(x, float32) / 255 without the
// intermediate float copy (TF: tf.image.convert_image_dtype(x, tf.float32)). No gradient.
Tensor convert_image_dtype(const Tensor& images, DType dtype = DType::float32);
Tensor one_hot(const Tensor& indices, int depth, float on_value = 1.f, float off_value = 0.f);
Tensor stop_gradient(const Tensor& x);
// Rows of params picked by int32 indices (axis 0): [N, ...] x [B] -> [B, ...] (TF: tf.gather).
Tensor gather(const Tensor& params, const Tensor& indices);
// out[s] = sum of the rows of data whose segment id is s: [B, ...] x [B] -> [num_segments, ...]
// (TF: tf.math.unsorted_segment_sum). gather's gradient, and gather is its gradient.
Tensor unsorted_segment_sum(const Tensor& data, const Tensor& segment_ids,
                            std::int64_t num_segments);
// x[b0:e0:s0, ...] with each axis's begin, end and stride as Python's slice(...).indices(n) gives
// them (end -1 with a negative stride: through index 0); the shape keeps every axis.
Tensor strided_slice(const Tensor& x, const Shape& begin, const Shape& end, const Shape& strides);
Tensor concat(const std::vector<Tensor>& values, int axis);    // joined along axis
Tensor stack(const std::vector<Tensor>& values, int axis = 0); // along a new axis
Tensor expand_dims(const Tensor& x, int axis);                 // a new axis of size 1
Tensor squeeze(const Tensor& x, const Axes& axes = {});        // axes of size 1 removed
Tensor range(double start, double limit, double delta = 1, DType dtype = DType::int32);
Tensor linspace(float start, float stop, int num);
Tensor eye(std::int64_t num_rows, std::int64_t num_columns = -1, DType dtype = DType::float32);

// --- selection and order (core/src/ops/select_ops.cpp) --------------------------------------
// condition ? x : y elementwise, the three broadcast (TF 2's tf.where with x and y).
Tensor where(const Tensor& condition, const Tensor& x, const Tensor& y);
// The entries of tensor where mask holds: mask [d0..dk-1] bool over the first k axes of
// tensor [d0..dk-1, rest...] -> [count, rest...], in row-major order (TF: tf.boolean_mask).
Tensor boolean_mask(const Tensor& tensor, const Tensor& mask);
// Running sums along axis (TF: tf.math.cumsum): exclusive leaves each entry out, reverse sums
// from the end.
Tensor cumsum(const Tensor& x, int axis = 0, bool exclusive = false, bool reverse = false);
// tensor with the slices that indices [..., k] name (over its first k axes) replaced by updates
// [..., rest...]; the last update of a repeated index wins (TF: tf.tensor_scatter_nd_update).
Tensor tensor_scatter_nd_update(const Tensor& tensor, const Tensor& indices, const Tensor& updates);
// The indices that sort values along axis (stable, NaN last), int32 (TF: tf.argsort).
Tensor argsort(const Tensor& values, int axis = -1, bool descending = false);

// --- convolution and pooling (core/src/ops/conv_ops.cpp), NHWC as TF ---------------------
// input [N,H,W,C] * filters [KH,KW,C,O] -> [N,OH,OW,O]; strides [sh, sw]; same: TF's 'SAME'
// padding (output ceil(H / sh), the odd padded pixel at the end), else 'VALID'. float32, float64.
Tensor conv2d(const Tensor& input, const Tensor& filters, const Shape& strides, bool same);
// The maximum of each ksize [kh, kw] window: [N,H,W,C] -> [N,OH,OW,C] (padding as conv2d's).
Tensor max_pool2d(const Tensor& input, const Shape& ksize, const Shape& strides, bool same);

// --- nn (core/src/ops/nn_ops.cpp); class axis is the last one ---------------------------------
Tensor softmax(const Tensor& logits);
Tensor log_softmax(const Tensor& logits);
// labels, logits [..., C] -> loss [...]; fused and stable for large logits.
Tensor softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits);
// labels int32 [...] in [0, C), logits [..., C] -> loss [...].
Tensor sparse_softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits);

namespace nn {
using xtape::log_softmax;
using xtape::relu;
using xtape::sigmoid;
using xtape::softmax;
using xtape::softmax_cross_entropy_with_logits;
using xtape::softplus;
using xtape::sparse_softmax_cross_entropy_with_logits;
} // namespace nn

// --- the gradient registry (TF: ops.RegisterGradient / NotDifferentiable) -------------------
// Every op type the tape can record, keyed by its TF name ("MatMul", "Relu", ...); an op type
// declared not differentiable has differentiable = false.
struct OpTypeInfo {
  std::string type;
  bool differentiable;
};
std::vector<OpTypeInfo> gradient_registry();

// --- operators --------------------------------------------------------------------------------
inline Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return subtract(a, b); }
inline Tensor operator*(const Tensor& a, const Tensor& b) { return multiply(a, b); }
inline Tensor operator/(const Tensor& a, const Tensor& b) { return divide(a, b); }
inline Tensor operator-(const Tensor& x) { return negative(x); }
inline Tensor operator+(const Tensor& a, float b) { return add(a, constant(b)); }
inline Tensor operator-(const Tensor& a, float b) { return subtract(a, constant(b)); }
inline Tensor operator*(const Tensor& a, float b) { return multiply(a, constant(b)); }
inline Tensor operator/(const Tensor& a, float b) { return divide(a, constant(b)); }
inline Tensor operator+(float a, const Tensor& b) { return add(constant(a), b); }
inline Tensor operator-(float a, const Tensor& b) { return subtract(constant(a), b); }
inline Tensor operator*(float a, const Tensor& b) { return multiply(constant(a), b); }
inline Tensor operator/(float a, const Tensor& b) { return divide(constant(a), b); }

} // namespace xtape
