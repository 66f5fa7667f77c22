// Traced functions (TF: tf.function's ConcreteFunction). A surface runs its function once, eagerly,
// with a Recorder open, and tells the recorder each call it makes into the core (an op of the
// table, a variable read or update, a tape's steps, an optimizer's update, a random draw). The
// record becomes a Program: a list of steps over numbered slots that later calls replay inside
// the core, with the same kernels in the same order, so a replay gives the eager numbers bit for
// bit, without crossing back into JavaScript or Python per op.
//
//   trace::Recorder rec({x, y});                  // slots 0, 1: the inputs
//   Tensor z = op_table::call(def, args);         // the surface calls the core ...
//   rec.op(def, args, z);                         // ... and tells the recorder
//   trace::Program p = rec.finish({z});
//   std::vector<Tensor> out = p.run({x2, y2});    // the same ops on new inputs
//
// Tensors that the function uses but did not compute (made before the call, or numbers turned into
// tensors inside it) are captured by value, as TF captures them. Variables, optimizers and random
// generators are captured by reference: a replay reads and updates their state as eager calls do.
// A function whose record cannot stand for later calls is refused: one that reads a computed
// value out of the core (its Python or JS could branch on it), or that creates variables (TF:
// only the first trace may; here that call runs eagerly and the next call traces again).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "xtape/op_table.hpp"
#include "xtape/optimizers.hpp"
#include "xtape/tape.hpp"
#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape::trace {

// The state a replay works on: one value per tensor slot, one tape per tape slot.
struct Frame {
  std::vector<std::optional<Tensor>> tensors;
  std::vector<std::unique_ptr<GradientTape>> tapes;
  const Tensor& at(int slot) const;
};

struct Step {
  std::vector<int> reads; // the tensor slots it reads (freed after their last reader)
  std::function<void(Frame&)> run;
};

// What a recorded function can be differentiated with respect to: a variable, or a tensor slot.
using SourceRef = std::variant<Variable, int>;

class Program {
public:
  // Replays the record on inputs of the traced dtypes and shapes; returns the outputs.
  std::vector<Tensor> run(const std::vector<Tensor>& inputs) const;
  std::size_t num_steps() const { return steps_.size(); }
  std::size_t num_inputs() const { return input_types_.size(); }

private:
  friend class Recorder;
  std::vector<std::pair<DType, Shape>> input_types_;
  std::vector<std::pair<int, Tensor>> constants_; // slot, captured value
  std::vector<Step> steps_;
  std::vector<std::vector<int>> frees_; // per step: the slots whose last reader it is
  std::vector<int> outputs_;
  int num_slots_ = 0, num_tapes_ = 0;
};

class Recorder {
public:
  explicit Recorder(const std::vector<Tensor>& inputs);

  // Each records a call the surface has just made successfully, with its arguments and results.
  void op(const op_table::OpDef& def, const std::vector<op_table::Arg>& args, const Tensor& out);
  void read(const Variable& v, const Tensor& out);
  enum class Update { assign, assign_add, assign_sub };
  void update(const Variable& v, Update how, const Tensor& value);
  // A result that a replay makes again by calling `again` (a random draw: the generator's state
  // moves on at every replay, as in eager calls).
  void draw(std::function<Tensor()> again, const Tensor& out);
  // A side effect outside the core on these tensors that a replay repeats (tf.print's output).
  void effect(const std::vector<Tensor>& values,
              std::function<void(const std::vector<Tensor>&)> again);

  void tape_create(const GradientTape* tape, bool persistent, bool watch_accessed);
  void tape_recording(const GradientTape* tape, bool on);
  void tape_watch(const GradientTape* tape, const Tensor& t);
  void tape_watch(const GradientTape* tape, const Variable& v);
  // sources: what each Source passed to the tape was (a variable, or a tensor). jacobian: TF's
  // tape.jacobian (batch: batch_jacobian of the one source) instead of gradient.
  enum class Gradient { gradient, jacobian, batch_jacobian };
  void tape_gradient(const GradientTape* tape, Gradient kind, const Tensor& target,
                     const std::vector<std::variant<Variable, Tensor>>& sources,
                     const std::optional<Tensor>& output_gradient, UnconnectedGradients how,
                     const std::vector<std::optional<Tensor>>& results);
  void tape_reset(const GradientTape* tape);
  void tape_dispose(const GradientTape* tape);

  void apply(const std::shared_ptr<optimizers::Optimizer>& opt, const GradsAndVars& gv);
  void set_learning_rate(const std::shared_ptr<optimizers::Optimizer>& opt, float lr);

  // The function did something a replay cannot repeat: `why` says what. retry: the next call may
  // trace again (it created variables); otherwise the function always runs eagerly.
  void refuse(const std::string& why, bool retry);
  const std::optional<std::string>& refused() const { return refused_; }
  bool retry() const { return retry_; }
  // Whether t was computed inside the function (reading it out is a refusal).
  bool computed(const Tensor& t) const;

  // The program that returns `outputs`; RuntimeError if the record was refused.
  Program finish(const std::vector<Tensor>& outputs);

private:
  int ref(const Tensor& t);    // the slot holding t (a captured constant if it has none)
  int define(const Tensor& t); // a new slot for a result
  int tape_slot(const GradientTape* tape);
  void add(std::vector<int> reads, std::function<void(Frame&)> run);

  Program p_;
  std::unordered_map<std::uint64_t, int> slot_of_; // Tensor::id() -> slot
  std::vector<int> defined_at_; // per slot: the step that makes it (-1: an input or a constant)
  std::unordered_map<const GradientTape*, int> tape_of_;
  std::optional<std::string> refused_;
  bool retry_ = false;
};

} // namespace xtape::trace
