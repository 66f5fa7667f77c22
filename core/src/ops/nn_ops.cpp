// Softmax family over the last axis, computed stably (shifted by the row maximum).
#include <cmath>
#include <limits>

#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
std::int64_t classes(const char* op, const Tensor& logits) {
  check_float(op, "logits", logits);
  if (logits.rank() == 0 || logits.shape().back() == 0)
    throw InvalidArgumentError(std::string(op) + ": logits need a non-empty last axis, got " +
                               to_string(logits.shape()));
  return logits.shape().back();
}

// For each row of C logits: m = max, lse = m + log(sum exp(x - m)); writes out[c] = x[c] - lse.
void log_softmax_rows(const float* x, float* out, std::int64_t rows, std::int64_t C) {
  for (std::int64_t r = 0; r < rows; ++r, x += C, out += C) {
    float m = -std::numeric_limits<float>::infinity();
    for (std::int64_t c = 0; c < C; ++c) m = std::max(m, x[c]);
    double s = 0;
    for (std::int64_t c = 0; c < C; ++c) s += std::exp(double(x[c]) - m);
    double lse = m + std::log(s);
    for (std::int64_t c = 0; c < C; ++c) out[c] = float(x[c] - lse);
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
  Tensor y = make(DType::float32, logits.shape());
  log_softmax_rows(logits.data<float>(), mut<float>(y), logits.size() / C, C);
  return record(LogSoftmax, {logits}, y, {y});
}

Tensor softmax(const Tensor& logits) {
  std::int64_t C = classes("softmax", logits);
  Tensor y = make(DType::float32, logits.shape());
  float* py = mut<float>(y);
  log_softmax_rows(logits.data<float>(), py, logits.size() / C, C);
  for (std::int64_t i = 0; i < y.size(); ++i) py[i] = std::exp(py[i]);
  return record(Softmax, {logits}, y, {y});
}

Tensor softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits) {
  const char* op = "softmax_cross_entropy_with_logits";
  std::int64_t C = classes(op, logits);
  check_float(op, "labels", labels);
  if (labels.shape() != logits.shape())
    throw InvalidArgumentError(std::string(op) + ": labels " + to_string(labels.shape()) +
                               " and logits " + to_string(logits.shape()) + " differ in shape");
  Shape out_shape(logits.shape().begin(), logits.shape().end() - 1);
  Tensor loss = make(DType::float32, out_shape);
  std::vector<float> lsm(C);
  const float* x = logits.data<float>();
  const float* l = labels.data<float>();
  for (std::int64_t r = 0; r < loss.size(); ++r) {
    log_softmax_rows(x + r * C, lsm.data(), 1, C);
    double s = 0;
    for (std::int64_t c = 0; c < C; ++c)
      if (l[r * C + c] != 0.f) s -= double(l[r * C + c]) * lsm[c];
    mut<float>(loss)[r] = float(s);
  }
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
  Tensor loss = make(DType::float32, out_shape);
  std::vector<float> lsm(C);
  const float* x = logits.data<float>();
  const float* h = hot.data<float>();
  for (std::int64_t r = 0; r < loss.size(); ++r) {
    log_softmax_rows(x + r * C, lsm.data(), 1, C);
    float s = 0;
    for (std::int64_t c = 0; c < C; ++c)
      if (h[r * C + c] != 0.f) s = -lsm[c];
    mut<float>(loss)[r] = s;
  }
  return record(SparseSoftmaxCrossEntropyWithLogits, {logits}, loss, {hot, logits});
}

} // namespace xtape
