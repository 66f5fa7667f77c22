// Tensor statistics in one pass (plus one for the histogram), accumulated in double.
#include "xtape/inspect.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "detail/dtypes.hpp"
#include "xtape/error.hpp"

namespace xtape {
namespace {
template <class T, class F>
void each(const Tensor& t, F&& f) {
  const T* p = t.data<T>();
  for (std::int64_t i = 0; i < t.size(); ++i) f(double(p[i]));
}
template <class F>
void each_value(const Tensor& t, F&& f) {
  detail::visit_dtype(t.dtype(), [&](auto v) { each<decltype(v)>(t, f); });
}
} // namespace

TensorSummary summarize(const Tensor& t, int bins) {
  if (bins < 1 || bins > 4096)
    throw InvalidArgumentError("summarize: bins must be in [1, 4096], got " + std::to_string(bins));
  TensorSummary s;
  s.count = t.size();
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0, sum2 = 0;
  std::int64_t finite = 0;
  each_value(t, [&](double v) {
    if (v == 0) ++s.zeros;
    if (!std::isfinite(v)) {
      ++s.nonfinite;
      return;
    }
    ++finite;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
    sum2 += v * v;
  });
  s.histogram.assign(bins, 0);
  if (!finite) return s;
  s.min = lo;
  s.max = hi;
  s.mean = sum / double(finite);
  s.std = std::sqrt(std::max(0.0, sum2 / double(finite) - s.mean * s.mean));
  const double width = (hi - lo) / bins;
  each_value(t, [&](double v) {
    if (!std::isfinite(v)) return;
    int b = width > 0 ? int((v - lo) / width) : 0;
    ++s.histogram[std::min(b, bins - 1)];
  });
  return s;
}

} // namespace xtape
