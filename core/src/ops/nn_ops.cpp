// Softmax family over the last axis, computed stably (shifted by the row maximum), in float32 or
// float64 (T below); the sums run in double either way.
#include <cmath>
#include <limits>
#include <vector>

#include "detail/dtypes.hpp"
#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
std::int64_t classes(const char* op, const Tensor& logits) {
  check_floating(op, "logits", logits);
  if (logits.rank() == 0 || logits.shape().back() == 0)
    throw InvalidArgumentError(std::string(op) + ": logits need a non-empty last axis, got " +
                               to_string(logits.shape()));
  return logits.shape().back();
}

// For each row of C logits: m = max, lse = m + log(sum exp(x - m)); writes out[c] = x[c] - lse.
template <class T>
void log_softmax_rows(const T* x, T* out, std::int64_t rows, std::int64_t C) {
  for (std::int64_t r = 0; r < rows; ++r, x += C, out += C) {
    T m = -std::numeric_limits<T>::infinity();
    for (std::int64_t c = 0; c < C; ++c) m = std::max(m, x[c]);
    double s = 0;
    for (std::int64_t c = 0; c < C; ++c) s += std::exp(double(x[c]) - m);
    double lse = m + std::log(s);
    for (std::int64_t c = 0; c < C; ++c) out[c] = T(x[c] - lse);
  }
}

Tensor expand_last(const Tensor& t) {
  Shape s = t.shape();
  s.push_back(1);
  return reshape(t, s);
}

struct YSaved {
  Tensor y;
};
struct LabelsSaved {
  Tensor labels, logits; // sparse: labels one-hot
};
// y = log softmax(x) = x - logsumexp(x);  dx = dy - softmax(x) * sum(dy)
const Op<YSaved> LogSoftmax{
    "LogSoftmax", "log_softmax", [](const YSaved& s, const Needed&, const Tensor& dy) {
      return Grads{subtract(dy, multiply(exp(s.y), reduce_sum(dy, {-1}, true)))};
    }};
// y = e^x / sum e^x;  dx = (dy - sum(dy * y)) * y
const Op<YSaved> Softmax{
    "Softmax", "softmax", [](const YSaved& s, const Needed&, const Tensor& dy) {
      return Grads{multiply(subtract(dy, reduce_sum(multiply(dy, s.y), {-1}, true)), s.y)};
    }};
// loss = -sum_c labels * log softmax(logits)   [..., C] -> [...]
// dlogits = dloss * (softmax(logits) * sum(labels) - labels)   (TF's softmax - labels when the
//           labels are a distribution);  dlabels = dloss * -log softmax(logits)
const Op<LabelsSaved> SoftmaxCrossEntropyWithLogits{
    "SoftmaxCrossEntropyWithLogits", "softmax_cross_entropy_with_logits",
    [](const LabelsSaved& s, const Needed& n, const Tensor& dy) {
      Tensor d = expand_last(dy);
      Grads g(2);
      if (n[0]) g[0] = multiply(d, negative(log_softmax(s.logits)));
      if (n[1])
        g[1] = multiply(
            d, subtract(multiply(softmax(s.logits), reduce_sum(s.labels, {-1}, true)), s.labels));
      return g;
    }};
// loss = -log softmax(logits)[label]   labels [...] int, logits [..., C] -> [...]
// dlogits = dloss * (softmax(logits) - one_hot(labels))
const Op<LabelsSaved> SparseSoftmaxCrossEntropyWithLogits{
    "SparseSoftmaxCrossEntropyWithLogits", "sparse_softmax_cross_entropy_with_logits",
    [](const LabelsSaved& s, const Needed&, const Tensor& dy) {
      return Grads{multiply(expand_last(dy), subtract(softmax(s.logits), s.labels))};
    }};
} // namespace

