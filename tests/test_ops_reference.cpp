// Hand-computed TF reference values, forward and backward, with non-unit upstream gradients.
#include <array>
#include <cmath>

#include "helpers.hpp"

using namespace xtape;
using xt_test::check_tensor;
using xt_test::check_values;
using xt_test::error_of;

TEST_CASE("[3,1] + [1,4] broadcasts both ways; gradients are reduced back", "[ref][broadcast]") {
  Tensor a = constant({1.f, 2.f, 3.f}, {3, 1}), b = constant({10.f, 20.f, 30.f, 40.f}, {1, 4});
  GradientTape tape;
  tape.watch(a);
  tape.watch(b);
  Tensor y = a + b;
  check_values(y, {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43});
  Tensor dy = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f, 8.f, 9.f, 10.f, 11.f, 12.f}, {3, 4});
  auto g = tape.gradient(y, {a, b}, dy);
  check_tensor(g[0], {3, 1}, {10, 26, 42});     // row sums
  check_tensor(g[1], {1, 4}, {15, 18, 21, 24}); // column sums
}

// Every broadcasting path (same shape, a scalar, rows, columns, both ways, leading dims) against
// NumPy's rule computed index by index, for arithmetic, comparisons, int32 and broadcast_to.
TEST_CASE("broadcasting: each kernel path against an index-by-index reference",
          "[ref][broadcast]") {
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{2, 3}, {2, 3}},       {{2, 3}, {}},           {{}, {2, 3}},     {{2, 3}, {3}},
      {{3}, {2, 3}},          {{2, 3}, {2, 1}},       {{2, 1}, {2, 3}}, {{3, 1}, {2, 3, 4}},
      {{2, 1, 4}, {2, 3, 1}}, {{1, 3, 1}, {2, 3, 4}}, {{4}, {2, 1, 4}}, {{1, 1}, {2, 3}}};
  auto iota = [](const Shape& s, float from) {
    std::int64_t n = 1;
    for (auto d : s) n *= d;
    std::vector<float> v(n);
    for (std::int64_t i = 0; i < n; ++i) v[i] = from + float(i);
    return constant(v, s);
  };
  for (const auto& [sa, sb] : cases) {
    CAPTURE(to_string(sa), to_string(sb));
    Tensor a = iota(sa, 1.f), b = iota(sb, 3.f);
    Tensor z = a + b, gt = greater(a, b), zi = cast(a, DType::int32) * cast(b, DType::int32);
    Shape s = z.shape();
    const std::size_t r = s.size();
    // the element of t at the output index idx, by NumPy's rule (right-aligned, size-1 dims repeat)
    auto at = [&](const Tensor& t, const std::vector<std::int64_t>& idx) {
      std::int64_t off = 0;
      const Shape& ts = t.shape();
      for (std::size_t k = 0; k < ts.size(); ++k)
        off = off * ts[k] + (ts[k] == 1 ? 0 : idx[r - ts.size() + k]);
      return t.data<float>()[off];
    };
    Tensor ab = broadcast_to(a, s);
    std::vector<std::int64_t> idx(r, 0);
    for (std::int64_t i = 0; i < z.size(); ++i) {
      std::int64_t rest = i;
      for (std::size_t k = r; k-- > 0;) {
        idx[k] = rest % s[k];
        rest /= s[k];
      }
      const float x = at(a, idx), y = at(b, idx);
      REQUIRE(z.data<float>()[i] == x + y);
      REQUIRE(gt.data<bool>()[i] == (x > y));
      REQUIRE(zi.data<std::int32_t>()[i] == std::int32_t(x) * std::int32_t(y));
      REQUIRE(ab.data<float>()[i] == x);
    }
  }
}

TEST_CASE("bias add [N,K] + [K]: the bias gradient sums over the batch", "[ref][broadcast]") {
  Tensor x = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {3, 2});
  Variable b(constant({0.5f, -0.5f}), "b");
  GradientTape tape;
  Tensor y = x + b;
  check_values(y, {1.5f, 1.5f, 3.5f, 3.5f, 5.5f, 5.5f});
  auto g = tape.gradient(y, {b}, constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {3, 2}));
  check_tensor(g[0], {2}, {9, 12});
}

TEST_CASE("reduce_mean of 2x2 gives 0.25 each, scaled by the upstream gradient", "[ref]") {
  Tensor x = constant({1.f, 2.f, 3.f, 4.f}, {2, 2});
  GradientTape tape(true);
  tape.watch(x);
  Tensor m = reduce_mean(x);
  Tensor rows = reduce_mean(x, {1}, true);
  CHECK(m.item() == 2.5f);
  check_tensor(tape.gradient(m, x), {2, 2}, {0.25f, 0.25f, 0.25f, 0.25f});
  check_tensor(tape.gradient(m, {x}, constant(3.f))[0], {2, 2}, {0.75f, 0.75f, 0.75f, 0.75f});
  check_tensor(rows, {2, 1}, {1.5f, 3.5f});
  check_tensor(tape.gradient(rows, {x}, constant({2.f, 4.f}, {2, 1}))[0], {2, 2}, {1, 1, 2, 2});
}

TEST_CASE("relu'(0) = 0", "[ref]") {
  Tensor x = constant({-1.f, 0.f, 2.f});
  GradientTape tape;
  tape.watch(x);
  Tensor y = relu(x);
  check_values(y, {0, 0, 2});
  check_tensor(tape.gradient(y, {x}, constant({3.f, 3.f, 3.f}))[0], {3}, {0, 0, 3});
}

TEST_CASE("matmul forward and TF's MatMulGrad", "[ref][matmul]") {
  Tensor a = constant({1.f, 2.f, 3.f, 4.f}, {2, 2}), b = constant({5.f, 6.f, 7.f, 8.f}, {2, 2});
  GradientTape tape;
  tape.watch(a);
  tape.watch(b);
  Tensor y = matmul(a, b);
  check_values(y, {19, 22, 43, 50});
  auto g = tape.gradient(y, {a, b}, constant({1.f, 2.f, 3.f, 4.f}, {2, 2}));
  check_tensor(g[0], {2, 2}, {17, 23, 39, 53}); // dy @ b^T
  check_tensor(g[1], {2, 2}, {10, 14, 14, 20}); // a^T @ dy
}

