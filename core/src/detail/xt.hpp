// Internal: Tensors seen as xtensor expressions (no copies). Included only by the op units.
#pragma once
#include <array>
#include <vector>

#include <xsimd/config/xsimd_config.hpp>
#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor_config.hpp>

#include "detail/tensor_impl.hpp"

// Debian 12's own xtensor 0.24 / xsimd 8 in /usr/include must never be picked up silently.
static_assert(XTENSOR_VERSION_MAJOR == 0 && XTENSOR_VERSION_MINOR == 25,
              "xtape needs xtensor 0.25");
static_assert(XSIMD_VERSION_MAJOR == 13, "xtape needs xsimd 13");

namespace xtape::detail {

inline std::vector<std::size_t> xshape(const Shape& s) { return {s.begin(), s.end()}; }

// 1-D view of n elements from p.
template <class T>
auto span(T* p, std::size_t n) {
  return xt::adapt(p, n, xt::no_ownership(), std::array<std::size_t, 1>{n});
}
// n-d view with the tensor's shape.
template <class T>
auto nd(const Tensor& t) {
  return xt::adapt(t.data<T>(), static_cast<std::size_t>(t.size()), xt::no_ownership(),
                   xshape(t.shape()));
}
template <class T>
auto nd_mut(const Tensor& t) {
  return xt::adapt(mut<T>(t), static_cast<std::size_t>(t.size()), xt::no_ownership(),
                   xshape(t.shape()));
}

} // namespace xtape::detail
