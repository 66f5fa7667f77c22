// Internal: how an op puts itself on the tapes. Every differentiable op ends with
//   return record("OpType", {inputs...}, y, [captures](const Tensor& dy, const Needed& needed) {
//     return Grads{d_input0, d_input1};   // one entry per input, std::nullopt where not needed
//   });
// so an op cannot be recorded without its gradient rule. Gradients may have the broadcast shape;
// the tape reduces them to each input's shape (sum_to in tape.cpp).
#pragma once
#include <functional>
#include <optional>
#include <vector>

#include "xtape/tensor.hpp"
#include "xtape/variable.hpp"

namespace xtape::detail {

using Grads = std::vector<std::optional<Tensor>>;
using Needed = std::vector<bool>; // needed[i]: some source depends on input i
using BackwardFn = std::function<Grads(const Tensor& dy, const Needed& needed)>;

// Records the op on every recording tape that watches one of its float inputs; returns y.
Tensor record(const char* op, const std::vector<Tensor>& inputs, const Tensor& y,
              BackwardFn backward);

// A read of v whose current value is `value`: watched per tape policy and recorded as
// ReadVariableOp (handle -> read), so gradients flow to the variable itself.
Tensor read_variable(const Variable& v, const Tensor& value);

} // namespace xtape::detail