Tensor log_softmax(const Tensor& logits) {
  std::int64_t C = classes("log_softmax", logits);
  Tensor y = make(logits.dtype(), logits.shape());
  float_visit(logits.dtype(), [&](auto t) {
    using T = decltype(t);
    log_softmax_rows(logits.data<T>(), mut<T>(y), logits.size() / C, C);
  });
  return record(LogSoftmax, {logits}, y, {y});
}

Tensor softmax(const Tensor& logits) {
  std::int64_t C = classes("softmax", logits);
  Tensor y = make(logits.dtype(), logits.shape());
  float_visit(logits.dtype(), [&](auto t) {
    using T = decltype(t);
    T* py = mut<T>(y);
    log_softmax_rows(logits.data<T>(), py, logits.size() / C, C);
    for (std::int64_t i = 0; i < y.size(); ++i) py[i] = std::exp(py[i]);
  });
  return record(Softmax, {logits}, y, {y});
}

Tensor softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits) {
  const char* op = "softmax_cross_entropy_with_logits";
  std::int64_t C = classes(op, logits);
  check_dtype(op, "labels", labels, logits.dtype());
  if (labels.shape() != logits.shape())
    throw InvalidArgumentError(std::string(op) + ": labels " + to_string(labels.shape()) +
                               " and logits " + to_string(logits.shape()) + " differ in shape");
  Shape out_shape(logits.shape().begin(), logits.shape().end() - 1);
  Tensor loss = make(logits.dtype(), out_shape);
  float_visit(logits.dtype(), [&](auto t) {
    using T = decltype(t);
    std::vector<T> lsm(C);
    const T* x = logits.data<T>();
    const T* l = labels.data<T>();
    for (std::int64_t r = 0; r < loss.size(); ++r) {
      log_softmax_rows(x + r * C, lsm.data(), 1, C);
      double s = 0;
      for (std::int64_t c = 0; c < C; ++c)
        if (l[r * C + c] != T(0)) s -= double(l[r * C + c]) * lsm[c];
      mut<T>(loss)[r] = T(s);
    }
  });
  return record(SoftmaxCrossEntropyWithLogits, {labels, logits}, loss, {labels, logits});
}

Tensor sparse_softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits) {
  const char* op = "sparse_softmax_cross_entropy_with_logits";
  std::int64_t C = classes(op, logits);
  Shape out_shape(logits.shape().begin(), logits.shape().end() - 1);
  if (labels.shape() != out_shape)
    throw InvalidArgumentError(std::string(op) + ": labels " + to_string(labels.shape()) +
                               " must have the shape of logits " + to_string(logits.shape()) +
                               " without its last axis");
  if (labels.dtype() == DType::int32)
    for (std::int64_t i = 0; i < labels.size(); ++i)
      if (labels.data<std::int32_t>()[i] < 0 || labels.data<std::int32_t>()[i] >= C)
        throw InvalidArgumentError(
            std::string(op) + ": label " + std::to_string(labels.data<std::int32_t>()[i]) +
            " at position " + std::to_string(i) + " is outside [0, " + std::to_string(C) + ")");
  Tensor hot = one_hot(labels, static_cast<int>(C)); // checks the dtype
  if (logits.dtype() != DType::float32) hot = cast(hot, logits.dtype());
  Tensor loss = make(logits.dtype(), out_shape);
  float_visit(logits.dtype(), [&](auto t) {
    using T = decltype(t);
    std::vector<T> lsm(C);
    const T* x = logits.data<T>();
    const T* h = hot.data<T>();
    for (std::int64_t r = 0; r < loss.size(); ++r) {
      log_softmax_rows(x + r * C, lsm.data(), 1, C);
      T s = 0;
      for (std::int64_t c = 0; c < C; ++c)
        if (h[r * C + c] != T(0)) s = -lsm[c];
      mut<T>(loss)[r] = s;
    }
  });
  return record(SparseSoftmaxCrossEntropyWithLogits, {logits}, loss, {hot, logits});
}

} // namespace xtape
