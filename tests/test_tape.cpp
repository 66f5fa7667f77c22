// GradientTape semantics, as TF2 defines them.
#include "helpers.hpp"

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using xt_test::check_tensor;
using xt_test::error_of;

TEST_CASE("b = a + a; c = b + b gives dc/da = 4", "[tape]") {
  Tensor a = constant({1.f, 2.f});
  GradientTape tape;
  tape.watch(a);
  Tensor b = a + a;
  Tensor c = b + b;
  check_tensor(tape.gradient(c, a), {2}, {4, 4});
}

TEST_CASE("diamond graph: both paths add up", "[tape]") {
  Tensor x = constant(3.f);
  GradientTape tape;
  tape.watch(x);
  Tensor l = square(x); // 9
  Tensor r = x * 2.f;   // 6
  Tensor y = l * r;     // 2x^3, dy/dx = 6x^2 = 54
  check_tensor(tape.gradient(y, x), {}, {54});
}

TEST_CASE("trainable variables are watched when read; constants are not", "[tape]") {
  Variable w(constant(2.f), "w");
  Tensor c = constant(5.f);
  SECTION("unconnected gives none, or zeros on request") {
    GradientTape tape(true);
    Tensor y = w * c;
    auto g = tape.gradient(y, {w, c});
    check_tensor(g[0], {}, {5});
    CHECK_FALSE(g[1].has_value());
    auto z = tape.gradient(y, {w, c}, std::nullopt, UnconnectedGradients::zero);
    check_tensor(z[1], {}, {0});
  }
  SECTION("a variable not in the expression gets none") {
    Variable v(constant(1.f), "v");
    GradientTape tape;
    Tensor y = w * c;
    auto g = tape.gradient(y, {w, v});
    CHECK(g[0].has_value());
    CHECK_FALSE(g[1].has_value());
  }
  SECTION("trainable=false is never watched") {
    Variable frozen(constant(4.f), "frozen", false);
    GradientTape tape;
    Tensor y = frozen * w;
    auto g = tape.gradient(y, {frozen, w});
    CHECK_FALSE(g[0].has_value());
    check_tensor(g[1], {}, {4});
  }
  SECTION("watch_accessed_variables=false watches only what is watched") {
    GradientTape tape(false, false);
    Variable v(constant(3.f), "v");
    tape.watch(v);
    Tensor y = w * v;
    auto g = tape.gradient(y, {w, v});
    CHECK_FALSE(g[0].has_value());
    check_tensor(g[1], {}, {2});
    CHECK(tape.watched_variables().size() == 1);
  }
}

TEST_CASE("a non-persistent tape allows one gradient call", "[tape]") {
  Tensor x = constant(2.f);
  GradientTape tape;
  tape.watch(x);
  Tensor y = x * x;
  CHECK(tape.gradient(y, x).has_value());
  CHECK_THAT(error_of([&] { tape.gradient(y, x); }),
             ContainsSubstring("can only be called once on a non-persistent tape"));
}

TEST_CASE("a persistent tape allows several gradient calls", "[tape]") {
  Tensor x = constant(2.f);
  GradientTape tape(true);
  tape.watch(x);
  Tensor y = x * x;
  Tensor z = y * y;
  check_tensor(tape.gradient(y, x), {}, {4});
  check_tensor(tape.gradient(z, x), {}, {32}); // 4x^3
  check_tensor(tape.gradient(z, y), {}, {8});  // 2y
}

TEST_CASE("nested tapes give second derivatives", "[tape]") {
  Tensor x = constant(3.f);
  GradientTape outer;
  outer.watch(x);
  GradientTape inner;
  inner.watch(x);
  Tensor y = x * x * x;
  auto dy = inner.gradient(y, x); // 3x^2 = 27, recorded on the outer tape
  check_tensor(dy, {}, {27});
  check_tensor(outer.gradient(*dy, x), {}, {18}); // 6x
}

TEST_CASE("stop_recording pauses the tape", "[tape]") {
  Tensor x = constant(2.f);
  GradientTape tape;
  tape.watch(x);
  Tensor y = x * x;
  Tensor z = constant(0.f);
  {
    auto pause = tape.stop_recording();
    z = y * x;
  }
  auto g = tape.gradient(z, {x});
  CHECK_FALSE(g[0].has_value());
}

TEST_CASE("stop_gradient blocks the path", "[tape]") {
  Tensor x = constant(2.f);
  GradientTape tape;
  tape.watch(x);
  Tensor y = x * stop_gradient(x);
  check_tensor(tape.gradient(y, x), {}, {2});
}

TEST_CASE("gradient() ends recording; later ops are not recorded", "[tape]") {
  Variable w(constant(1.f));
  GradientTape tape(true);
  Tensor y = w * 3.f;
  check_tensor(tape.gradient(y, w), {}, {3});
  Tensor later = w * 5.f;
  CHECK_FALSE(tape.gradient(later, w).has_value());
}

TEST_CASE("assigning a variable is not recorded", "[tape]") {
  Variable w(constant(2.f));
  GradientTape tape;
  Tensor y = w * w; // read before the assignment
  w.assign_sub(constant(1.f));
  check_tensor(tape.gradient(y, w), {}, {4}); // 2w at the value that was read
  CHECK(w.value().item() == 1.f);
}

TEST_CASE("reset forgets what was recorded", "[tape]") {
  Tensor x = constant(2.f);
  GradientTape tape;
  tape.watch(x);
  Tensor y = x * x;
  tape.reset();
  tape.watch(x);
  Tensor z = x * 3.f;
  CHECK_FALSE(tape.gradient(y, {x})[0].has_value());
  (void)z;
}

TEST_CASE("integer sources get none", "[tape]") {
  Tensor i = constant(std::vector<std::int32_t>{1}, {1});
  Tensor x = constant({1.f});
  GradientTape tape;
  tape.watch(x);
  tape.watch(i);
  Tensor y = x * cast(i, DType::float32);
  auto g = tape.gradient(y, {x, i});
  check_tensor(g[0], {1}, {1});
  CHECK_FALSE(g[1].has_value());
}

TEST_CASE("a 10,000-op chain back-propagates without recursion", "[tape]") {
  Tensor x = constant(1.f);
  GradientTape tape;
  tape.watch(x);
  Tensor y = x;
  for (int i = 0; i < 10000; ++i) y = y + 0.f;
  check_tensor(tape.gradient(y * 2.f, x), {}, {2});
}
