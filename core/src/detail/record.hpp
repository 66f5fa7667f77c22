// Internal: op types, how an op puts itself on the tapes, and fusion rules.
//
// Each op type is one definition in the unit of its forward: its TF name, the op table row that
// records it, a struct of what its gradient reads, and the gradient itself:
//
//   struct MulSaved { Tensor a, b; };
//   // z = a * b;  da = dz * b,  db = dz * a
//   const Op<MulSaved> Mul{"Mul", "multiply", [](const MulSaved& s, const Needed& n, const Tensor&
//   dz) {
//     return Grads{when(n[0], [&] { return multiply(dz, s.b); }), ...};  // one per input
//   }};
//   ... return record(Mul, {a, b}, z, {a, b});
//
// An Op cannot be built without its gradient, and only an Op can be recorded: a differentiable op
// without a backward does not compile. An op type with no gradient says so with
// NotDifferentiable{"ArgMax", "argmax"} and is never recorded. The definitions list themselves
// (op_types()): the gradient registry, the op table's check of its rows and the coverage tests
// derive from them. Gradients may have the broadcast shape; the tape reduces them to each input's
// shape (sum_to in tape.cpp).
#pragma once
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape::detail {

using Grads = std::vector<std::optional<Tensor>>;
using Needed = std::vector<bool>; // needed[i]: some source depends on input i

class OpType {
public:
  const char* const name; // TF's op type: "MatMul"
  const char* const row;  // the op table row that records it ("matmul"); nullptr: internal
  bool differentiable() const { return run_ != nullptr; }
  // The gradient of one recorded op: one entry per input (nullopt where there is none).
  Grads backward(const void* saved, const Needed& needed, const Tensor& dy) const {
    return run_(*this, saved, needed, dy);
  }
  OpType(const OpType&) = delete;
  OpType& operator=(const OpType&) = delete;

protected:
  using Run = Grads (*)(const OpType& self, const void* saved, const Needed&, const Tensor& dy);
  OpType(const char* name, const char* row, Run run);

private:
  Run run_;
};

// Every op type defined, in definition order.
const std::vector<const OpType*>& op_types();

template <class Saved>
class Op : public OpType {
public:
  using Backward = Grads (*)(const Saved& saved, const Needed& needed, const Tensor& dy);
  Op(const char* name, const char* row, Backward backward)
      : OpType(name, row, &run), backward_(backward) {}

private:
  static Grads run(const OpType& self, const void* saved, const Needed& needed, const Tensor& dy) {
    return static_cast<const Op&>(self).backward_(*static_cast<const Saved*>(saved), needed, dy);
  }
  Backward backward_;
};

// TF's NotDifferentiable: integer or boolean outputs, or no gradient by definition.
class NotDifferentiable : public OpType {
public:
  NotDifferentiable(const char* name, const char* row) : OpType(name, row, nullptr) {}
};

struct Nothing {}; // the saved state of an op whose gradient reads nothing

// A tensor as the tape remembers it: no buffer, only what the backward pass needs.
struct TensorSpec {
  std::uint64_t id;
  DType dtype;
  Shape shape;
};

// One recorded op.
struct Recorded {
  const OpType* type;
  std::vector<TensorSpec> inputs;
  TensorSpec output;
  std::shared_ptr<const void> saved; // a Saved of its type; shared by every tape that recorded it
  // Its saved state when it is an op of type `op`, else nullptr.
  template <class Saved>
  const Saved* as(const Op<Saved>& op) const {
    return type == &op ? static_cast<const Saved*>(saved.get()) : nullptr;
  }
};

// Records the op on every recording tape that watches one of its float inputs; returns y. The
// saved state is moved to the heap only when some tape records the op.
Tensor record(const OpType& op, const Tensor* inputs, std::size_t n, const Tensor& y, void* saved,
              std::shared_ptr<const void> (*keep)(void* saved));
template <class Saved>
std::shared_ptr<const void> keep_saved(void* s) {
  return std::make_shared<const Saved>(std::move(*static_cast<Saved*>(s)));
}
template <class Saved>
Tensor record(const Op<Saved>& op, std::initializer_list<Tensor> inputs, const Tensor& y,
              Saved saved = {}) {
  return record(op, inputs.begin(), inputs.size(), y, &saved, &keep_saved<Saved>);
}
// The same for an op with a list of inputs (concat).
template <class Saved>
Tensor record(const Op<Saved>& op, const std::vector<Tensor>& inputs, const Tensor& y,
              Saved saved = {}) {
  return record(op, inputs.data(), inputs.size(), y, &saved, &keep_saved<Saved>);
}

// A read of v whose current value is `value`: watched per tape policy and recorded as `read`
// (TF: ReadVariableOp, handle -> read), so gradients flow to the variable itself.
Tensor read_variable(const Variable& v, const Tensor& value, const Op<Nothing>& read);

// True while some tape records: a gradient rule then builds its result from recorded ops only.
bool recording();

// --- fusion: several recorded ops whose rules run as one pass ---------------------------------
// Back-propagation reaches an op (the anchor) with its upstream gradient; a fusion rule
// registered for the anchor's type may take the anchor and some of the ops that produced its
// inputs, and return the gradients of the chain's inputs at once. The engine asks only when no
// tape records the backward (a gradient of the gradient needs each op). It knows no op type.
class Chain {
public:
  // The op that produced t, when it is recorded, t is not a source and the op being fused is t's
  // only consumer; else nullptr.
  virtual const Recorded* sole_producer(const TensorSpec& t) const = 0;
  // Whether t depends on a source (so that its gradient is wanted).
  virtual bool needs_gradient(const TensorSpec& t) const = 0;

protected:
  ~Chain() = default;
};
struct Fusion {
  std::vector<const Recorded*> covered;                    // the ops besides the anchor it replaces
  std::vector<std::pair<const TensorSpec*, Tensor>> grads; // gradients of the chain's inputs
};
using FusionRule = std::optional<Fusion> (*)(const Recorded& anchor, const Tensor& dy,
                                             const Chain& chain);
bool register_fusion(const OpType& anchor, FusionRule rule);
// The rules registered for `type`.
const std::vector<FusionRule>& fusions(const OpType& type);

#define XTAPE_CAT2(a, b) a##b
#define XTAPE_CAT(a, b) XTAPE_CAT2(a, b)
#define XTAPE_FUSION(anchor, ...)                                                                  \
  static const bool XTAPE_CAT(xtape_fusion_, __LINE__) =                                           \
      ::xtape::detail::register_fusion(anchor, __VA_ARGS__)

// g() when needed, else no gradient.
inline std::optional<Tensor> when(bool needed, const std::function<Tensor()>& g) {
  return needed ? std::optional<Tensor>(g()) : std::nullopt;
}

} // namespace xtape::detail