TEST_CASE("relu_layer: values and gradients, fused or not", "[ref][matmul]") {
  // z = x @ w = [[0, 4, -3], [1, 0, 0.5]];  y = relu(z + b) = [[0.1, 3.8, 0], [1.1, 0, 0.8]]
  Tensor x = constant({1.f, -2.f, 0.5f, 1.f}, {2, 2});
  Tensor w = constant({1.f, 2.f, -1.f, 0.5f, -1.f, 1.f}, {2, 3});
  Tensor b = constant({0.1f, -0.2f, 0.3f});
  Tensor dy = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {2, 3});
  check_values(relu_layer(x, w, b), {0.1f, 3.8f, 0.f, 1.1f, 0.f, 0.8f});
  auto grads = [&](std::vector<Source> sources) {
    GradientTape tape;
    tape.watch(x), tape.watch(w), tape.watch(b);
    Tensor y = relu_layer(x, w, b);
    return tape.gradient(y, sources, dy);
  };
  // dz = dy * [y > 0] = [[1, 2, 0], [4, 0, 6]]
  auto all = grads({x, w, b});
  check_tensor(all[0], {2, 2}, {5, -1.5f, -2, 8});   // dz @ w^T
  check_tensor(all[1], {2, 3}, {3, 2, 3, 2, -4, 6}); // x^T @ dz
  check_tensor(all[2], {3}, {5, 2, 6});              // sum over rows of dz
  auto fused = grads({w, b});                        // x takes none: one pass
  CHECK(fused[0]->to_vector<float>() == all[1]->to_vector<float>());
  CHECK(fused[1]->to_vector<float>() == all[2]->to_vector<float>());
  CHECK_THAT(xt_test::error_of([&] {
               relu_layer(x, w, constant({1.f, 2.f}));
             }),
             Catch::Matchers::ContainsSubstring("relu_layer: expected x [B,I], weights [I,N] and "
                                                "biases [N], got [2,2], [2,3] and [2]"));
}

TEST_CASE("relu_layer equals matmul, add and relu on blocked sizes", "[ref][matmul]") {
  for (const auto& [m, k, n] :
       {std::array<std::int64_t, 3>{97, 33, 300}, std::array<std::int64_t, 3>{2500, 70, 40}}) {
    Tensor x = random::stateless_uniform({m, k}, 5, -1, 1),
           w = random::stateless_uniform({k, n}, 6, -1, 1),
           b = random::stateless_uniform({n}, 7, -1, 1);
    CHECK(relu_layer(x, w, b).to_vector<float>() == relu(matmul(x, w) + b).to_vector<float>());
  }
}

TEST_CASE("matmul transposes agree with explicit transposes on blocked sizes", "[ref][matmul]") {
  // Sizes that cross the kernel's tile and block edges (MR=2 rows, NR=3 or 4 vectors of 4,
  // KC=1024, MC=96; see core/src/kernels/gemm.cpp).
  const std::int64_t sizes[][3] = {
      {1, 1, 1}, {7, 9, 5}, {97, 33, 300}, {13, 130, 257}, {50, 21, 2049}};
  for (const auto& mnk : sizes) {
    const std::int64_t m = mnk[0], n = mnk[1], k = mnk[2];
    Tensor a = random::stateless_uniform({m, k}, 1, -1, 1),
           b = random::stateless_uniform({k, n}, 2, -1, 1);
    auto want = matmul(a, b).to_vector<float>();
    // naive reference in double
    auto av = a.to_vector<float>(), bv = b.to_vector<float>();
    for (std::int64_t i = 0; i < m; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        double s = 0;
        for (std::int64_t p = 0; p < k; ++p) s += double(av[i * k + p]) * bv[p * n + j];
        CHECK(want[i * n + j] == Catch::Approx(s).margin(1e-4));
      }
    Tensor at = transpose(a), bt = transpose(b);
    check_values(matmul(at, b, true, false), want, 1e-4);
    check_values(matmul(a, bt, false, true), want, 1e-4);
    check_values(matmul(at, bt, true, true), want, 1e-4);
  }
}

TEST_CASE("square, sigmoid, tanh, exp, log, sqrt: values and gradients", "[ref]") {
  Tensor x = constant({1.f, -2.f, 3.f});
  Tensor dy = constant({2.f, 2.f, 2.f});
  auto grad = [&](Tensor (*f)(const Tensor&), const Tensor& in) {
    GradientTape t;
    t.watch(in);
    return t.gradient(f(in), {in}, dy)[0];
  };
  check_values(square(x), {1, 4, 9});
  check_tensor(grad(square, x), {3}, {4, -8, 12});
  Tensor z = constant({0.f, 0.f, 0.f});
  check_values(sigmoid(z), {0.5f, 0.5f, 0.5f});
  check_tensor(grad(sigmoid, z), {3}, {0.5f, 0.5f, 0.5f});
  check_tensor(grad(xtape::tanh, z), {3}, {2, 2, 2});
  check_tensor(grad(xtape::exp, z), {3}, {2, 2, 2});
  Tensor p = constant({1.f, 4.f, 0.25f});
  check_values(xtape::log(p), {0.f, std::log(4.f), std::log(0.25f)});
  check_tensor(grad(xtape::log, p), {3}, {2, 0.5f, 8});
  check_values(xtape::sqrt(p), {1, 2, 0.5f});
  check_tensor(grad(xtape::sqrt, p), {3}, {1, 0.5f, 2});
}

TEST_CASE("softmax cross-entropy stays finite for large logits", "[ref][nn]") {
  Tensor logits = constant({1000.f, 0.f, -1000.f, 0.f}, {2, 2});
  Tensor labels = constant({0.f, 1.f, 1.f, 0.f}, {2, 2});
  GradientTape tape;
  tape.watch(logits);
  Tensor loss = softmax_cross_entropy_with_logits(labels, logits);
  check_tensor(loss, {2}, {1000.f, 1000.f});
  auto g = tape.gradient(loss, {logits}, constant({2.f, 1.f}));
  check_tensor(g[0], {2, 2}, {2, -2, -1, 1});
  Tensor sparse = sparse_softmax_cross_entropy_with_logits(
      constant(std::vector<std::int32_t>{1, 0}, {2}), logits);
  check_tensor(sparse, {2}, {1000.f, 1000.f});
  check_values(softmax(logits), {1, 0, 0, 1});
  check_values(log_softmax(constant({0.f, 0.f})), {-std::log(2.f), -std::log(2.f)});
}

