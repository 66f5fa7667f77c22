// Optimizers against closed-form TF/Keras values, with the variable list reordered between steps.
#include "helpers.hpp"

#include <cmath>

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using xt_test::check_values;
using xt_test::error_of;

namespace {
// Two steps: [a, b] then [b, a]; a gets gradients ga1, ga2; b gets gb1, gb2.
template <class Opt>
void two_steps(Opt& opt, Variable& a, Variable& b) {
  opt.apply_gradients({{constant({0.5f}), a}, {constant({-2.f}), b}});
  opt.apply_gradients({{constant({1.f}), b}, {constant({0.25f}), a}});
}
} // namespace

TEST_CASE("SGD: w -= lr * g, default lr 0.01", "[optim]") {
  Variable a(constant({1.f}), "a"), b(constant({2.f}), "b");
  optimizers::SGD sgd;
  CHECK(sgd.learning_rate() == 0.01f);
  two_steps(sgd, a, b);
  check_values(a.value(), {1.f - 0.01f * 0.5f - 0.01f * 0.25f});
  check_values(b.value(), {2.f + 0.01f * 2.f - 0.01f * 1.f});
  CHECK(sgd.iterations() == 2);
}

TEST_CASE("SGD with momentum and nesterov", "[optim]") {
  // v1 = -lr g1; w1 = w0 + v1; v2 = m v1 - lr g2; w2 = w1 + v2   (nesterov: w += m v - lr g)
  const double lr = 0.1, m = 0.9;
  SECTION("momentum") {
    Variable a(constant({1.f}), "a"), b(constant({2.f}), "b");
    optimizers::SGD opt(0.1f, 0.9f);
    two_steps(opt, a, b);
    double va = -lr * 0.5, wa = 1 + va;
    va = m * va - lr * 0.25;
    wa += va;
    double vb = -lr * -2.0, wb = 2 + vb;
    vb = m * vb - lr * 1.0;
    wb += vb;
    check_values(a.value(), {float(wa)});
    check_values(b.value(), {float(wb)});
  }
  SECTION("nesterov") {
    Variable a(constant({1.f}), "a"), b(constant({2.f}), "b");
    optimizers::SGD opt(0.1f, 0.9f, true);
    two_steps(opt, a, b);
    double va = -lr * 0.5, wa = 1 + m * va - lr * 0.5;
    va = m * va - lr * 0.25;
    wa += m * va - lr * 0.25;
    check_values(a.value(), {float(wa)});
  }
}

TEST_CASE("Adam uses TF's epsilon-hat form", "[optim]") {
  // Step 1 for a: m = 0.1 g, v = 0.001 g^2, alpha = lr sqrt(1-0.999)/(1-0.9);
  // w -= alpha m / (sqrt(v) + 1e-7). With g = 0.5, lr = 0.1: w = 1 - 0.0999993675...
  Variable a(constant({1.f}), "a"), b(constant({2.f}), "b");
  optimizers::Adam adam(0.1f);
  two_steps(adam, a, b);
  auto step = [](double w, double g1, double g2) {
    const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    double m = (1 - b1) * g1, v = (1 - b2) * g1 * g1;
    w -= lr * std::sqrt(1 - b2) / (1 - b1) * m / (std::sqrt(v) + eps);
    m += (g2 - m) * (1 - b1);
    v += (g2 * g2 - v) * (1 - b2);
    w -= lr * std::sqrt(1 - b2 * b2) / (1 - b1 * b1) * m / (std::sqrt(v) + eps);
    return w;
  };
  check_values(a.value(), {float(step(1.0, 0.5, 0.25))});
  check_values(b.value(), {float(step(2.0, -2.0, 1.0))});
  // the first step alone is close to lr * sign(g)
  Variable c(constant({1.f}));
  optimizers::Adam fresh(0.1f);
  fresh.apply_gradients({{constant({0.5f}), c}});
  CHECK(c.value().item() == Catch::Approx(0.9000006325).epsilon(1e-6));
}

TEST_CASE("RMSprop (Keras): epsilon inside the square root", "[optim]") {
  Variable a(constant({1.f}), "a"), b(constant({2.f}), "b");
  optimizers::RMSprop rms(0.1f);
  two_steps(rms, a, b);
  auto step = [](double w, double g1, double g2) {
    double v = 0.1 * g1 * g1;
    w -= 0.1 * g1 / std::sqrt(v + 1e-7);
    v = 0.9 * v + 0.1 * g2 * g2;
    w -= 0.1 * g2 / std::sqrt(v + 1e-7);
    return w;
  };
  check_values(a.value(), {float(step(1.0, 0.5, 0.25))});
  check_values(b.value(), {float(step(2.0, -2.0, 1.0))});
}

TEST_CASE("RMSprop centered with momentum", "[optim]") {
  Variable a(constant({1.f}), "a");
  optimizers::RMSprop rms(0.1f, 0.9f, 0.5f, 1e-7f, true);
  rms.apply_gradients({{constant({0.5f}), a}});
  rms.apply_gradients({{constant({0.5f}), a}});
  double v = 0.1 * 0.25, avg = 0.1 * 0.5, mom = 0.1 * 0.5 / std::sqrt(v - avg * avg + 1e-7);
  double w = 1 - mom;
  v = 0.9 * v + 0.1 * 0.25;
  avg = 0.9 * avg + 0.1 * 0.5;
  mom = 0.5 * mom + 0.1 * 0.5 / std::sqrt(v - avg * avg + 1e-7);
  w -= mom;
  check_values(a.value(), {float(w)}, 1e-4);
}

TEST_CASE("apply_gradients skips none and rejects mismatches without touching anything",
          "[optim][errors]") {
  Variable a(constant({1.f, 1.f}), "a"), b(constant({1.f}), "b");
  optimizers::SGD sgd(1.f);
  sgd.apply_gradients({{std::nullopt, a}, {constant({1.f}), b}});
  check_values(a.value(), {1, 1});
  check_values(b.value(), {0});
  CHECK_THAT(error_of([&] {
               sgd.apply_gradients({{constant({1.f}), b}, {constant({1.f}), a}});
             }),
             ContainsSubstring("does not match variable 'a' float32 [2]"));
  check_values(b.value(), {0}); // the valid pair before the bad one was not applied
  CHECK_THAT(error_of([] { optimizers::SGD(std::nanf("")); }),
             ContainsSubstring("learning_rate must be finite"));
  CHECK_THAT(error_of([] { optimizers::SGD(0.1f, 1.5f); }), ContainsSubstring("momentum"));
  CHECK_THAT(error_of([&] {
               zip({std::nullopt}, {a, b});
             }),
             ContainsSubstring("1 gradients for 2 variables"));
}
