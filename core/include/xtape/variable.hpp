// Variable: a named, mutable holder of a Tensor (TF: tf.Variable(initial, name=, trainable=)).
// Copies refer to the same variable. Reading it inside a GradientTape watches it (if trainable and
// the tape watches accessed variables); assign* replace its value and are never recorded.
#pragma once
#include "xtape/tensor.hpp"

namespace xtape {

namespace detail {
struct VariableImpl;
struct VariableAccess;
} // namespace detail

class Variable {
public:
  explicit Variable(const Tensor& initial_value, std::string name = "Variable",
                    bool trainable = true);

  const std::string& name() const;
  bool trainable() const;
  // Tapes created afterwards watch it (or not) when it is read (Keras: variable.trainable = ...).
  void set_trainable(bool trainable);
  const Shape& shape() const;
  DType dtype() const;
  std::uint64_t handle_id() const; // identity of the variable itself (not of its current value)

  // The current value; recorded as a read on every tape that watches this variable.
  Tensor value() const;
  operator Tensor() const { return value(); } // so that `x @ w` style calls take a Variable

  // value := v, value + delta, value - delta. Shape and dtype must match the variable's.
  void assign(const Tensor& v);
  void assign_add(const Tensor& delta);
  void assign_sub(const Tensor& delta);

  bool operator==(const Variable& o) const { return impl_ == o.impl_; }

private:
  friend struct detail::VariableAccess;
  std::shared_ptr<detail::VariableImpl> impl_;
};

} // namespace xtape