// 2^24 then seventeen ones in float32, where 2^24 + 1 rounds back to 2^24 (ties to even):
// one after another the ones vanish; NumPy's pairwise order (8 accumulators) keeps them:
// r0 = 2^24 + 1 -> 2^24, r1..r7 = 2, ((2^24 + 2) + 4) + 8 = 2^24 + 14, then + 1 twice -> 2^24 + 16.
TEST_CASE("numpy_sum adds in NumPy's order and precision; reduce_sum in double", "[ref]") {
  std::vector<float> v(18, 1.f);
  v[0] = 16777216.f;
  Tensor x = constant(v, {18});
  check_values(numpy_sum(x), {16777232.f});
  check_values(numpy_sum(reshape(x, {18, 1}), {0}), {16777232.f}); // length-1 axes dropped
  check_values(numpy_sum(reshape(x, {2, 9})), {16777232.f});
  check_values(reduce_sum(x), {16777216.f}); // 2^24 + 17 in double, rounded to float32
  // Down a column (axis 0 of [9, 2]) NumPy adds row after row: 2^24 + 1 + ... stays 2^24.
  Tensor col = reshape(x, {9, 2});
  check_tensor(numpy_sum(col, {0}, true), {1, 2}, {16777216.f, 9.f});
  // Past 8192 elements NumPy sums 8192-element chunks (its buffer) and adds them in turn:
  // 2^24, then + 1 (chunk 2), then + 1 (chunk 3), each lost; halving the whole 24576 would have
  // put both ones in one half (2) and kept them (2^24 + 2).
  std::vector<float> z(3 * 8192, 0.f);
  z[0] = 16777216.f;
  z[12288] = z[16384] = 1.f;
  check_values(numpy_sum(constant(z, {3 * 8192})), {16777216.f});
  // Integers are exact in any order; the gradient is reduce_sum's.
  Tensor n = constant(std::vector<std::int64_t>{1, 2, 3, 4}, {2, 2});
  CHECK(numpy_sum(n, {1}).to_vector<std::int64_t>() == std::vector<std::int64_t>{3, 7});
  Tensor p = constant({1.f, 2.f, 3.f, 4.f}, {2, 2});
  GradientTape tape;
  tape.watch(p);
  Tensor s = numpy_sum(p, {0});
  check_tensor(tape.gradient(s, {p}, constant({2.f, -3.f}))[0], {2, 2}, {2, -3, 2, -3});
}

// [2,2,3] @ [3,1] (b broadcast over the batch): each batch element's rows times b = [1,2,3]^T.
TEST_CASE("matmul past rank 2: one product per batch element, batch axes broadcast", "[ref]") {
  Tensor a = constant({1.f, 0.f, 0.f, 0.f, 1.f, 0.f, 1.f, 1.f, 1.f, 2.f, 0.f, -1.f}, {2, 2, 3});
  Tensor b = constant({1.f, 2.f, 3.f}, {3, 1});
  GradientTape tape;
  tape.watch(a);
  tape.watch(b);
  Tensor y = matmul(a, b);
  check_tensor(y, {2, 2, 1}, {1, 2, 6, -1});
  // upstream [1, 2, 3, 4]: da[i] = dy[i] b^T; db = sum_i a[i]^T dy[i] (b was broadcast)
  auto g = tape.gradient(y, {a, b}, constant({1.f, 2.f, 3.f, 4.f}, {2, 2, 1}));
  check_tensor(g[0], {2, 2, 3}, {1, 2, 3, 2, 4, 6, 3, 6, 9, 4, 8, 12});
  check_tensor(g[1], {3, 1}, {1 + 3 + 8, 2 + 3, 3 - 4});
  // transpose_b on the last two axes; batch axes [2,1] and [3] broadcast to [2,3]
  Tensor p = constant(std::vector<float>(2 * 1 * 2 * 2, 1.f), {2, 1, 2, 2});
  Tensor q = constant(std::vector<float>(3 * 4 * 2, 2.f), {3, 4, 2});
  check_tensor(matmul(p, q, false, true), {2, 3, 2, 4}, std::vector<float>(48, 4.f));
  CHECK_THROWS_WITH(matmul(constant({1.f, 2.f}, {2}), q),
                    Catch::Matchers::ContainsSubstring("rank 2 or more"));
  CHECK_THROWS_WITH(matmul(constant(std::vector<float>(12, 1.f), {2, 2, 3}),
                           constant(std::vector<float>(12, 1.f), {3, 2, 2})),
                    Catch::Matchers::ContainsSubstring("not broadcastable"));
}

TEST_CASE("reductions, argmax, equal, cast, one_hot, transpose, reshape", "[ref]") {
  Tensor x = constant({1.f, 5.f, 3.f, 4.f, 2.f, 6.f}, {2, 3});
  check_tensor(reduce_sum(x, {0}), {3}, {5, 7, 9});
  check_tensor(reduce_sum(x, {1}, true), {2, 1}, {9, 12});
  check_tensor(reduce_max(x, {1}), {2}, {5, 6});
  check_tensor(reduce_mean(x, {-1}), {2}, {3, 4});
  CHECK(argmax(x, 1).to_vector<std::int64_t>() == std::vector<std::int64_t>{1, 2});
  CHECK(argmax(x, 0, DType::int32).to_vector<std::int32_t>() == std::vector<std::int32_t>{1, 0, 1});
  auto eq = equal(argmax(x, 1), constant(std::vector<std::int64_t>{1, 0}, {2}));
  CHECK(eq.dtype() == DType::bool_);
  check_values(cast(eq, DType::float32), {1, 0});
  CHECK(cast(constant({-1.7f, 2.9f}), DType::int32).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{-1, 2});
  check_tensor(one_hot(constant(std::vector<std::uint8_t>{2, 0}, {2}), 3), {2, 3},
               {0, 0, 1, 1, 0, 0});
  check_tensor(transpose(x), {3, 2}, {1, 4, 5, 2, 3, 6});
  check_tensor(reshape(x, {-1}), {6}, {1, 5, 3, 4, 2, 6});
  check_tensor(broadcast_to(constant({1.f, 2.f}), {2, 2}), {2, 2}, {1, 2, 1, 2});
  // reduce over non-adjacent axes goes through a transpose
  Tensor c = random::stateless_uniform({2, 3, 4}, 3, -1, 1);
  check_values(reduce_sum(c, {0, 2}), reduce_sum(reduce_sum(c, {2}), {0}).to_vector<float>());
}

