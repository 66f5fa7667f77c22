// GradientTape semantics, as TF2 defines them.
#include <algorithm>
#include <array>

#include <catch2/generators/catch_generators.hpp>

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

// relu(x @ w + b) with x data: the tape runs the three rules as one pass (dense_relu_grad). When
// x's gradient is asked for too it cannot, and the rules run one by one: the same bits.
TEST_CASE("a dense layer's fused backward equals its three rules bit for bit", "[tape][fused]") {
  const auto [B, I, N] =
      GENERATE(std::array<std::int64_t, 3>{7, 5, 3},
               std::array<std::int64_t, 3>{2500, 64, 40}); // 3 K slices, 2 threads
  auto gen = random::Generator::from_seed(11);
  Tensor x = gen.uniform(Shape{B, I}, -1.f, 1.f), c = gen.uniform(Shape{B, N}, -2.f, 2.f);
  Variable w(gen.uniform(Shape{I, N}, -1.f, 1.f), "w"), b(gen.uniform(Shape{N}, -0.5f, 0.5f), "b");
  auto grads = [&](bool with_x) {
    GradientTape tape;
    tape.watch(x);
    Tensor h = relu(matmul(x, w) + b);
    Tensor loss = reduce_sum(h * c); // upstream dh = c
    return with_x ? tape.gradient(loss, {w, b, x}) : tape.gradient(loss, {w, b});
  };
  auto fused = grads(false), plain = grads(true);
  CHECK(fused[0]->shape() == Shape{I, N});
  CHECK(fused[1]->shape() == Shape{N});
  CHECK(fused[0]->to_vector<float>() == plain[0]->to_vector<float>());
  CHECK(fused[1]->to_vector<float>() == plain[1]->to_vector<float>());
  auto h = relu(matmul(x, w) + b).to_vector<float>();
  CHECK(std::count(h.begin(), h.end(), 0.f) > 0); // dead units: the mask mattered
}

TEST_CASE("under a recording tape the dense layer's backward is not fused", "[tape][fused]") {
  // loss = sum(relu(x @ w + b)^2): dh = 2h depends on w, so d/dw sum(dL/dw) exists only if the
  // inner backward was recorded op by op (a fused pass records nothing).
  auto gen = random::Generator::from_seed(12);
  Tensor x = gen.uniform({6, 4}, -1.f, 1.f);
  Variable w(gen.uniform({4, 3}, -1.f, 1.f), "w"), b(gen.uniform({3}, -0.5f, 0.5f), "b");
  auto second = [&](bool with_x) {
    GradientTape outer;
    GradientTape inner;
    inner.watch(x);
    Tensor loss = reduce_sum(square(relu(matmul(x, w) + b)));
    auto dw = with_x ? inner.gradient(loss, {w, x})[0] : inner.gradient(loss, {w})[0];
    return outer.gradient(reduce_sum(*dw), w);
  };
  auto fused_eligible = second(false), plain = second(true);
  REQUIRE(fused_eligible.has_value());
  CHECK(fused_eligible->to_vector<float>() == plain->to_vector<float>());
}

// The fusion covers a chain only where each link has one consumer in all: here z = x @ w + b
// also feeds a second term, whose gradient the fused pass would miss. Whatever order the
// consumers run in, the gradients are those of the rules one by one.
TEST_CASE("a dense layer whose pre-activation has another consumer is not fused", "[tape][fused]") {
  auto gen = random::Generator::from_seed(13);
  Tensor x = gen.uniform({6, 4}, -1.f, 1.f), c = gen.uniform({6, 3}, -2.f, 2.f);
  Variable w(gen.uniform({4, 3}, -1.f, 1.f), "w"), b(gen.uniform({3}, -0.5f, 0.5f), "b");
  for (int order = 0; order < 2; ++order) {
    auto grads = [&](bool with_x) {
      GradientTape tape;
      tape.watch(x);
      Tensor z = matmul(x, w) + b;
      Tensor mm = matmul(x, w);
      Tensor h = relu(z) * c;
      Tensor loss =
          order ? reduce_sum(z * 3.f) + reduce_sum(h) : reduce_sum(h) + reduce_sum(z * 3.f);
      (void)mm;
      return with_x ? tape.gradient(loss, {w, b, x}) : tape.gradient(loss, {w, b});
    };
    auto eligible = grads(false), plain = grads(true);
    INFO("order " << order);
    CHECK(eligible[0]->to_vector<float>() == plain[0]->to_vector<float>());
    CHECK(eligible[1]->to_vector<float>() == plain[1]->to_vector<float>());
  }
}
