// Every bad input throws an xtape error whose message names the op and the offending values;
// nothing aborts, and the library keeps working afterwards.
#include "helpers.hpp"

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using xt_test::error_of;

TEST_CASE("shape errors name the op and both shapes", "[errors]") {
  CHECK(error_of([] {
          matmul(zeros({6, 784}), zeros({128, 10}));
        }) == "matmul: inner dimensions differ: [6,784] x [128,10]");
  CHECK(error_of([] {
          matmul(zeros({6, 784}), zeros({10, 128}), false, true);
        }) == "matmul: inner dimensions differ: [6,784] x [10,128]^T");
  CHECK(error_of([] {
          matmul(zeros({3}), zeros({3, 1}));
        }) == "matmul: expected rank-2 tensors, got [3] x [3,1]");
  CHECK(error_of([] {
          add(zeros({3, 2}), zeros({4}));
        }) == "add: shapes [3,2] and [4] are not broadcastable");
  CHECK(error_of([] {
          reshape(zeros({6}), {4, -1});
        }) == "reshape: cannot reshape [6] (6 elements) into [4,-1]");
  CHECK_THAT(error_of([] {
               transpose(zeros({2, 3}), {0, 0});
             }),
             ContainsSubstring("transpose: [0,0] is not a permutation of the axes of [2,3]"));
  CHECK(error_of([] {
          reduce_sum(zeros({2, 3}), {2});
        }) == "reduce_sum: axis 2 is out of range for shape [2,3]");
  CHECK_THAT(error_of([] { broadcast_to(zeros({3}), {2, 4}); }), ContainsSubstring("broadcast_to"));
  CHECK_THAT(error_of([] {
               softmax_cross_entropy_with_logits(zeros({2, 3}), zeros({2, 4}));
             }),
             ContainsSubstring("labels [2,3] and logits [2,4] differ in shape"));
  CHECK_THAT(error_of([] { softmax(zeros({})); }), ContainsSubstring("non-empty last axis"));
}

TEST_CASE("dtype errors name the expected and actual dtype", "[errors]") {
  Tensor i = constant(std::vector<std::int32_t>{1, 2}, {2});
  Tensor u = constant(std::vector<std::uint8_t>{1, 2}, {2});
  CHECK(error_of([&] { add(u, u); }) ==
        "add: not defined for uint8 (float32, float64, int32 or int64)");
  CHECK_THAT(error_of([&] { relu(i); }), ContainsSubstring("relu: expected float32 or float64"));
  CHECK_THAT(error_of([&] { one_hot(zeros({2}), 3); }),
             ContainsSubstring("one_hot: indices must be int32, int64 or uint8, got float32"));
  CHECK_THAT(error_of([&] { equal(i, zeros({2})); }),
             ContainsSubstring("equal: dtypes differ: int32 and float32"));
}

TEST_CASE("values outside their range: errors, or TF's results where TF gives one", "[errors]") {
  Tensor labels = constant(std::vector<std::int32_t>{1, 12, -1}, {3});
  // TF: an index outside [0, depth) gives a row of off_value.
  xt_test::check_values(one_hot(labels, 3), {0, 1, 0, 0, 0, 0, 0, 0, 0});
  CHECK(one_hot(labels, 0).shape() == Shape{3, 0});
  CHECK_THAT(error_of([&] {
               sparse_softmax_cross_entropy_with_logits(labels, zeros({3, 10}));
             }),
             ContainsSubstring("label 12 at position 1 is outside [0, 10)"));
  CHECK_THAT(error_of([] { one_hot(constant(std::vector<std::int32_t>{0}, {1}), -1); }),
             ContainsSubstring("depth must be >= 0"));
  // TF: unsorted_segment_sum drops rows whose id is negative; their gradient is 0.
  Tensor data = constant({1.f, 2.f, 3.f}, {3, 1});
  GradientTape tape;
  tape.watch(data);
  Tensor s = unsorted_segment_sum(data, constant(std::vector<std::int32_t>{1, -1, 1}, {3}), 2);
  xt_test::check_values(s, {0, 4});
  xt_test::check_tensor(tape.gradient(s, data), {3, 1}, {1, 0, 1});
  CHECK_THAT(error_of([&] {
               unsorted_segment_sum(data, constant(std::vector<std::int32_t>{0, 2, 0}, {3}), 2);
             }),
             ContainsSubstring("segment_ids[1] = 2 is outside [0, 2)"));
  CHECK_THAT(error_of([] {
               constant({1.f, 2.f, 3.f}, {2, 2});
             }),
             ContainsSubstring("3 values do not fill shape [2,2]"));
}

TEST_CASE("variable and tape misuse are errors", "[errors]") {
  Variable w(zeros({2, 2}), "w1");
  CHECK(error_of([&] { w.assign_sub(zeros({2})); }) ==
        "assign_sub: variable 'w1' is float32 [2,2], value is float32 [2]");
  CHECK_THAT(error_of([&] {
               w.assign(constant(std::vector<std::int32_t>{1, 2, 3, 4}, {2, 2}));
             }),
             ContainsSubstring("assign: variable 'w1' is float32 [2,2], value is int32 [2,2]"));
  GradientTape tape;
  Tensor i = argmax(w, 0); // TF: an integer target has no gradient (None), not an error
  CHECK(!tape.gradient(i, {w})[0].has_value());
  GradientTape t2;
  Tensor y = w * 2.f;
  CHECK_THAT(error_of([&] { t2.gradient(y, {w}, ones({3})); }),
             ContainsSubstring("output_gradient shape [3] differs from target [2,2]"));
}

TEST_CASE("after an error everything keeps working", "[errors]") {
  Variable w(ones({2, 2}), "w");
  GradientTape tape;
  CHECK_THROWS_AS(matmul(w, zeros({3, 3})), InvalidArgumentError);
  Tensor y = reduce_sum(matmul(w, ones({2, 1})));
  xt_test::check_tensor(tape.gradient(y, w), {2, 2}, {1, 1, 1, 1});
}