TEST_CASE("reduce_max splits the gradient evenly between ties, as TF", "[ref]") {
  Tensor x = constant({3.f, 1.f, 3.f});
  GradientTape tape;
  tape.watch(x);
  Tensor m = reduce_max(x);
  check_tensor(tape.gradient(m, {x}, constant(4.f))[0], {3}, {2, 0, 2});
}

TEST_CASE("a 600,000-element mean keeps float64 accuracy", "[ref]") {
  // A float32 running sum of 600,000 values of 0.1 drifts by ~1e-3 relative.
  Tensor x = fill({60000, 10}, 0.1f);
  CHECK(reduce_mean(x).item() == Catch::Approx(0.1).epsilon(1e-7));
}

TEST_CASE("gather picks rows; its gradient adds repeated rows back", "[ref]") {
  Tensor p = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {3, 2});
  Tensor idx = constant(std::vector<std::int32_t>{2, 0, 2}, {3});
  GradientTape tape;
  tape.watch(p);
  Tensor y = gather(p, idx);
  check_tensor(y, {3, 2}, {5, 6, 1, 2, 5, 6});
  auto g = tape.gradient(y, {p}, constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {3, 2}));
  check_tensor(g[0], {3, 2}, {3, 4, 0, 0, 6, 8});
  Tensor labels = constant(std::vector<std::uint8_t>{7, 8, 9}, {3});
  CHECK(gather(labels, idx).to_vector<std::uint8_t>() == std::vector<std::uint8_t>{9, 7, 9});
}

TEST_CASE("convert_image_dtype equals cast then divide by 255, bit for bit", "[ref]") {
  std::vector<std::uint8_t> v(256);
  for (int i = 0; i < 256; ++i) v[i] = std::uint8_t(i);
  Tensor img = constant(v, {16, 16});
  CHECK(convert_image_dtype(img).to_vector<float>() ==
        (cast(img, DType::float32) / 255.f).to_vector<float>());
  CHECK_THROWS_AS(convert_image_dtype(zeros({2})), InvalidArgumentError);
}

TEST_CASE("sin, cos, abs with TF's gradients and a non-unit upstream", "[ref]") {
  const float half_pi = 1.5707963f;
  Tensor x = constant({0.f, half_pi}), a = constant({-2.f, 3.f});
  GradientTape tape(true);
  tape.watch(x);
  tape.watch(a);
  Tensor s = xtape::sin(x), c = xtape::cos(x), m = xtape::abs(a);
  check_values(s, {0, 1});
  check_values(m, {2, 3});
  check_tensor(tape.gradient(s, {x}, constant({2.f, 3.f}))[0], {2}, {2, 0}, 1e-6f);
  check_tensor(tape.gradient(c, {x}, constant({2.f, 3.f}))[0], {2}, {0, -3}, 1e-6f);
  check_tensor(tape.gradient(m, {a}, constant({5.f, 7.f}))[0], {2}, {-5, 7});
}

// sinh 0 = 0, cosh 0 = 1; at ln 2: sinh = (2 - 1/2) / 2 = 0.75, cosh = (2 + 1/2) / 2 = 1.25;
// the gradient of sinh is cosh and of cosh is sinh.
TEST_CASE("sinh and cosh with TF's gradients, and float64 from the C library", "[ref]") {
  Tensor x = constant({0.f, 0.6931472f});
  GradientTape tape(true);
  tape.watch(x);
  Tensor s = xtape::sinh(x), c = xtape::cosh(x);
  check_values(s, {0, 0.75f}, 1e-6f);
  check_values(c, {1, 1.25f}, 1e-6f);
  check_tensor(tape.gradient(s, {x}, constant({2.f, 3.f}))[0], {2}, {2, 3.75f}, 1e-6f);
  check_tensor(tape.gradient(c, {x}, constant({2.f, 3.f}))[0], {2}, {0, 2.25f}, 1e-6f);
  // float64 goes through std::, value for value (xsimd's double sin is up to 3 ulp off it)
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i) v.push_back((i - 500) / 30.0);
  Tensor d = constant(v, {1000});
  auto same = [&](Tensor y, double (*f)(double)) {
    auto got = y.to_vector<double>();
    for (int i = 0; i < 1000; ++i) REQUIRE(got[i] == f(v[i]));
  };
  same(xtape::sin(d), [](double a) { return std::sin(a); });
  same(xtape::tanh(d), [](double a) { return std::tanh(a); });
  same(xtape::sinh(d), [](double a) { return std::sinh(a); });
  same(xtape::atan(d), [](double a) { return std::atan(a); });
}

// Exact powers stay exact (the C library's pow; xsimd's gave 48^2 = 2303.9999999999995).
TEST_CASE("pow is exact where the power is representable, in float32 and float64", "[ref]") {
  std::vector<double> base, expo, want;
  for (int i = 1; i < 200; ++i) {
    base.push_back(i);
    expo.push_back(i % 3 + 1);
    want.push_back(std::pow(double(i), double(i % 3 + 1))); // exact: below 2^53
  }
  const auto n = static_cast<std::int64_t>(base.size());
  CHECK(xtape::pow(constant(base, {n}), constant(expo, {n})).to_vector<double>() == want);
  check_values(xtape::pow(constant({48.f, 3.f, 2.f}), constant({2.f, 3.f, -2.f})),
               {2304, 27, 0.25f}, 0);
}

TEST_CASE("maximum and minimum: ties go to x, as TF's _MaximumGrad", "[ref]") {
  Tensor x = constant({1.f, 5.f, 2.f}), y = constant({3.f, 2.f, 2.f});
  GradientTape tape(true);
  tape.watch(x);
  tape.watch(y);
  Tensor hi = maximum(x, y), lo = minimum(x, y);
  check_values(hi, {3, 5, 2});
  check_values(lo, {1, 2, 2});
  auto g = tape.gradient(hi, {x, y}, constant({2.f, 3.f, 4.f}));
  check_tensor(g[0], {3}, {0, 3, 4});
  check_tensor(g[1], {3}, {2, 0, 0});
  auto h = tape.gradient(lo, {x, y}, constant({2.f, 3.f, 4.f}));
  check_tensor(h[0], {3}, {2, 0, 4});
  check_tensor(h[1], {3}, {0, 3, 0});
}

