// Seeded randomness: deterministic, TF semantics, and the same numbers on every build.
#include "helpers.hpp"

#include <cmath>

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using xt_test::error_of;

TEST_CASE("a seed gives the same numbers; another seed others", "[random]") {
  auto a = random::truncated_normal({100}, 0, 0.1f, 7).to_vector<float>();
  auto b = random::truncated_normal({100}, 0, 0.1f, 7).to_vector<float>();
  auto c = random::truncated_normal({100}, 0, 0.1f, 8).to_vector<float>();
  CHECK(a == b);
  CHECK(a != c);
}

TEST_CASE("pinned values: native and WASM draw identical numbers", "[random]") {
  // These literals were printed by the native build; the same suite runs compiled to WASM.
  auto t = random::truncated_normal({4}, 0, 1, 42).to_vector<float>();
  auto u = random::uniform({2}, 0, 1, 42).to_vector<float>();
  std::vector<float> want_t = {-0.970189691f, -0.0731813088f, -0.336961955f, -0.379737407f};
  std::vector<float> want_u = {0.612959862f, 0.987718642f};
  CHECK(t == want_t);
  CHECK(u == want_u);
}

TEST_CASE("truncated_normal stays within 2 stddev with the right spread", "[random]") {
  auto v = random::truncated_normal({100000}, 1.f, 0.1f, 3).to_vector<float>();
  double s = 0, s2 = 0;
  for (float x : v) {
    REQUIRE(std::fabs(x - 1.f) <= 0.2f + 1e-6f);
    s += x;
    s2 += double(x) * x;
  }
  double mean = s / v.size(), sd = std::sqrt(s2 / v.size() - mean * mean);
  CHECK(mean == Catch::Approx(1.0).margin(2e-3));
  CHECK(sd == Catch::Approx(0.08796).epsilon(0.02)); // stddev of N(0,1) cut at +-2: 0.8796
}

TEST_CASE("normal and uniform moments", "[random]") {
  auto n = random::normal({100000}, 2.f, 3.f, 4).to_vector<float>();
  double s = 0;
  for (float x : n) s += x;
  CHECK(s / n.size() == Catch::Approx(2.0).margin(0.05));
  auto u = random::uniform({100000}, -2.f, 6.f, 5).to_vector<float>();
  for (float x : u) REQUIRE((x >= -2.f && x < 6.f));
}

TEST_CASE("Generator streams differ per call and permutation is a permutation", "[random]") {
  random::Generator g(1);
  auto a = g.normal({10}).to_vector<float>(), b = g.normal({10}).to_vector<float>();
  CHECK(a != b);
  auto p = g.permutation(1000).to_vector<std::int32_t>();
  std::vector<int> seen(1000, 0);
  for (auto i : p) seen.at(i)++;
  for (int s : seen) CHECK(s == 1);
}

TEST_CASE("bad random arguments are errors", "[random][errors]") {
  CHECK_THAT(error_of([] { random::normal({2}, 0, -1); }),
             ContainsSubstring("random.normal: stddev must be positive and finite, got -1"));
  CHECK_THAT(error_of([] { random::uniform({2}, 1, 1); }),
             ContainsSubstring("minval 1.000000 must be below maxval 1.000000"));
  CHECK_THAT(error_of([] { random::uniform({-2}); }), ContainsSubstring("negative dimension"));
}
