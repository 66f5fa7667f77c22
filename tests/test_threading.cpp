// Intra-op threads change who computes an element, never its value.
#include "helpers.hpp"

using namespace xtape;
using Catch::Matchers::ContainsSubstring;

TEST_CASE("results do not depend on the number of threads", "[threads]") {
  const int before = num_threads();
  Tensor a = random::stateless_uniform({517, 300}, 1, -1, 1),
         b = random::stateless_uniform({300, 131}, 2, -1, 1);
  Tensor bias = random::stateless_uniform({131}, 3, -1, 1);
  auto run = [&] {
    GradientTape tape;
    tape.watch(a);
    tape.watch(b);
    tape.watch(bias);
    Tensor y = relu(matmul(a, b) + bias);
    Tensor loss = reduce_mean(square(y));
    auto ga = tape.gradient(loss, a);
    return std::make_pair(y.to_vector<float>(), ga->to_vector<float>());
  };
  auto run_fused = [&] { // a takes no gradient: the tape fuses the layer's backward
    GradientTape tape;
    tape.watch(b);
    tape.watch(bias);
    Tensor loss = reduce_mean(square(relu(matmul(a, b) + bias)));
    auto g = tape.gradient(loss, {b, bias});
    return std::make_pair(g[0]->to_vector<float>(), g[1]->to_vector<float>());
  };
  set_num_threads(1);
  auto one = run();
  auto one_fused = run_fused();
  set_num_threads(64); // capped at the hardware's concurrency
  CHECK(num_threads() >= 1);
  auto many = run();
  auto many_fused = run_fused();
  CHECK(one.first == many.first);
  CHECK(one.second == many.second);
  CHECK(one_fused.first == many_fused.first);
  CHECK(one_fused.second == many_fused.second);
  set_num_threads(before);
}

TEST_CASE("every chunk of a parallel loop runs, loop after loop", "[threads]") {
  // 2^20 elements: split over the threads. Chunks are claimed by whichever thread is free, a
  // loop microseconds after the last: a chunk lost or claimed across loops would show here.
  Tensor zero = zeros({1 << 20});
  for (int i = 0; i < 300; ++i) {
    Tensor y = zero + constant(1.f);
    REQUIRE(reduce_sum(y).to_vector<float>()[0] == float(1 << 20));
  }
}

TEST_CASE("set_num_threads rejects values below 1", "[threads][errors]") {
  CHECK_THAT(xt_test::error_of([] { set_num_threads(0); }),
             ContainsSubstring("set_num_threads: n must be at least 1, got 0"));
}