TEST_CASE("pow: dx = dz y x^(y-1), dy = dz z ln x", "[ref]") {
  Tensor x = constant({2.f, 3.f}), y = constant({3.f, 2.f});
  GradientTape tape;
  tape.watch(x);
  tape.watch(y);
  Tensor z = xtape::pow(x, y);
  check_values(z, {8, 9});
  auto g = tape.gradient(z, {x, y}, constant({1.f, 2.f}));
  check_tensor(g[0], {2}, {12, 12});
  check_tensor(g[1], {2}, {5.5451775f, 19.775021f}, 1e-5f);
}

TEST_CASE("reduce_prod with a zero and reduce_min: TF's values and gradients", "[ref]") {
  Tensor x = constant({2.f, 0.f, 3.f, 1.f, 4.f, 5.f}, {2, 3});
  GradientTape tape(true);
  tape.watch(x);
  Tensor p = reduce_prod(x, {1}), m = reduce_min(x, {1});
  check_tensor(p, {2}, {0, 20});
  check_tensor(m, {2}, {0, 1});
  check_tensor(tape.gradient(p, {x}, constant({2.f, 3.f}))[0], {2, 3}, {0, 12, 0, 60, 15, 12});
  check_tensor(tape.gradient(m, {x}, constant({2.f, 3.f}))[0], {2, 3}, {0, 2, 0, 3, 0, 0});
  CHECK(reduce_prod(constant(std::vector<std::int32_t>{2, 3, 4}, {3})).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{24});
  CHECK(argmin(constant({3.f, 1.f, 2.f})).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{1});
}

TEST_CASE("concat and stack; their gradients are slices of the upstream", "[ref]") {
  Tensor a = constant({1.f, 2.f}, {1, 2}), b = constant({3.f}, {1, 1});
  GradientTape tape(true);
  tape.watch(a);
  tape.watch(b);
  Tensor c = concat({a, b}, 1);
  check_tensor(c, {1, 3}, {1, 2, 3});
  auto g = tape.gradient(c, {a, b}, constant({4.f, 5.f, 6.f}, {1, 3}));
  check_tensor(g[0], {1, 2}, {4, 5});
  check_tensor(g[1], {1, 1}, {6});
  Tensor s = stack({constant({1.f, 2.f}), constant({3.f, 4.f})}, 1);
  check_tensor(s, {2, 2}, {1, 3, 2, 4});
  CHECK_THROWS_WITH(concat({a, constant(std::vector<std::int32_t>{1}, {1, 1})}, 1),
                    Catch::Matchers::ContainsSubstring("concat: values[1] is int32"));
  CHECK_THROWS_WITH(concat({a, b}, 0),
                    Catch::Matchers::ContainsSubstring("does not fit values[0] [1,2]"));
}

TEST_CASE("strided_slice as Python's x[5:0:-2], its gradient scattered back", "[ref]") {
  Tensor x = constant({0.f, 1.f, 2.f, 3.f, 4.f, 5.f});
  GradientTape tape;
  tape.watch(x);
  Tensor y = strided_slice(x, {5}, {0}, {-2});
  check_tensor(y, {3}, {5, 3, 1});
  check_tensor(tape.gradient(y, {x}, constant({1.f, 2.f, 3.f}))[0], {6}, {0, 3, 0, 2, 0, 1});
  check_tensor(strided_slice(x, {5}, {-1}, {-1}), {6}, {5, 4, 3, 2, 1, 0}); // x[::-1]
  CHECK(strided_slice(x, {4}, {2}, {1}).size() == 0);
  CHECK_THROWS_WITH(strided_slice(x, {0}, {7}, {1}),
                    Catch::Matchers::ContainsSubstring("outside it"));
  CHECK_THROWS_WITH(strided_slice(x, {0}, {6}, {0}),
                    Catch::Matchers::ContainsSubstring("strides[0] is 0"));
}

TEST_CASE("int32 arithmetic as TF: no promotion, TF's error for mixed dtypes, wrapping overflow",
          "[ref][dtype]") {
  auto i32 = [](std::vector<std::int32_t> v) { return constant(v, {std::int64_t(v.size())}); };
  CHECK(add(i32({1, 2}), i32({3, 4})).to_vector<std::int32_t>() == std::vector<std::int32_t>{4, 6});
  CHECK(multiply(i32({3, -2}), i32({4, 5})).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{12, -10});
  CHECK(add(i32({2147483647}), i32({1})).to_vector<std::int32_t>()[0] == -2147483647 - 1);
  CHECK(floor_div(i32({7, -7}), i32({2, 2})).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{3, -4});
  CHECK(floor_mod(i32({7, -7}), i32({2, 2})).to_vector<std::int32_t>() ==
        std::vector<std::int32_t>{1, 1});
  check_values(floor_mod(constant({7.5f, -7.5f}), constant({2.f, 2.f})), {1.5f, 0.5f});
  CHECK(reduce_sum(i32({1, 2, 3})).to_vector<std::int32_t>()[0] == 6);
  CHECK(reduce_mean(i32({1, 2})).to_vector<std::int32_t>()[0] == 1); // TF truncates
  CHECK(reduce_max(i32({1, 9, 3})).to_vector<std::int32_t>()[0] == 9);
  CHECK(negative(i32({5})).to_vector<std::int32_t>()[0] == -5);
  CHECK(divide(i32({1}), i32({2})).to_vector<double>() == std::vector<double>{0.5}); // TF: float64
  CHECK_THROWS_WITH(
      add(i32({1}), constant({1.f})),
      "add: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor "
      "but is a float tensor [Op:AddV2]");
  CHECK_THROWS_WITH(floor_div(i32({1}), i32({0})),
                    Catch::Matchers::ContainsSubstring("Integer division by zero"));
}

TEST_CASE("range, linspace, eye, expand_dims, squeeze", "[ref]") {
  CHECK(range(0, 5).to_vector<std::int32_t>() == std::vector<std::int32_t>{0, 1, 2, 3, 4});
  check_values(range(1, 2, 0.25, DType::float32), {1, 1.25f, 1.5f, 1.75f});
  check_values(linspace(10.f, 12.f, 3), {10, 11, 12});
  check_tensor(eye(2, 3), {2, 3}, {1, 0, 0, 0, 1, 0});
  CHECK(expand_dims(zeros({2, 3}), -1).shape() == Shape{2, 3, 1});
  CHECK(squeeze(zeros({1, 2, 1})).shape() == Shape{2});
  CHECK_THROWS_WITH(squeeze(zeros({1, 2}), {1}),
                    Catch::Matchers::ContainsSubstring("its size is not 1"));
}

