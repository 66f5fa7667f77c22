// A seeded training run on real Fashion-MNIST rows: the loss falls, two runs are identical, and the
// losses follow an independent float64 implementation of the same recipe.
#include "helpers.hpp"

#include <cmath>

#ifndef XTAPE_NO_ZLIB // the WASM build has no zlib; the JS tests train on real data there

#include "reference/recipe_f64.hpp"

using namespace xtape;

namespace {

struct Recipe {
  Tensor x, y;
  Variable w1, b1, w2, b2;
};

Recipe make_recipe(std::int64_t rows, std::uint64_t seed) {
  auto d = datasets::fashion_mnist::load_data(XTAPE_DATA_DIR);
  auto px = d.x_train.data<std::uint8_t>();
  auto py = d.y_train.data<std::uint8_t>();
  Tensor x = constant(std::vector<std::uint8_t>(px, px + rows * 784), {rows, 28, 28});
  Tensor y = constant(std::vector<std::uint8_t>(py, py + rows), {rows});
  auto g = random::Generator::from_seed(seed);
  return {cast(reshape(x, {-1, 784}), DType::float32) / 255.f,     one_hot(y, 10),
          Variable(g.truncated_normal({784, 128}, 0, 0.1f), "w1"), Variable(zeros({128}), "b1"),
          Variable(g.truncated_normal({128, 10}, 0, 0.1f), "w2"),  Variable(zeros({10}), "b2")};
}

std::vector<float> train(Recipe& r, int steps, bool use_sgd) {
  std::vector<float> losses;
  optimizers::SGD sgd(0.01f);
  for (int i = 0; i < steps; ++i) {
    GradientTape tape;
    Tensor h1 = relu(matmul(r.x, r.w1) + r.b1);
    Tensor out = matmul(h1, r.w2) + r.b2;
    Tensor loss = reduce_mean(square(r.y - out));
    auto grads = tape.gradient(loss, {r.w1, r.b1, r.w2, r.b2});
    if (use_sgd) {
      sgd.apply_gradients(zip(grads, {r.w1, r.b1, r.w2, r.b2}));
    } else {
      r.w1.assign_sub(0.01f * *grads[0]);
      r.b1.assign_sub(0.01f * *grads[1]);
      r.w2.assign_sub(0.01f * *grads[2]);
      r.b2.assign_sub(0.01f * *grads[3]);
    }
    losses.push_back(loss.item());
  }
  return losses;
}

std::vector<double> as_f64(const Variable& v) {
  auto f = v.value().to_vector<float>();
  return {f.begin(), f.end()};
}

} // namespace

TEST_CASE("seeded run on 1000 real rows: the loss falls and repeats exactly", "[train]") {
  Recipe a = make_recipe(1000, 7), b = make_recipe(1000, 7);
  auto la = train(a, 30, false), lb = train(b, 30, true);
  CHECK(la == lb); // manual assign_sub and SGD.apply_gradients are the same update
  CHECK(la.front() > 0.2f);
  CHECK(la.back() < 0.8f * la.front());
  for (std::size_t i = 1; i < la.size(); ++i) CHECK(la[i] < la[i - 1]);
}

TEST_CASE("losses follow an independent float64 computation to 1e-4", "[train]") {
  Recipe r = make_recipe(256, 11);
  xtape_reference::RecipeF64 ref;
  ref.n = 256;
  auto xv = r.x.to_vector<float>(), yv = r.y.to_vector<float>();
  ref.x.assign(xv.begin(), xv.end());
  ref.y.assign(yv.begin(), yv.end());
  ref.w1 = as_f64(r.w1), ref.b1 = as_f64(r.b1), ref.w2 = as_f64(r.w2), ref.b2 = as_f64(r.b2);
  auto losses = train(r, 20, false);
  for (float l : losses) CHECK(l == Catch::Approx(ref.step(0.01)).epsilon(1e-4));
}

#endif
