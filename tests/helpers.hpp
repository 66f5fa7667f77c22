// Test helpers: element-wise comparisons with CHECK per element, and small tensor makers.
#pragma once
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "xtape/xtape.hpp"

namespace xt_test {

inline void check_values(const xtape::Tensor& t, const std::vector<float>& want,
                         double eps = 1e-5) {
  REQUIRE(t.dtype() == xtape::DType::float32);
  auto got = t.to_vector<float>();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("element " << i);
    CHECK(got[i] == Catch::Approx(want[i]).epsilon(eps).margin(eps));
  }
}

inline void check_tensor(const std::optional<xtape::Tensor>& t, const xtape::Shape& shape,
                         const std::vector<float>& want, double eps = 1e-5) {
  REQUIRE(t.has_value());
  CHECK(t->shape() == shape);
  check_values(*t, want, eps);
}

// Message of the xtape error that f throws (fails the test if it throws nothing or else).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const xtape::Error& e) {
    return e.what();
  }
  FAIL("expected an xtape::Error");
  return {};
}

} // namespace xt_test