TEST_CASE("matmul of int32 tensors, as TF's guide", "[ref][dtype]") {
  Tensor a = constant(std::vector<std::int32_t>{1, 2, 3, 4}, {2, 2});
  Tensor b = constant(std::vector<std::int32_t>{1, 1, 1, 1}, {2, 2});
  CHECK(matmul(a, b).to_vector<std::int32_t>() == std::vector<std::int32_t>{3, 3, 7, 7});
  CHECK(matmul(a, b, true).to_vector<std::int32_t>() == std::vector<std::int32_t>{4, 4, 6, 6});
}

TEST_CASE("float64 and int64 as TF computes them", "[ref][dtype]") {
  auto f64 = [](std::vector<double> v) { return constant(v, {std::int64_t(v.size())}); };
  auto i64 = [](std::vector<std::int64_t> v) { return constant(v, {std::int64_t(v.size())}); };
  // float64 keeps what float32 would round: 0.1 + 0.2 is 0.30000000000000004 in double.
  CHECK(add(f64({0.1}), f64({0.2})).to_vector<double>()[0] == 0.30000000000000004);
  CHECK(divide(f64({1}), f64({3})).to_vector<double>()[0] == 1.0 / 3.0);
  CHECK(reduce_sum(f64({0.1, 0.2})).to_vector<double>()[0] == 0.30000000000000004);
  CHECK(matmul(constant(std::vector<double>{1, 2, 3, 4}, {2, 2}),
               constant(std::vector<double>{0.5, 0.25, 0.125, 1}, {2, 2}), false, true)
            .to_vector<double>() == std::vector<double>{1, 2.125, 2.5, 4.375});
  CHECK(argmax(f64({1, 3, 2})).dtype() == DType::int64);
  CHECK(reduce_max(f64({1, 3, 2})).to_vector<double>()[0] == 3);
  // int64: past int32's range, wrapping at 2^63 as TF, integer division floors.
  const std::int64_t big = std::int64_t(1) << 40;
  CHECK(multiply(i64({big}), i64({3})).to_vector<std::int64_t>()[0] == 3 * big);
  CHECK(add(i64({INT64_MAX}), i64({1})).to_vector<std::int64_t>()[0] == INT64_MIN);
  CHECK(floor_div(i64({-7, 7}), i64({2, -2})).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{-4, -4});
  CHECK(floor_mod(i64({-7, 7}), i64({2, -2})).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{1, -1});
  CHECK(reduce_sum(i64({big, big, 1})).to_vector<std::int64_t>()[0] == 2 * big + 1);
  CHECK(reduce_mean(i64({-1, -2})).to_vector<std::int64_t>()[0] == -1); // truncates toward 0
  CHECK(reduce_prod(i64({big, 4})).to_vector<std::int64_t>()[0] == 4 * big);
  CHECK(pow(i64({3, 2}), i64({4, 40})).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{81, big});
  CHECK(matmul(constant(std::vector<std::int64_t>{1, 2, 3, 4}, {2, 2}),
               constant(std::vector<std::int64_t>{5, 6, 7, 8}, {2, 2}))
            .to_vector<std::int64_t>() == std::vector<std::int64_t>{19, 22, 43, 50});
  // int / int is TF's truediv: float64.
  Tensor q = divide(i64({7}), i64({2}));
  CHECK(q.dtype() == DType::float64);
  CHECK(q.to_vector<double>()[0] == 3.5);
  // Casts: float64 -> float32 rounds (1e300 is inf), float -> int64 truncates and saturates.
  CHECK(std::isinf(cast(f64({1e300}), DType::float32).to_vector<float>()[0]));
  CHECK(cast(f64({-2.7, 1e19, -1e19}), DType::int64).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{-2, INT64_MAX, INT64_MIN});
  CHECK(cast(i64({big + 1}), DType::float64).to_vector<double>()[0] == double(big + 1));
  CHECK(equal(i64({big, 1}), i64({big, 2})).to_vector<bool>() == std::vector<bool>{true, false});
  // No silent promotion: TF's own message (float64 is "double" there).
  CHECK(error_of([&] { add(constant({1.f}), f64({1})); }) ==
        "add: cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but "
        "is a double tensor [Op:AddV2]");
  CHECK(error_of([&] { multiply(i64({1}), constant(std::vector<std::int32_t>{1}, {1})); }) ==
        "multiply: cannot compute Mul as input #1(zero-based) was expected to be a int64 tensor "
        "but is a int32 tensor [Op:Mul]");
}

TEST_CASE("float64 gradients: y = 3 x^2 + sin x, and a float64 variable", "[ref][dtype][grad]") {
  Variable x(constant(std::vector<double>{0.5, -2}, {2}), "x");
  GradientTape tape;
  Tensor y = add(multiply(fill({}, 3, DType::float64), square(x.value())), sin(x.value()));
  Tensor dy = constant(std::vector<double>{2, 0.5}, {2});
  auto g = tape.gradient(y, {x}, dy)[0];
  REQUIRE(g->dtype() == DType::float64);
  auto v = g->to_vector<double>(); // dy * (6x + cos x)
  CHECK(v[0] == Catch::Approx(2 * (3.0 + std::cos(0.5))).epsilon(1e-15));
  CHECK(v[1] == Catch::Approx(0.5 * (-12.0 + std::cos(-2.0))).epsilon(1e-15));
  x.assign_sub(constant(std::vector<double>{0.25, 1}, {2})); // no in-place float32 path
  CHECK(x.value().to_vector<double>() == std::vector<double>{0.25, -3});
  Variable n(constant(std::vector<std::int64_t>{0}, {}), "iterations");
  n.assign_add(constant(std::vector<std::int64_t>{1}, {}));
  CHECK(n.value().to_vector<std::int64_t>()[0] == 1);
}

