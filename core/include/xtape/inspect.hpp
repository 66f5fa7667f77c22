// Looking inside a tensor without copying it out: one pass of statistics and a histogram, for the
// page's tensor inspector (the worker sends only these numbers unless a reader opens the tensor).
#pragma once
#include <cstdint>
#include <vector>

#include "xtape/tensor.hpp"

namespace xtape {

struct TensorSummary {
  std::int64_t count = 0;     // elements
  double min = 0, max = 0;    // over the finite values (0 when there are none)
  double mean = 0, std = 0;   // over the finite values; std is the population one (NumPy's)
  std::int64_t zeros = 0;     // elements equal to 0
  std::int64_t nonfinite = 0; // NaN and infinities
  std::vector<std::int64_t> histogram; // `bins` equal bins over [min, max] of the finite values
};

// Any dtype (bool and integers as numbers). Accumulates in double.
TensorSummary summarize(const Tensor& t, int bins = 30);

} // namespace xtape
