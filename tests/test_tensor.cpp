#include "helpers.hpp"

#include <cmath>
#include <sstream>

using namespace xtape;
using xt_test::check_values;
using xt_test::error_of;

TEST_CASE("constant keeps values, shape and dtype", "[tensor]") {
  Tensor t = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {2, 3});
  CHECK(t.shape() == Shape{2, 3});
  CHECK(t.dtype() == DType::float32);
  CHECK(t.rank() == 2);
  CHECK(t.size() == 6);
  check_values(t, {1, 2, 3, 4, 5, 6});
  CHECK(constant(2.5f).shape().empty());
  CHECK(constant(2.5f).item() == 2.5f);
  Tensor i = constant(std::vector<std::int32_t>{1, 2}, {2});
  CHECK(i.dtype() == DType::int32);
  CHECK(i.to_vector<std::int32_t>() == std::vector<std::int32_t>{1, 2});
}

TEST_CASE("zeros, ones, fill and the _like forms", "[tensor]") {
  check_values(zeros({2, 2}), {0, 0, 0, 0});
  check_values(ones({3}), {1, 1, 1});
  check_values(fill({2}, 7.f), {7, 7});
  CHECK(ones({2}, DType::int32).to_vector<std::int32_t>() == std::vector<std::int32_t>{1, 1});
  CHECK(zeros_like(ones({4, 1})).shape() == Shape{4, 1});
  CHECK(zeros({0, 3}).size() == 0);
}

TEST_CASE("tensors have unique ids; copies share them", "[tensor]") {
  Tensor a = ones({2}), b = ones({2});
  Tensor c = a;
  CHECK(a.id() != b.id());
  CHECK(a.id() == c.id());
}

TEST_CASE("tensors print like TF", "[tensor]") {
  std::ostringstream s;
  s << constant({1.f, 2.f});
  CHECK(s.str() == "tf.Tensor([1 2], shape=[2], dtype=float32)");
}

TEST_CASE("data access checks the dtype", "[tensor]") {
  CHECK_THAT(error_of([] { (void)ones({2}).data<std::int32_t>(); }),
             Catch::Matchers::ContainsSubstring("tensor is float32, not int32"));
  CHECK_THAT(error_of([] { (void)ones({2}).item(); }),
             Catch::Matchers::ContainsSubstring("more than one element"));
}

TEST_CASE("Variable: name, trainable, assign, assign_add, assign_sub", "[variable]") {
  Variable w(constant({1.f, 2.f}), "w1");
  CHECK(w.name() == "w1");
  CHECK(w.trainable());
  CHECK_FALSE(Variable(zeros({1}), "b", false).trainable());
  w.assign_sub(constant({0.5f, 0.5f}));
  check_values(w.value(), {0.5f, 1.5f});
  w.assign_add(constant({1.f, 1.f}));
  check_values(w.value(), {1.5f, 2.5f});
  w.assign(constant({9.f, 8.f}));
  check_values(w.value(), {9.f, 8.f});
  Variable alias = w; // same variable, as in Python
  alias.assign_sub(constant({1.f, 1.f}));
  check_values(w.value(), {8.f, 7.f});
}

TEST_CASE("a value read from a variable is immutable", "[variable]") {
  Variable w(constant({1.f, 2.f}));
  Tensor before = w.value();
  w.assign_sub(constant({1.f, 1.f}));
  check_values(before, {1.f, 2.f});
  check_values(w.value(), {0.f, 1.f});
}

TEST_CASE("memory_stats counts tensor buffers and their peak", "[tensor]") {
  auto before = memory_stats();
  reset_peak_memory();
  {
    Tensor big = zeros({1000, 250}); // 1,000,000 bytes
    CHECK(memory_stats().live_bytes == before.live_bytes + 1000000);
  }
  auto after = memory_stats();
  CHECK(after.live_bytes == before.live_bytes);
  CHECK(after.peak_bytes >= before.live_bytes + 1000000);
}

TEST_CASE("summarize: statistics and histogram in one call, NaN and Inf counted apart",
          "[tensor]") {
  auto s = summarize(constant({0.f, 1.f, 2.f, 3.f, NAN, INFINITY, 0.f, 2.f}, {8}), 3);
  CHECK(s.count == 8);
  CHECK(s.zeros == 2);
  CHECK(s.nonfinite == 2);
  CHECK(s.min == 0);
  CHECK(s.max == 3);
  CHECK(s.mean == Catch::Approx(8.0 / 6));
  CHECK(s.std == Catch::Approx(std::sqrt(18.0 / 6 - (8.0 / 6) * (8.0 / 6))));
  CHECK(s.histogram == std::vector<std::int64_t>{2, 1, 3}); // [0,1) [1,2) [2,3]
  auto u = summarize(constant(std::vector<std::uint8_t>{7, 7}, {2}));
  CHECK(u.std == 0);
  CHECK(u.histogram[0] == 2);
  CHECK_THAT(xt_test::error_of([] { summarize(zeros({1}), 0); }),
             Catch::Matchers::ContainsSubstring("bins must be in [1, 4096]"));
}