TEST_CASE("float16: stored, cast with round to nearest even, math through float32",
          "[ref][dtype]") {
  auto f32 = [](std::vector<float> v) { return constant(v, {std::int64_t(v.size())}); };
  auto as_floats = [](const Tensor& t) { return cast(t, DType::float32).to_vector<float>(); };
  // The TF guide's chain: float64 [2.2, 3.3, 4.4] -> float16 -> uint8 gives [2, 3, 4].
  Tensor h = cast(constant(std::vector<double>{2.2, 3.3, 4.4}, {3}), DType::float16);
  CHECK(h.dtype() == DType::float16);
  CHECK(as_floats(h) == std::vector<float>{2.19921875f, 3.30078125f, 4.3984375f});
  CHECK(cast(h, DType::uint8).to_vector<std::uint8_t>() == std::vector<std::uint8_t>{2, 3, 4});
  // binary16 limits: 65504 is the largest; 65520 rounds up to inf; 2^-24 the smallest subnormal,
  // 2^-26 rounds to 0; 1 + 2^-11 is a tie and rounds to even (1), 1 + 3 * 2^-11 up.
  Tensor edges = cast(f32({65504.f, 65520.f, 0x1p-24f, 0x1p-26f, -0.f, 1.f + 0x1p-11f,
                           1.f + 3 * 0x1p-11f, std::nanf("")}),
                      DType::float16);
  auto e = as_floats(edges);
  CHECK(e[0] == 65504.f);
  CHECK(std::isinf(e[1]));
  CHECK(e[2] == 0x1p-24f);
  CHECK(e[3] == 0.f);
  CHECK(std::signbit(e[4]));
  CHECK(e[5] == 1.f);
  CHECK(e[6] == 1.f + 0x1p-9f);
  CHECK(std::isnan(e[7]));
  CHECK(edges.dtype() == DType::float16);
  // Elementwise math runs in float32 and rounds back: 1 + 2^-12 is 1 in float16.
  Tensor one = cast(f32({1.f}), DType::float16), tiny = cast(f32({0x1p-12f}), DType::float16);
  CHECK(as_floats(add(one, tiny)) == std::vector<float>{1.f});
  CHECK(as_floats(sqrt(cast(f32({2.f}), DType::float16))) == std::vector<float>{1.4140625f});
  CHECK(equal(one, cast(f32({1.f}), DType::float16)).to_vector<bool>() == std::vector<bool>{true});
  CHECK_THROWS_AS(reduce_sum(h), InvalidArgumentError); // reductions: float32, float64, ints
}

// TF's values for the selection, ordering, rounding and logic ops (by hand), with non-unit
// upstream gradients.
TEST_CASE("where, boolean_mask, cumsum and argsort as TF computes them", "[ref][select]") {
  Tensor c = cast(constant(std::vector<std::uint8_t>{1, 0, 1}, {3}), DType::bool_);
  Tensor x = constant({1.f, 2.f, 3.f}, {3}), y = constant({10.f, 20.f, 30.f}, {3});
  GradientTape tape(true);
  tape.watch(x);
  tape.watch(y);
  Tensor z = where(c, x, y);
  check_values(z, {1, 20, 3});
  auto g = tape.gradient(z, {x, y}, constant({0.5f, 2.f, 3.f}, {3}));
  check_tensor(g[0], {3}, {0.5f, 0, 3});
  check_tensor(g[1], {3}, {0, 2, 0});
  CHECK_THAT(error_of([&] { where(x, x, y); }),
             Catch::Matchers::ContainsSubstring("where: condition must be a bool tensor"));

  Tensor m = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, {3, 2});
  GradientTape t2;
  t2.watch(m);
  Tensor picked = boolean_mask(m, c);
  check_tensor(picked, {2, 2}, {1, 2, 5, 6});
  check_tensor(t2.gradient(picked, {m}, constant({1.f, 2.f, 3.f, 4.f}, {2, 2}))[0], {3, 2},
               {1, 2, 0, 0, 3, 4});
  CHECK_THAT(error_of([&] {
               boolean_mask(m, cast(constant(std::vector<std::uint8_t>{1, 0}, {2}), DType::bool_));
             }),
             Catch::Matchers::ContainsSubstring("must match the first dimensions"));

  // TF's doc example: tensor_scatter_nd_update([0]*8, [[4],[3],[1],[7]], [9,10,11,12])
  Tensor base = zeros({8});
  Tensor where_to = constant(std::vector<std::int32_t>{4, 3, 1, 7}, {4, 1});
  Tensor ups = constant({9.f, 10.f, 11.f, 12.f}, {4});
  GradientTape t4;
  t4.watch(base);
  t4.watch(ups);
  Tensor sc = tensor_scatter_nd_update(base, where_to, ups);
  check_values(sc, {0, 11, 0, 10, 9, 0, 0, 12});
  auto gs = t4.gradient(sc, {base, ups}, constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f, 8.f}, {8}));
  check_tensor(gs[0], {8}, {1, 0, 3, 0, 0, 6, 7, 0});
  check_tensor(gs[1], {4}, {5, 4, 2, 8});
  CHECK_THAT(error_of([&] {
               tensor_scatter_nd_update(base, constant(std::vector<std::int32_t>{8}, {1, 1}),
                                        constant({1.f}, {1}));
             }),
             Catch::Matchers::ContainsSubstring("indices[0] = [8] does not index into shape"));

  Tensor v = constant({1.f, 2.f, 3.f, 4.f}, {4});
  GradientTape t3(true);
  t3.watch(v);
  Tensor cs = cumsum(v);
  check_values(cs, {1, 3, 6, 10});
  check_values(cumsum(v, 0, true), {0, 1, 3, 6});
  check_values(cumsum(v, 0, false, true), {10, 9, 7, 4});
  check_values(cumsum(v, 0, true, true), {9, 7, 4, 0});
  check_tensor(t3.gradient(cs, {v}, constant({1.f, 2.f, 3.f, 4.f}, {4}))[0], {4}, {10, 9, 7, 4});
  check_values(
      cast(cumsum(constant(std::vector<std::int32_t>{1, 2, 3, 4}, {2, 2}), 1), DType::float32),
      {1, 3, 3, 7});

  auto order = [](const Tensor& t) { return cast(t, DType::float32); };
  check_values(order(argsort(constant({3.f, 1.f, 2.f, NAN}, {4}))), {1, 2, 0, 3});
  check_values(order(argsort(constant({3.f, 1.f, 2.f}, {3}), -1, true)), {0, 2, 1});
  check_values(order(argsort(constant({1.f, 0.f, 1.f}, {3}))), {1, 0, 2}); // ties: stable
  check_values(order(argsort(constant({3.f, 1.f, 2.f, 0.f}, {2, 2}), 0)), {1, 1, 0, 0});
}

