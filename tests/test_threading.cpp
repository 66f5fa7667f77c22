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
    Tensor y = relu(matmul(a, b) + bias);
    Tensor loss = reduce_mean(square(y));
    auto g = tape.gradient(loss, a);
    return std::make_pair(y.to_vector<float>(), g->to_vector<float>());
  };
  set_num_threads(1);
  auto one = run();
  set_num_threads(64); // capped at the hardware's concurrency
  CHECK(num_threads() >= 1);
  auto many = run();
  CHECK(one.first == many.first);
  CHECK(one.second == many.second);
  set_num_threads(before);
}

TEST_CASE("set_num_threads rejects values below 1", "[threads][errors]") {
  CHECK_THAT(xt_test::error_of([] { set_num_threads(0); }),
             ContainsSubstring("set_num_threads: n must be at least 1, got 0"));
}
