// Internal: axis arguments of reductions, normalised and checked.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "xtape/error.hpp"
#include "xtape/tensor.hpp"

namespace xtape::detail {

// Sorted, in [0, rank); nullopt means all axes, an empty list none. Negative axes count from the
// end; an axis named twice is an error (as in TF).
inline std::vector<int> normalize_axes(const char* op, const std::optional<std::vector<int>>& axes,
                                       const Shape& shape) {
  int rank = static_cast<int>(shape.size());
  std::vector<int> out;
  if (!axes) {
    for (int i = 0; i < rank; ++i) out.push_back(i);
    return out;
  }
  for (int a : *axes) {
    if (a < -rank || a >= rank)
      throw InvalidArgumentError(std::string(op) + ": axis " + std::to_string(a) +
                                 " is out of range for shape " + to_string(shape));
    out.push_back(a < 0 ? a + rank : a);
  }
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    throw InvalidArgumentError(std::string(op) + ": an axis is repeated in the axes of shape " +
                               to_string(shape));
  return out;
}

// The shape after reducing `axes`, with 1s left in place when keepdims.
inline Shape reduced_shape(const Shape& shape, const std::vector<int>& axes, bool keepdims) {
  Shape out;
  for (int i = 0; i < static_cast<int>(shape.size()); ++i) {
    bool reduced = std::binary_search(axes.begin(), axes.end(), i);
    if (!reduced)
      out.push_back(shape[i]);
    else if (keepdims)
      out.push_back(1);
  }
  return out;
}

} // namespace xtape::detail
