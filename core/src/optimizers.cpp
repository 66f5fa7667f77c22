// Keras optimizers. Updates run in place on the variable's buffer when nothing else shares it
// (detail::VariableAccess::writable).
#include "xtape/optimizers.hpp"

#include <cmath>
#include <string>

#include "detail/variable_access.hpp"
#include "xtape/error.hpp"

namespace xtape {

GradsAndVars zip(const std::vector<std::optional<Tensor>>& grads,
                 const std::vector<Variable>& vars) {
  if (grads.size() != vars.size())
    throw InvalidArgumentError("zip: " + std::to_string(grads.size()) + " gradients for " +
                               std::to_string(vars.size()) + " variables");
  GradsAndVars out;
  for (std::size_t i = 0; i < vars.size(); ++i) out.emplace_back(grads[i], vars[i]);
  return out;
}

namespace optimizers {

void Optimizer::check_finite(const char* who, const char* what, float v) {
  if (!std::isfinite(v))
    throw InvalidArgumentError(std::string(who) + ": " + what + " must be finite, got " +
                               std::to_string(v));
}

Optimizer::Optimizer(float learning_rate) : learning_rate_(learning_rate) {
  check_finite("optimizer", "learning_rate", learning_rate);
}

void Optimizer::set_learning_rate(float lr) {
  check_finite("optimizer", "learning_rate", lr);
  learning_rate_ = lr;
}

void Optimizer::apply_gradients(const GradsAndVars& grads_and_vars) {
  // Validate everything first so that a bad pair leaves every variable untouched.
  for (const auto& [g, v] : grads_and_vars) {
    if (!g) continue;
    if (v.dtype() != DType::float32 || g->dtype() != DType::float32 || g->shape() != v.shape())
      throw InvalidArgumentError("apply_gradients: gradient " + dtype_name(g->dtype()) + " " +
                                 to_string(g->shape()) + " does not match variable '" + v.name() +
                                 "' " + dtype_name(v.dtype()) + " " + to_string(v.shape()));
  }
  std::int64_t t = iterations_ + 1;
  for (const auto& [g, v] : grads_and_vars) {
    if (!g) continue;
    float* w = detail::VariableAccess::writable(v, "apply_gradients");
    update(w, g->data<float>(), static_cast<std::size_t>(g->size()), slots_[v.handle_id()], t);
  }
  ++iterations_;
}

SGD::SGD(float learning_rate, float momentum, bool nesterov)
    : Optimizer(learning_rate), momentum_(momentum), nesterov_(nesterov) {
  check_finite("SGD", "momentum", momentum);
  if (momentum < 0 || momentum > 1)
    throw InvalidArgumentError("SGD: momentum must be in [0, 1], got " + std::to_string(momentum));
}

void SGD::update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t) {
  const float lr = learning_rate();
  if (momentum_ == 0.f) {
    for (std::size_t i = 0; i < n; ++i) w[i] -= lr * g[i];
    return;
  }
  auto& m = s.a;
  m.resize(n, 0.f);
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = momentum_ * m[i] - lr * g[i];
    w[i] += nesterov_ ? momentum_ * m[i] - lr * g[i] : m[i];
  }
}

Adam::Adam(float learning_rate, float beta_1, float beta_2, float epsilon)
    : Optimizer(learning_rate), beta_1_(beta_1), beta_2_(beta_2), epsilon_(epsilon) {
  check_finite("Adam", "beta_1", beta_1);
  check_finite("Adam", "beta_2", beta_2);
  check_finite("Adam", "epsilon", epsilon);
  if (beta_1 < 0 || beta_1 >= 1 || beta_2 < 0 || beta_2 >= 1)
    throw InvalidArgumentError("Adam: beta_1 and beta_2 must be in [0, 1), got " +
                               std::to_string(beta_1) + " and " + std::to_string(beta_2));
}

void Adam::update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t t) {
  auto &m = s.a, &v = s.b;
  m.resize(n, 0.f);
  v.resize(n, 0.f);
  const double alpha = learning_rate() * std::sqrt(1.0 - std::pow(double(beta_2_), double(t))) /
                       (1.0 - std::pow(double(beta_1_), double(t)));
  const float a = float(alpha);
  for (std::size_t i = 0; i < n; ++i) {
    m[i] += (g[i] - m[i]) * (1.f - beta_1_);
    v[i] += (g[i] * g[i] - v[i]) * (1.f - beta_2_);
    w[i] -= a * m[i] / (std::sqrt(v[i]) + epsilon_);
  }
}

RMSprop::RMSprop(float learning_rate, float rho, float momentum, float epsilon, bool centered)
    : Optimizer(learning_rate), rho_(rho), momentum_(momentum), epsilon_(epsilon),
      centered_(centered) {
  check_finite("RMSprop", "rho", rho);
  check_finite("RMSprop", "momentum", momentum);
  check_finite("RMSprop", "epsilon", epsilon);
  if (rho < 0 || rho > 1 || momentum < 0 || momentum > 1)
    throw InvalidArgumentError("RMSprop: rho and momentum must be in [0, 1], got " +
                               std::to_string(rho) + " and " + std::to_string(momentum));
}

void RMSprop::update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t) {
  auto &v = s.a, &avg = s.b, &mom = s.c;
  v.resize(n, 0.f);
  if (centered_) avg.resize(n, 0.f);
  if (momentum_ > 0) mom.resize(n, 0.f);
  const float lr = learning_rate();
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = rho_ * v[i] + (1.f - rho_) * g[i] * g[i];
    float denom = v[i];
    if (centered_) {
      avg[i] = rho_ * avg[i] + (1.f - rho_) * g[i];
      denom -= avg[i] * avg[i];
    }
    float inc = lr * g[i] / std::sqrt(denom + epsilon_);
    if (momentum_ > 0) {
      mom[i] = momentum_ * mom[i] + inc;
      w[i] -= mom[i];
    } else {
      w[i] -= inc;
    }
  }
}

} // namespace optimizers
} // namespace xtape
