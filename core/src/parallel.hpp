// Internal: a fixed pool of worker threads and a static-partition parallel_for over [0, n).
#pragma once
#include <cstddef>
#include <functional>

namespace xtape::detail {

// Calls fn(begin, end) on disjoint ranges covering [0, n), in parallel when n >= grain * 2 and
// more than one thread is configured; each range is a multiple of `align` long (except the last).
void parallel_for(std::size_t n, std::size_t grain, std::size_t align,
                  const std::function<void(std::size_t, std::size_t)>& fn);

} // namespace xtape::detail