TEST_CASE("rounding, sign, inverse trigonometry, log1p/expm1 and logic", "[ref][unary]") {
  check_values(xtape::round(constant({0.5f, 1.5f, 2.5f, -0.5f, -1.7f}, {5})), {0, 2, 2, 0, -2});
  check_values(xtape::floor(constant({-1.5f, 1.5f}, {2})), {-2, 1});
  check_values(xtape::ceil(constant({-1.5f, 1.5f}, {2})), {-1, 2});
  check_values(sign(constant({-2.f, 0.f, 3.f}, {3})), {-1, 0, 1});
  check_values(cast(sign(constant(std::vector<std::int32_t>{-7, 0, 9}, {3})), DType::float32),
               {-1, 0, 1});
  struct Case {
    Tensor (*f)(const Tensor&);
    float x, y, dx; // at x, upstream 2
  };
  const Case cases[] = {{xtape::tan, 0.5f, 0.5463025f, 2.596893f},
                        {xtape::log1p, 1.f, 0.6931472f, 1.f},
                        {xtape::expm1, 0.f, 0.f, 2.f},
                        {xtape::asin, 0.5f, 0.5235988f, 2.309401f},
                        {xtape::acos, 0.5f, 1.0471976f, -2.309401f},
                        {xtape::atan, 1.f, 0.7853982f, 1.f},
                        {reciprocal, 4.f, 0.25f, -0.125f}};
  for (const auto& k : cases) {
    Tensor x = constant({k.x}, {1});
    GradientTape tape;
    tape.watch(x);
    Tensor y = k.f(x);
    check_values(y, {k.y});
    check_tensor(tape.gradient(y, {x}, constant({2.f}, {1}))[0], {1}, {k.dx});
  }
  auto b = [](std::vector<std::uint8_t> v) {
    return cast(constant(v, {std::int64_t(v.size())}), DType::bool_);
  };
  auto f = [](const Tensor& t) { return cast(t, DType::float32); };
  check_values(f(logical_and(b({1, 1, 0}), b({1, 0, 0}))), {1, 0, 0});
  check_values(f(logical_or(b({1, 1, 0}), b({1, 0, 0}))), {1, 1, 0});
  check_values(f(logical_not(b({1, 1, 0}))), {0, 0, 1});
  CHECK_THAT(error_of([] { logical_not(constant({1.f}, {1})); }),
             Catch::Matchers::ContainsSubstring("logical_not"));
}

// TF's values by hand: a 2x2 filter [[1, 0], [0, -1]] over 1..9, VALID and SAME with stride 2;
// max pooling over 1..16; gradients with a non-unit upstream gradient.
TEST_CASE("conv2d and max_pool2d as TF computes them", "[ref][conv]") {
  Tensor x = constant({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f, 8.f, 9.f}, {1, 3, 3, 1});
  Tensor f = constant({1.f, 0.f, 0.f, -1.f}, {2, 2, 1, 1});
  GradientTape tape;
  tape.watch(x);
  tape.watch(f);
  Tensor y = conv2d(x, f, {1, 1}, false);
  check_tensor(y, {1, 2, 2, 1}, {-4, -4, -4, -4});
  auto g = tape.gradient(y, {x, f}, constant({1.f, 2.f, 3.f, 4.f}, {1, 2, 2, 1}));
  check_tensor(g[0], {1, 3, 3, 1}, {1, 2, 0, 3, 3, -2, 0, -3, -4});
  check_tensor(g[1], {2, 2, 1, 1}, {37, 47, 67, 77});
  check_tensor(conv2d(x, f, {2, 2}, true), {1, 2, 2, 1}, {-4, 3, 7, 9});
  CHECK_THAT(error_of([&] {
               conv2d(x, zeros({1, 1, 2, 1}), {1, 1}, false);
             }),
             Catch::Matchers::ContainsSubstring("in_channels 1"));
  CHECK_THAT(error_of([&] {
               conv2d(x, zeros({4, 4, 1, 1}), {1, 1}, false);
             }),
             Catch::Matchers::ContainsSubstring("larger than the input"));

  std::vector<float> v(16);
  for (int i = 0; i < 16; ++i) v[std::size_t(i)] = float(i + 1);
  Tensor p = constant(v, {1, 4, 4, 1});
  GradientTape t2;
  t2.watch(p);
  Tensor m = max_pool2d(p, {2, 2}, {2, 2}, false);
  check_tensor(m, {1, 2, 2, 1}, {6, 8, 14, 16});
  check_tensor(t2.gradient(m, {p}, constant({1.f, 2.f, 3.f, 4.f}, {1, 2, 2, 1}))[0], {1, 4, 4, 1},
               {0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4});
  check_tensor(max_pool2d(x, {2, 2}, {2, 2}, true), {1, 2, 2, 1}, {5, 6, 8, 9});
}

// tf.linalg.solve, by hand: [[2, 1], [1, 3]] X = [[3], [5]] gives X = [[0.8], [1.4]]; with upstream
// [[1], [2]]: dB = A^-T dX = [[0.2], [0.6]], dA = -dB X^T = [[-0.16, -0.28], [-0.48, -0.84]].
TEST_CASE("solve as TF computes it, and a singular matrix is TF's error", "[ref][linalg]") {
  Tensor a = constant({2.f, 1.f, 1.f, 3.f}, {2, 2}), b = constant({3.f, 5.f}, {2, 1});
  GradientTape tape;
  tape.watch(a);
  tape.watch(b);
  Tensor x = solve(a, b);
  check_tensor(x, {2, 1}, {0.8f, 1.4f});
  auto g = tape.gradient(x, {a, b}, constant({1.f, 2.f}, {2, 1}));
  check_tensor(g[0], {2, 2}, {-0.16f, -0.28f, -0.48f, -0.84f});
  check_tensor(g[1], {2, 1}, {0.2f, 0.6f});
  check_tensor(solve(constant({0.f, 1.f, 1.f, 0.f}, {2, 2}), b), {2, 1}, {5, 3}); // needs a pivot
  CHECK_THAT(error_of([] {
               solve(constant({1.f, 2.f, 2.f, 4.f}, {2, 2}), zeros({2, 1}));
             }),
             Catch::Matchers::ContainsSubstring("Input matrix is not invertible"));
}
