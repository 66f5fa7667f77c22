// Keras optimizers. Updates run in place on the variable's buffer when nothing else shares it
// (detail::VariableAccess::writable).
#include "xtape/optimizers.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
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

namespace {
// Values below float32's normal range become 0. Moments of always-zero gradients decay into
// denormals otherwise, which WASM (no flush-to-zero) computes ~30x slower. Vectorises to a
// compare and select.
void flush_denormals(float* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) p[i] = std::fabs(p[i]) < FLT_MIN ? 0.f : p[i];
}

struct Param {
  const char* name;
  double value;
};
const std::vector<std::pair<std::string, std::vector<Param>>>& defaults() {
  static const std::vector<std::pair<std::string, std::vector<Param>>> d = {
      {"SGD",
       {{"learning_rate", SGDDefaults::learning_rate},
        {"momentum", SGDDefaults::momentum},
        {"nesterov", SGDDefaults::nesterov}}},
      {"Adam",
       {{"learning_rate", AdamDefaults::learning_rate},
        {"beta_1", AdamDefaults::beta_1},
        {"beta_2", AdamDefaults::beta_2},
        {"epsilon", AdamDefaults::epsilon}}},
      {"RMSprop",
       {{"learning_rate", RMSpropDefaults::learning_rate},
        {"rho", RMSpropDefaults::rho},
        {"momentum", RMSpropDefaults::momentum},
        {"epsilon", RMSpropDefaults::epsilon},
        {"centered", RMSpropDefaults::centered}}},
  };
  return d;
}
bool is_flag(const std::string& name) { return name == "nesterov" || name == "centered"; }
} // namespace

std::string defaults_json() {
  std::string out = "{";
  for (const auto& [kind, params] : defaults()) {
    out += (out.size() > 1 ? ",\"" : "\"") + kind + "\":{";
    for (std::size_t i = 0; i < params.size(); ++i) {
      char num[32];
      std::snprintf(num, sizeof num, "%.7g", params[i].value); // 0.01, not 0.00999999978
      out += (i ? ",\"" : "\"") + std::string(params[i].name) +
             "\":" + (is_flag(params[i].name) ? (params[i].value ? "true" : "false") : num);
    }
    out += "}";
  }
  return out + "}";
}

std::unique_ptr<Optimizer> make(const std::string& kind,
                                const std::vector<std::pair<std::string, double>>& values) {
  for (const auto& [name, params] : defaults()) {
    if (name != kind) continue;
    std::vector<double> v;
    for (const Param& p : params) v.push_back(p.value);
    for (const auto& [key, value] : values) {
      std::size_t i = 0;
      while (i < params.size() && params[i].name != key) ++i;
      if (i == params.size())
        throw InvalidArgumentError(kind + ": unknown argument '" + key.substr(0, 40) + "'");
      v[i] = value;
    }
    if (kind == "SGD") return std::make_unique<SGD>(float(v[0]), float(v[1]), v[2] != 0);
    if (kind == "Adam")
      return std::make_unique<Adam>(float(v[0]), float(v[1]), float(v[2]), float(v[3]));
    return std::make_unique<RMSprop>(float(v[0]), float(v[1]), float(v[2]), float(v[3]), v[4] != 0);
  }
  throw InvalidArgumentError("unknown optimizer '" + kind.substr(0, 40) + "' (SGD, Adam, RMSprop)");
}

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
  auto& m = s.momentum;
  m.resize(n, 0.f);
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = momentum_ * m[i] - lr * g[i];
    w[i] += nesterov_ ? momentum_ * m[i] - lr * g[i] : m[i];
  }
  flush_denormals(m.data(), n);
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
  auto &m = s.momentum, &v = s.velocity;
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
  flush_denormals(m.data(), n);
  flush_denormals(v.data(), n);
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
  auto &v = s.velocity, &avg = s.average_gradient, &mom = s.momentum;
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
  flush_denormals(v.data(), n);
  if (centered_) flush_denormals(avg.data(), n);
  if (momentum_ > 0) flush_denormals(mom.data(), n);
}

} // namespace optimizers
} // namespace xtape
