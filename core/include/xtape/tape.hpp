// GradientTape (TF: tf.GradientTape). A tape records, from construction until gradient() is
// called (TF: until the `with` block ends), every op that reads a watched tensor; gradient() then
// back-propagates through the recorded ops, iteratively, in reverse.
//
//   xtape::GradientTape tape;                          // with tf.GradientTape() as tape:
//   auto loss = xtape::reduce_mean(xtape::square(y - out));
//   auto grads = tape.gradient(loss, {w1, b1});        // grads = tape.gradient(loss, [w1, b1])
//
// Semantics as TF2: trainable variables are watched when read (watch_accessed_variables); tensors
// must be watched explicitly; a source that the target does not depend on gets no gradient
// (std::nullopt, TF: None) or zeros with UnconnectedGradients::zero; a non-persistent tape allows
// one gradient() call; nested tapes record the gradient computation of inner tapes (higher order).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape {

enum class UnconnectedGradients { none, zero };

// Something a gradient can be taken with respect to: a Tensor or a Variable.
struct Source {
  Source(const Tensor& t);   // NOLINT: implicit, so {w1, x} mixes both
  Source(const Variable& v); // NOLINT
  std::uint64_t id;
  DType dtype;
  Shape shape;
};

namespace detail {
struct TapeState;
}

class GradientTape {
public:
  explicit GradientTape(bool persistent = false, bool watch_accessed_variables = true);
  ~GradientTape();
  GradientTape(const GradientTape&) = delete;
  GradientTape& operator=(const GradientTape&) = delete;

  void watch(const Tensor& t);
  void watch(const Variable& v);

  // One result per source. Ends the recording (TF: leaving the `with` block). output_gradient is
  // the upstream gradient of target (default: ones).
  std::vector<std::optional<Tensor>>
  gradient(const Tensor& target, const std::vector<Source>& sources,
           const std::optional<Tensor>& output_gradient = std::nullopt,
           UnconnectedGradients unconnected = UnconnectedGradients::none);
  // One source, one result (TF: tape.gradient(y, x)). A template so that a braced list such as
  // {w1} still selects the list form above and returns a list.
  template <class S, class = std::enable_if_t<std::is_convertible_v<const S&, Source>>>
  std::optional<Tensor> gradient(const Tensor& target, const S& source) {
    return gradient(target, std::vector<Source>{Source(source)})[0];
  }

  // d target / d source for every element of target (TF: tape.jacobian): one result per source,
  // of shape target.shape + source.shape, from one back-propagation per element of target, all
  // on this tape's record (so one call suffices on a non-persistent tape).
  std::vector<std::optional<Tensor>>
  jacobian(const Tensor& target, const std::vector<Source>& sources,
           UnconnectedGradients unconnected = UnconnectedGradients::none);
  // target [B, ...] and source [B, ...] with example b of target depending on example b of source
  // only (TF: tape.batch_jacobian): [B, target dims..., source dims...], one back-propagation per
  // element of one example.
  std::optional<Tensor>
  batch_jacobian(const Tensor& target, const Source& source,
                 UnconnectedGradients unconnected = UnconnectedGradients::none);

  // TF: `with tape.stop_recording():` -- ops are not recorded while the guard lives.
  class StopRecording {
  public:
    ~StopRecording();
    StopRecording(const StopRecording&) = delete;
    StopRecording& operator=(const StopRecording&) = delete;

  private:
    friend class GradientTape;
    explicit StopRecording(std::weak_ptr<detail::TapeState> s);
    std::weak_ptr<detail::TapeState> state_;
  };
  [[nodiscard]] StopRecording stop_recording();

  // The same pause without a guard, for callers that cannot hold one across calls (the JS
  // binding's tape.record(fn) resumes, runs fn, pauses). resume() after gradient() re-enters the
  // tape, as a second `with tape:` block does in TF.
  void pause();
  void resume();

  // Forgets everything recorded and watched; recording continues (TF: tape.reset()).
  void reset();
  std::vector<Variable> watched_variables() const;
  bool persistent() const;

private:
  void begin_gradient(const char* what, const Tensor& target); // the checks of one gradient call
  void end_gradient();                                         // a non-persistent tape lets go
  std::shared_ptr<detail::TapeState> state_;
};

// TF: tf.custom_gradient. y, computed by the caller from `inputs`, is recorded on the tapes as one
// op of those inputs whose gradient is grad(dy): one entry per input (nullopt: none), each of its
// input's shape. Returns y as a new tensor (the same values) that the tapes know as that op's
// output; how y was computed is not differentiated through.
using CustomGradient = std::function<std::vector<std::optional<Tensor>>(const Tensor& dy)>;
Tensor custom_gradient(const std::vector<Tensor>& inputs, const Tensor& y, CustomGradient grad);

} // namespace xtape
