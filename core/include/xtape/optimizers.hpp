// Keras optimizers with TF2/Keras defaults. State (slots) is keyed by the variable, never by its
// position in the list, so the list may change between steps.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape {

using GradsAndVars = std::vector<std::pair<std::optional<Tensor>, Variable>>;
// Python's zip(grads, vars); the lists must have equal length.
GradsAndVars zip(const std::vector<std::optional<Tensor>>& grads,
                 const std::vector<Variable>& vars);

namespace optimizers {

class Optimizer {
public:
  explicit Optimizer(float learning_rate);
  virtual ~Optimizer() = default;
  // Applies one update per pair; pairs whose gradient is none are skipped (TF warns). Each
  // gradient must have its variable's shape and dtype.
  void apply_gradients(const GradsAndVars& grads_and_vars);
  std::int64_t iterations() const { return iterations_; }
  float learning_rate() const { return learning_rate_; }
  void set_learning_rate(float lr);

protected:
  // Per-variable state, with Keras's slot names; each optimizer uses the ones it needs.
  struct Slots {
    std::vector<float> momentum;         // SGD, RMSprop (with momentum); Adam's first moment
    std::vector<float> velocity;         // Adam's second moment; RMSprop's mean square
    std::vector<float> average_gradient; // centered RMSprop
  };
  // Updates w[n] in place from g[n]; t = iterations + 1.
  virtual void update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t t) = 0;
  static void check_finite(const char* who, const char* what, float v);

private:
  float learning_rate_;
  std::int64_t iterations_ = 0;
  std::unordered_map<std::uint64_t, Slots> slots_; // by Variable::handle_id()
};

// Keras's defaults, written once: the constructors below and the JS and Python surfaces (through
// defaults_json()) take them from here.
struct SGDDefaults {
  static constexpr float learning_rate = 0.01f, momentum = 0.f;
  static constexpr bool nesterov = false;
};
struct AdamDefaults {
  static constexpr float learning_rate = 0.001f, beta_1 = 0.9f, beta_2 = 0.999f, epsilon = 1e-7f;
};
struct RMSpropDefaults {
  static constexpr float learning_rate = 0.001f, rho = 0.9f, momentum = 0.f, epsilon = 1e-7f;
  static constexpr bool centered = false;
};
// {"SGD": {"learning_rate": 0.01, "momentum": 0, "nesterov": false}, "Adam": {...}, ...}
std::string defaults_json();
// An optimizer by Keras class name with TF keyword values (defaults for those not given); flags
// are 0 or 1. InvalidArgumentError names an unknown optimizer or keyword.
std::unique_ptr<Optimizer> make(const std::string& kind,
                                const std::vector<std::pair<std::string, double>>& values);

// w -= lr * g; with momentum m: v = m*v - lr*g, w += v (nesterov: w += m*v - lr*g).
class SGD : public Optimizer {
public:
  explicit SGD(float learning_rate = SGDDefaults::learning_rate,
               float momentum = SGDDefaults::momentum, bool nesterov = SGDDefaults::nesterov);

private:
  void update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t t) override;
  float momentum_;
  bool nesterov_;
};

// m += (g-m)(1-b1); v += (g^2-v)(1-b2); w -= lr*sqrt(1-b2^t)/(1-b1^t) * m/(sqrt(v)+eps)
// (TF's "epsilon hat" form, eps = 1e-7 by default).
class Adam : public Optimizer {
public:
  explicit Adam(float learning_rate = AdamDefaults::learning_rate,
                float beta_1 = AdamDefaults::beta_1, float beta_2 = AdamDefaults::beta_2,
                float epsilon = AdamDefaults::epsilon);

private:
  void update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t t) override;
  float beta_1_, beta_2_, epsilon_;
};

// v = rho*v + (1-rho)*g^2; (centered: a = rho*a + (1-rho)*g, v' = v - a^2);
// inc = lr*g/sqrt(v' + eps); momentum: m = mom*m + inc, w -= m; else w -= inc.  (Keras 3)
class RMSprop : public Optimizer {
public:
  explicit RMSprop(float learning_rate = RMSpropDefaults::learning_rate,
                   float rho = RMSpropDefaults::rho, float momentum = RMSpropDefaults::momentum,
                   float epsilon = RMSpropDefaults::epsilon,
                   bool centered = RMSpropDefaults::centered);

private:
  void update(float* w, const float* g, std::size_t n, Slots& s, std::int64_t t) override;
  float rho_, momentum_, epsilon_;
  bool centered_;
};

} // namespace optimizers
} // namespace xtape
