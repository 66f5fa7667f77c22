// The op list (see xtape/op_table.hpp). Adding an op: write it with its op type definition
// (detail/record.hpp: name, saved state, gradient) in core/src/ops/, declare it in ops.hpp, add
// one row below and one row to the gradient test (tests/test_ops_grad.cpp).
#include "xtape/op_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>

#include "detail/record.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape::op_table {

const char* kind_name(Kind k) {
  switch (k) {
  case Kind::tensor:
    return "tensor";
  case Kind::index_tensor:
    return "index_tensor";
  case Kind::tensors:
    return "tensors";
  case Kind::number:
    return "number";
  case Kind::integer:
    return "integer";
  case Kind::flag:
    return "flag";
  case Kind::shape:
    return "shape";
  case Kind::ints:
    return "ints";
  case Kind::perm:
    return "perm";
  case Kind::axes:
    return "axes";
  case Kind::dtype:
    return "dtype";
  }
  return "?";
}

namespace {

// Kept out of line: the per-op invokers below stay small.
[[noreturn, gnu::noinline]] void bad(const OpDef& d, const ArgDef& a, const std::string& what) {
  throw InvalidArgumentError(d.name + ": " + a.name + " " + what);
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A whole number in [lo, hi]: no fraction, no NaN, no infinity.
template <class I>
[[gnu::noinline]] I integer(const OpDef& d, const ArgDef& a, double v, const char* where = "") {
  constexpr double lo = double(std::numeric_limits<I>::lowest());
  constexpr double hi =
      std::is_same_v<I, std::int64_t> ? 9007199254740991.0 : double(std::numeric_limits<I>::max());
  constexpr double low = std::is_same_v<I, std::int64_t> ? -hi : lo; // int64: JS's safe integers
  if (!std::isfinite(v) || v != std::trunc(v) || v < low || v > hi)
    bad(d, a,
        std::string(where) + "must be an integer in [" + num(low) + ", " + num(hi) + "], got " +
            num(v));
  return static_cast<I>(v);
}

template <class I>
[[gnu::noinline]] std::vector<I> integers(const OpDef& d, const ArgDef& a, const Arg& v) {
  if (!v.list) bad(d, a, "must be a list of integers, got None");
  std::vector<I> out;
  for (std::size_t i = 0; i < v.list->size(); ++i)
    out.push_back(integer<I>(d, a, (*v.list)[i], ("[" + std::to_string(i) + "] ").c_str()));
  return out;
}

// How one Arg becomes the C++ parameter type P, and which kinds may feed it.
template <class P>
struct Param;
template <>
struct Param<Tensor> {
  static bool accepts(Kind k) { return k == Kind::tensor || k == Kind::index_tensor; }
  static const Tensor& get(const OpDef& d, const ArgDef& a, const Arg& v) {
    if (!v.tensor) bad(d, a, "must be a tensor");
    return *v.tensor;
  }
};
template <>
struct Param<std::vector<Tensor>> {
  static bool accepts(Kind k) { return k == Kind::tensors; }
  static const std::vector<Tensor>& get(const OpDef& d, const ArgDef& a, const Arg& v) {
    if (!v.tensors) bad(d, a, "must be a list of tensors");
    return *v.tensors;
  }
};
template <>
struct Param<double> {
  static bool accepts(Kind k) { return k == Kind::number; }
  static double get(const OpDef&, const ArgDef&, const Arg& v) { return v.number; }
};
template <>
struct Param<float> {
  static bool accepts(Kind k) { return k == Kind::number; }
  static float get(const OpDef&, const ArgDef&, const Arg& v) { return float(v.number); }
};
template <>
struct Param<bool> {
  static bool accepts(Kind k) { return k == Kind::flag; }
  static bool get(const OpDef&, const ArgDef&, const Arg& v) { return v.number != 0; }
};
template <>
struct Param<int> {
  static bool accepts(Kind k) { return k == Kind::integer; }
  static int get(const OpDef& d, const ArgDef& a, const Arg& v) {
    return integer<int>(d, a, v.number);
  }
};
template <>
struct Param<std::int64_t> {
  static bool accepts(Kind k) { return k == Kind::integer; }
  static std::int64_t get(const OpDef& d, const ArgDef& a, const Arg& v) {
    return integer<std::int64_t>(d, a, v.number);
  }
};
template <>
struct Param<Shape> {
  static bool accepts(Kind k) { return k == Kind::shape || k == Kind::ints; }
  static Shape get(const OpDef& d, const ArgDef& a, const Arg& v) {
    return integers<std::int64_t>(d, a, v);
  }
};
template <>
struct Param<std::vector<int>> {
  static bool accepts(Kind k) { return k == Kind::perm; }
  static std::vector<int> get(const OpDef& d, const ArgDef& a, const Arg& v) {
    return v.list ? integers<int>(d, a, v) : std::vector<int>{};
  }
};
template <>
struct Param<Axes> {
  static bool accepts(Kind k) { return k == Kind::axes; }
  static Axes get(const OpDef& d, const ArgDef& a, const Arg& v) {
    if (!v.list) return Axes(); // None: every axis
    return Axes(integers<int>(d, a, v));
  }
};
template <>
struct Param<DType> {
  static bool accepts(Kind k) { return k == Kind::dtype; }
  static DType get(const OpDef& d, const ArgDef& a, const Arg& v) {
    if (!v.dtype) bad(d, a, "must be a dtype (float32, float64, int32, int64, uint8, bool)");
    return *v.dtype;
  }
};

// Invoke<&f>: calls f with its parameters converted from Args, and checks a row's kinds.
template <class F, F f>
struct Invoke;
template <class... P, Tensor (*f)(P...)>
struct Invoke<Tensor (*)(P...), f> {
  static Tensor call(const OpDef& d, const std::vector<Arg>& a) {
    return call_with(d, a, std::index_sequence_for<P...>{});
  }
  template <std::size_t... I>
  static Tensor call_with(const OpDef& d, const std::vector<Arg>& a, std::index_sequence<I...>) {
    return f(Param<std::remove_cvref_t<P>>::get(d, d.args[I], a[I])...);
  }
  static bool fits(const std::vector<ArgDef>& args) {
    if (args.size() != sizeof...(P)) return false;
    std::size_t i = 0;
    return (Param<std::remove_cvref_t<P>>::accepts(args[i++].kind) && ...);
  }
};

struct Row {
  OpDef def;
  bool (*fits)(const std::vector<ArgDef>&);
};

#define XTAPE_FN(fn) &Invoke<decltype(&fn), &fn>::call, &Invoke<decltype(&fn), &fn>::fits

constexpr Kind T = Kind::tensor, I = Kind::index_tensor, L = Kind::tensors, F = Kind::number,
               N = Kind::integer, B = Kind::flag, S = Kind::shape, Z = Kind::ints, P = Kind::perm,
               A = Kind::axes, D = Kind::dtype;

Row row(std::string name, std::vector<std::string> python, std::vector<std::string> js, bool method,
        std::vector<ArgDef> args, std::string doc,
        Tensor (*invoke)(const OpDef&, const std::vector<Arg>&),
        bool (*fits)(const std::vector<ArgDef>&)) {
  return {{std::move(name), std::move(python), std::move(js), method, std::move(args),
           std::move(doc), invoke, nullptr},
          fits};
}

std::vector<Row> rows() {
  // clang-format off
  return {
  // name, Python (TF) paths, JS names, chainable, arguments (TF keywords), doc, function
  row("add", {"tf.math.add", "tf.add"}, {"add"}, true, {{"x", T}, {"y", T}},
      "x + y, with NumPy broadcasting.", XTAPE_FN(add)),
  row("subtract", {"tf.math.subtract", "tf.subtract"}, {"sub", "subtract"}, true, {{"x", T}, {"y", T}},
      "x - y, with NumPy broadcasting.", XTAPE_FN(subtract)),
  row("multiply", {"tf.math.multiply", "tf.multiply"}, {"mul", "multiply"}, true, {{"x", T}, {"y", T}},
      "x * y elementwise, with NumPy broadcasting.", XTAPE_FN(multiply)),
  row("divide", {"tf.math.divide", "tf.divide", "tf.math.truediv", "tf.truediv"}, {"div", "divide"}, true,
      {{"x", T}, {"y", T}}, "x / y elementwise, with NumPy broadcasting.", XTAPE_FN(divide)),
  row("negative", {"tf.math.negative", "tf.negative"}, {"neg", "negative"}, true, {{"x", T}},
      "-x.", XTAPE_FN(negative)),
  row("relu", {"tf.nn.relu"}, {"relu", "nn.relu"}, true, {{"features", T}},
      "max(x, 0); its gradient at 0 is 0.", XTAPE_FN(relu)),
  row("sigmoid", {"tf.math.sigmoid", "tf.sigmoid", "tf.nn.sigmoid"}, {"sigmoid", "nn.sigmoid"}, true, {{"x", T}},
      "1 / (1 + e^-x).", XTAPE_FN(sigmoid)),
  row("tanh", {"tf.math.tanh", "tf.tanh", "tf.nn.tanh"}, {"tanh"}, true, {{"x", T}},
      "Hyperbolic tangent.", XTAPE_FN(xtape::tanh)),
  row("exp", {"tf.math.exp", "tf.exp"}, {"exp"}, true, {{"x", T}}, "e^x.", XTAPE_FN(xtape::exp)),
  row("log", {"tf.math.log"}, {"log"}, true, {{"x", T}}, "Natural logarithm.", XTAPE_FN(xtape::log)),
  row("square", {"tf.math.square", "tf.square"}, {"square"}, true, {{"x", T}}, "x * x.", XTAPE_FN(square)),
  row("sqrt", {"tf.math.sqrt", "tf.sqrt"}, {"sqrt"}, true, {{"x", T}}, "Square root.", XTAPE_FN(xtape::sqrt)),
  row("softplus", {"tf.math.softplus", "tf.nn.softplus"}, {"softplus", "nn.softplus"}, true, {{"features", T}},
      "log(1 + e^x), stable for large |x|.", XTAPE_FN(softplus)),
  row("sin", {"tf.math.sin", "tf.sin"}, {"sin"}, true, {{"x", T}}, "Sine.", XTAPE_FN(xtape::sin)),
  row("cos", {"tf.math.cos", "tf.cos"}, {"cos"}, true, {{"x", T}}, "Cosine.", XTAPE_FN(xtape::cos)),
  row("sinh", {"tf.math.sinh", "tf.sinh"}, {"sinh"}, true, {{"x", T}}, "Hyperbolic sine.",
      XTAPE_FN(xtape::sinh)),
  row("cosh", {"tf.math.cosh", "tf.cosh"}, {"cosh"}, true, {{"x", T}}, "Hyperbolic cosine.",
      XTAPE_FN(xtape::cosh)),
  row("abs", {"tf.math.abs", "tf.abs"}, {"abs"}, true, {{"x", T}}, "|x| (float32 or int32).", XTAPE_FN(xtape::abs)),
  row("maximum", {"tf.math.maximum", "tf.maximum"}, {"maximum"}, true, {{"x", T}, {"y", T}},
      "max(x, y) elementwise, with NumPy broadcasting.", XTAPE_FN(maximum)),
  row("minimum", {"tf.math.minimum", "tf.minimum"}, {"minimum"}, true, {{"x", T}, {"y", T}},
      "min(x, y) elementwise, with NumPy broadcasting.", XTAPE_FN(minimum)),
  row("pow", {"tf.math.pow", "tf.pow"}, {"pow"}, true, {{"x", T}, {"y", T}},
      "x^y elementwise, with NumPy broadcasting.", XTAPE_FN(xtape::pow)),
  row("floor_div", {"tf.math.floordiv", "tf.floordiv"}, {"floorDiv"}, true, {{"x", T}, {"y", T}},
      "floor(x / y), Python's // (no gradient; integer division by zero is an error).", XTAPE_FN(floor_div)),
  row("floor_mod", {"tf.math.floormod", "tf.math.mod", "tf.floormod"}, {"mod", "floorMod"}, true, {{"x", T}, {"y", T}},
      "x - floor(x / y) * y, Python's % (no gradient).", XTAPE_FN(floor_mod)),
  row("equal", {"tf.math.equal", "tf.equal"}, {"equal"}, true, {{"x", T}, {"y", T}},
      "x == y elementwise (bool, no gradient).", XTAPE_FN(equal)),
  row("not_equal", {"tf.math.not_equal", "tf.not_equal"}, {"notEqual"}, true, {{"x", T}, {"y", T}},
      "x != y elementwise (bool, no gradient).", XTAPE_FN(not_equal)),
  row("greater", {"tf.math.greater", "tf.greater"}, {"greater"}, true, {{"x", T}, {"y", T}},
      "x > y elementwise (bool, no gradient).", XTAPE_FN(greater)),
  row("greater_equal", {"tf.math.greater_equal", "tf.greater_equal"}, {"greaterEqual"}, true, {{"x", T}, {"y", T}},
      "x >= y elementwise (bool, no gradient).", XTAPE_FN(greater_equal)),
  row("less", {"tf.math.less", "tf.less"}, {"less"}, true, {{"x", T}, {"y", T}},
      "x < y elementwise (bool, no gradient).", XTAPE_FN(less)),
  row("less_equal", {"tf.math.less_equal", "tf.less_equal"}, {"lessEqual"}, true, {{"x", T}, {"y", T}},
      "x <= y elementwise (bool, no gradient).", XTAPE_FN(less_equal)),
  row("is_nan", {"tf.math.is_nan", "tf.is_nan"}, {"isNaN"}, true, {{"x", T}},
      "Whether each element is NaN (bool, no gradient).", XTAPE_FN(is_nan)),
  row("floor", {"tf.math.floor", "tf.floor"}, {"floor"}, true, {{"x", T}},
      "The largest whole number <= x (no gradient).", XTAPE_FN(xtape::floor)),
  row("ceil", {"tf.math.ceil"}, {"ceil"}, true, {{"x", T}},
      "The smallest whole number >= x (no gradient).", XTAPE_FN(xtape::ceil)),
  row("round", {"tf.math.round", "tf.round"}, {"round"}, true, {{"x", T}},
      "The nearest whole number, halves to even (no gradient).", XTAPE_FN(xtape::round)),
  row("sign", {"tf.math.sign", "tf.sign"}, {"sign"}, true, {{"x", T}},
      "-1, 0 or 1 by the sign of x (no gradient).", XTAPE_FN(sign)),
  row("tan", {"tf.math.tan", "tf.tan"}, {"tan"}, true, {{"x", T}}, "Tangent.", XTAPE_FN(xtape::tan)),
  row("log1p", {"tf.math.log1p"}, {"log1p"}, true, {{"x", T}}, "log(1 + x), exact near 0.",
      XTAPE_FN(xtape::log1p)),
  row("expm1", {"tf.math.expm1"}, {"expm1"}, true, {{"x", T}}, "e^x - 1, exact near 0.",
      XTAPE_FN(xtape::expm1)),
  row("asin", {"tf.math.asin", "tf.asin"}, {"asin"}, true, {{"x", T}}, "Inverse sine.",
      XTAPE_FN(xtape::asin)),
  row("acos", {"tf.math.acos", "tf.acos"}, {"acos"}, true, {{"x", T}}, "Inverse cosine.",
      XTAPE_FN(xtape::acos)),
  row("atan", {"tf.math.atan", "tf.atan"}, {"atan"}, true, {{"x", T}}, "Inverse tangent.",
      XTAPE_FN(xtape::atan)),
  row("reciprocal", {"tf.math.reciprocal"}, {"reciprocal"}, true, {{"x", T}}, "1 / x.",
      XTAPE_FN(reciprocal)),
  row("logical_not", {"tf.math.logical_not", "tf.logical_not"}, {"logicalNot"}, true, {{"x", T}},
      "Not x, for bool x.", XTAPE_FN(logical_not)),
  row("logical_and", {"tf.math.logical_and", "tf.logical_and"}, {"logicalAnd"}, true,
      {{"x", T}, {"y", T}}, "x and y for bool tensors, with broadcasting.", XTAPE_FN(logical_and)),
  row("logical_or", {"tf.math.logical_or", "tf.logical_or"}, {"logicalOr"}, true,
      {{"x", T}, {"y", T}}, "x or y for bool tensors, with broadcasting.", XTAPE_FN(logical_or)),
  row("where", {"tf.where"}, {"where"}, false, {{"condition", T}, {"x", T}, {"y", T}},
      "condition ? x : y elementwise, the three broadcast (bool condition).", XTAPE_FN(where)),
  row("boolean_mask", {"tf.boolean_mask"}, {"booleanMask"}, false, {{"tensor", T}, {"mask", T}},
      "The entries where a bool mask over the first axes holds: [count, rest...].",
      XTAPE_FN(boolean_mask)),
  row("cumsum", {"tf.math.cumsum", "tf.cumsum"}, {"cumsum"}, true,
      {{"x", T}, {"axis", N, "0"}, {"exclusive", B, "false"}, {"reverse", B, "false"}},
      "Running sums along axis.", XTAPE_FN(cumsum)),
  row("tensor_scatter_nd_update", {"tf.tensor_scatter_nd_update"}, {"tensorScatterNdUpdate"}, false,
      {{"tensor", T}, {"indices", T}, {"updates", T}},
      "tensor with the slices named by indices [..., k] replaced by updates.",
      XTAPE_FN(tensor_scatter_nd_update)),
  row("conv2d", {"tf.nn.conv2d"}, {"conv2d", "nn.conv2d"}, false,
      {{"input", T}, {"filters", T}, {"strides", Z}, {"same", B, "false"}},
      "NHWC input [N,H,W,C] with filters [KH,KW,C,O], strides [sh, sw]; same: 'SAME' padding.",
      XTAPE_FN(conv2d)),
  row("max_pool2d", {"tf.nn.max_pool2d"}, {"maxPool2d", "nn.maxPool2d"}, false,
      {{"input", T}, {"ksize", Z}, {"strides", Z}, {"same", B, "false"}},
      "The maximum of each ksize [kh, kw] window of NHWC input; same: 'SAME' padding.",
      XTAPE_FN(max_pool2d)),
  row("argsort", {"tf.argsort"}, {"argsort"}, false,
      {{"values", T}, {"axis", N, "-1"}, {"descending", B, "false"}},
      "The int32 indices that sort values along axis (stable, NaN last).", XTAPE_FN(argsort)),
  row("matmul", {"tf.linalg.matmul", "tf.matmul"}, {"matmul"}, true,
      {{"a", T}, {"b", T}, {"transpose_a", B, "false"}, {"transpose_b", B, "false"}},
      "Matrix product [M,K] @ [K,N] -> [M,N]; past rank 2 one per batch element, the batch axes "
      "broadcast ([..., M,K] @ [..., K,N], TF's BatchMatMulV2).",
      XTAPE_FN(matmul)),
  row("solve", {"tf.linalg.solve"}, {"solve", "linalg.solve"}, false, {{"matrix", T}, {"rhs", T}},
      "X with matrix @ X = rhs: [N,N] and [N,K] -> [N,K] (LU with partial pivoting).",
      XTAPE_FN(solve)),
  row("relu_layer", {"tf.compat.v1.nn.relu_layer"}, {"reluLayer", "nn.reluLayer"}, false,
      {{"x", T}, {"weights", T}, {"biases", T}},
      "relu(x @ weights + biases), [B,I] @ [I,N] + [N] -> [B,N]: one GEMM that adds the bias and "
      "applies ReLU as it stores.", XTAPE_FN(relu_layer)),
  row("reduce_sum", {"tf.math.reduce_sum", "tf.reduce_sum"}, {"reduceSum", "sum"}, true,
      {{"input_tensor", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Sum over axis (None: all axes, []: none).", XTAPE_FN(reduce_sum)),
  row("numpy_sum", {"tf.experimental.numpy.sum"}, {"numpySum"}, false,
      {{"a", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Sum over axis in NumPy's order and a's precision (pairwise over the trailing reduced axes).",
      XTAPE_FN(numpy_sum)),
  row("reduce_mean", {"tf.math.reduce_mean", "tf.reduce_mean"}, {"reduceMean", "mean"}, true,
      {{"input_tensor", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Mean over axis (None: all axes, []: none).", XTAPE_FN(reduce_mean)),
  row("reduce_max", {"tf.math.reduce_max", "tf.reduce_max"}, {"reduceMax", "max"}, true,
      {{"input_tensor", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Maximum over axis (None: all axes, []: none).", XTAPE_FN(reduce_max)),
  row("reduce_min", {"tf.math.reduce_min", "tf.reduce_min"}, {"reduceMin", "min"}, true,
      {{"input_tensor", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Minimum over axis (None: all axes, []: none).", XTAPE_FN(reduce_min)),
  row("reduce_prod", {"tf.math.reduce_prod", "tf.reduce_prod"}, {"reduceProd", "prod"}, true,
      {{"input_tensor", T}, {"axis", A, "null"}, {"keepdims", B, "false"}},
      "Product over axis (None: all axes, []: none).", XTAPE_FN(reduce_prod)),
  row("argmax", {"tf.math.argmax", "tf.argmax"}, {"argMax"}, true,
      {{"input", T}, {"axis", N, "0"}, {"output_type", D, "\"int64\""}},
      "Index of the largest value along axis (int64, or int32 as output_type).", XTAPE_FN(argmax)),
  row("argmin", {"tf.math.argmin", "tf.argmin"}, {"argMin"}, true,
      {{"input", T}, {"axis", N, "0"}, {"output_type", D, "\"int64\""}},
      "Index of the smallest value along axis (int64, or int32 as output_type).", XTAPE_FN(argmin)),
  row("reshape", {"tf.reshape"}, {"reshape"}, true, {{"tensor", T}, {"shape", S}},
      "The same values with another shape; one dimension may be -1.", XTAPE_FN(reshape)),
  row("transpose", {"tf.transpose"}, {"transpose"}, true, {{"a", T}, {"perm", P, "null"}},
      "Axes permuted by perm (None: reversed).", XTAPE_FN(transpose)),
  row("broadcast_to", {"tf.broadcast_to"}, {"broadcastTo"}, true, {{"input", T}, {"shape", S}},
      "Values repeated to shape by NumPy's broadcasting rules.", XTAPE_FN(broadcast_to)),
  row("strided_slice", {"tf.strided_slice"}, {"stridedSlice"}, true,
      {{"input_", T}, {"begin", Z}, {"end", Z}, {"strides", Z}},
      "x[b:e:s] on every axis, each as Python's slice(b, e, s).indices(n) gives it; with gradient.",
      XTAPE_FN(strided_slice)),
  row("concat", {"tf.concat"}, {"concat"}, false, {{"values", L}, {"axis", N}},
      "The tensors joined along axis.", XTAPE_FN(concat)),
  row("stack", {"tf.stack"}, {"stack"}, false, {{"values", L}, {"axis", N, "0"}},
      "Tensors of one shape stacked along a new axis.", XTAPE_FN(stack)),
  row("expand_dims", {"tf.expand_dims"}, {"expandDims"}, true, {{"input", T}, {"axis", N}},
      "A new axis of size 1 at axis.", XTAPE_FN(expand_dims)),
  row("squeeze", {"tf.squeeze"}, {"squeeze"}, true, {{"input", T}, {"axis", A, "null"}},
      "The axes of size 1 removed (None: all of them).", XTAPE_FN(squeeze)),
  row("range", {"tf.range"}, {"range"}, false,
      {{"start", F}, {"limit", F}, {"delta", F, "1"}, {"dtype", D, "\"int32\""}},
      "start, start + delta, ... before limit.", XTAPE_FN(range)),
  row("linspace", {"tf.linspace", "tf.lin_space"}, {"linspace"}, false, {{"start", F}, {"stop", F}, {"num", N}},
      "num evenly spaced float32 values from start to stop.", XTAPE_FN(linspace)),
  row("eye", {"tf.eye", "tf.linalg.eye"}, {"eye"}, false,
      {{"num_rows", N}, {"num_columns", N, "-1"}, {"dtype", D, "\"float32\""}},
      "The identity matrix (num_columns -1: square).", XTAPE_FN(eye)),
  row("cast", {"tf.cast"}, {"cast"}, true, {{"x", T}, {"dtype", D}},
      "Values converted to dtype (float to integer truncates toward zero).", XTAPE_FN(cast)),
  row("convert_image_dtype", {"tf.image.convert_image_dtype"}, {"convertImageDtype", "image.convertImageDtype"},
      false, {{"image", T}, {"dtype", D, "\"float32\""}},
      "uint8 images to float32 in [0, 1] (x / 255) in one pass.", XTAPE_FN(convert_image_dtype)),
  row("one_hot", {"tf.one_hot"}, {"oneHot"}, false,
      {{"indices", I}, {"depth", N}, {"on_value", F, "1"}, {"off_value", F, "0"}},
      "indices [...] -> [..., depth] with on_value at each index.", XTAPE_FN(one_hot)),
  row("stop_gradient", {"tf.stop_gradient"}, {"stopGradient"}, false, {{"input", T}},
      "The same values, through which no gradient flows.", XTAPE_FN(stop_gradient)),
  row("gather", {"tf.gather"}, {"gather"}, true, {{"params", T}, {"indices", I}},
      "Rows of params picked by int32 indices (axis 0).", XTAPE_FN(gather)),
  row("unsorted_segment_sum", {"tf.math.unsorted_segment_sum"}, {"unsortedSegmentSum"}, false,
      {{"data", T}, {"segment_ids", I}, {"num_segments", N}},
      "Sums of the rows of data per segment id; [B, ...] -> [num_segments, ...].",
      XTAPE_FN(unsorted_segment_sum)),
  row("softmax", {"tf.nn.softmax", "tf.math.softmax"}, {"softmax", "nn.softmax"}, true, {{"logits", T}},
      "e^x / sum(e^x) over the last axis.", XTAPE_FN(softmax)),
  row("log_softmax", {"tf.nn.log_softmax", "tf.math.log_softmax"}, {"logSoftmax", "nn.logSoftmax"}, true,
      {{"logits", T}}, "x - logsumexp(x) over the last axis.", XTAPE_FN(log_softmax)),
  row("softmax_cross_entropy_with_logits", {"tf.nn.softmax_cross_entropy_with_logits"},
      {"softmaxCrossEntropyWithLogits", "nn.softmaxCrossEntropyWithLogits"}, false,
      {{"labels", T}, {"logits", T}},
      "-sum(labels * log_softmax(logits)) over the last axis; [..., C] -> [...].",
      XTAPE_FN(softmax_cross_entropy_with_logits)),
  row("sparse_softmax_cross_entropy_with_logits", {"tf.nn.sparse_softmax_cross_entropy_with_logits"},
      {"sparseSoftmaxCrossEntropyWithLogits", "nn.sparseSoftmaxCrossEntropyWithLogits"}, false,
      {{"labels", I}, {"logits", T}},
      "-log_softmax(logits)[label]; int labels [...], logits [..., C] -> [...].",
      XTAPE_FN(sparse_softmax_cross_entropy_with_logits)),
  row("zeros", {"tf.zeros"}, {"zeros"}, false, {{"shape", S}, {"dtype", D, "\"float32\""}},
      "A tensor of zeros.", XTAPE_FN(zeros)),
  row("ones", {"tf.ones"}, {"ones"}, false, {{"shape", S}, {"dtype", D, "\"float32\""}},
      "A tensor of ones.", XTAPE_FN(ones)),
  row("fill", {"tf.fill"}, {"fill"}, false, {{"dims", S}, {"value", F}, {"dtype", D, "\"float32\""}},
      "A tensor of shape dims, every element value (cast to dtype).", XTAPE_FN(fill)),
  row("zeros_like", {"tf.zeros_like"}, {"zerosLike"}, false, {{"input", T}},
      "Zeros with input's shape and dtype.", XTAPE_FN(zeros_like)),
  row("ones_like", {"tf.ones_like"}, {"onesLike"}, false, {{"input", T}},
      "Ones with input's shape and dtype.", XTAPE_FN(ones_like)),
  };
  // clang-format on
}

// The rows, each linked to the op type it records (detail/record.hpp: every definition names
// its row, and a definition naming no row of this table is an error).
std::vector<OpDef> build() {
  std::vector<OpDef> out;
  for (Row& r : rows()) {
    if (!r.fits(r.def.args))
      throw std::logic_error("op table: the arguments of row " + r.def.name +
                             " do not fit the parameters of its C++ function");
    out.push_back(std::move(r.def));
  }
  for (const detail::OpType* t : detail::op_types()) {
    if (!t->row) continue;
    auto d = std::find_if(out.begin(), out.end(), [&](const OpDef& o) { return o.name == t->row; });
    if (d == out.end() || d->type)
      throw std::logic_error(std::string("op table: op type ") + t->name + " names row " + t->row +
                             (d == out.end() ? ", which does not exist" : ", which has a type"));
    d->type = t;
  }
  return out;
}

// JSON without iostreams (they would add ~200 KB to the WASM module).
void json_string(std::string& o, const std::string& s) {
  o += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  o += '"';
}
void json_strings(std::string& o, const std::vector<std::string>& v) {
  o += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ',';
    json_string(o, v[i]);
  }
  o += ']';
}

} // namespace

const std::vector<OpDef>& ops() {
  static const std::vector<OpDef> table = build();
  return table;
}

const OpDef& find(const std::string& name) {
  for (const OpDef& d : ops())
    if (d.name == name) return d;
  throw InvalidArgumentError("no op named '" + name + "'");
}

Tensor call(const OpDef& def, const std::vector<Arg>& args) {
  if (args.size() != def.args.size())
    throw InvalidArgumentError(def.name + ": expected " + std::to_string(def.args.size()) +
                               " arguments, got " + std::to_string(args.size()));
  // Every error names the op, also those raised below it (a shape too large to allocate).
  auto named = [&](const std::exception& e) {
    std::string m = e.what();
    return m.rfind(def.name + ":", 0) == 0 ? m : def.name + ": " + m;
  };
  try {
    return def.invoke(def, args);
  } catch (const InvalidArgumentError& e) {
    throw InvalidArgumentError(named(e));
  } catch (const ResourceExhaustedError& e) {
    throw ResourceExhaustedError(named(e));
  } catch (const std::bad_alloc& e) {
    throw ResourceExhaustedError(def.name + ": out of memory");
  }
}

std::string to_json() {
  std::string o = "[";
  for (std::size_t k = 0; k < ops().size(); ++k) {
    const OpDef& d = ops()[k];
    o += k ? ",\n{\"name\":" : "{\"name\":";
    json_string(o, d.name);
    o += ",\"python\":";
    json_strings(o, d.python);
    o += ",\"js\":";
    json_strings(o, d.js);
    o += std::string(",\"method\":") + (d.method ? "true" : "false") + ",\"args\":[";
    for (std::size_t i = 0; i < d.args.size(); ++i) {
      o += i ? ",{\"name\":" : "{\"name\":";
      json_string(o, d.args[i].name);
      o += std::string(",\"kind\":\"") + kind_name(d.args[i].kind) + '"';
      if (!d.args[i].value.empty()) o += ",\"default\":" + d.args[i].value;
      o += '}';
    }
    o += ']';
    if (d.type) {
      o += ",\"type\":";
      json_string(o, d.type->name);
      o += std::string(",\"differentiable\":") + (d.type->differentiable() ? "true" : "false");
    }
    o += ",\"doc\":";
    json_string(o, d.doc);
    o += '}';
  }
  return o + "]";
}

} // namespace xtape::op_table
