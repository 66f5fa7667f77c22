// Variable: a handle id plus a replaceable value. Assignments are never recorded (TF semantics).
#include "xtape/variable.hpp"

#include <cstring>

#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "detail/variable_access.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
namespace detail {
struct VariableImpl {
  std::uint64_t handle;
  std::string name;
  bool trainable;
  Tensor value;
};
} // namespace detail

namespace {
void check_same(const char* op, const detail::VariableImpl& v, const Tensor& t) {
  if (t.dtype() != v.value.dtype() || t.shape() != v.value.shape())
    throw InvalidArgumentError(std::string(op) + ": variable '" + v.name + "' is " +
                               dtype_name(v.value.dtype()) + " " + to_string(v.value.shape()) +
                               ", value is " + dtype_name(t.dtype()) + " " + to_string(t.shape()));
}

// value := value + sign * delta: in place for float32 (the training loop's case), as a new value
// from add / subtract (never recorded) for the other dtypes.
void update(const Variable& var, detail::VariableImpl& v, const Tensor& delta, float sign,
            const char* op) {
  check_same(op, v, delta);
  if (v.value.dtype() != DType::float32) {
    Tensor now = stop_gradient(v.value), d = stop_gradient(delta);
    v.value = sign > 0 ? add(now, d) : subtract(now, d);
    return;
  }
  float* w = detail::VariableAccess::writable(var, op);
  const float* d = delta.data<float>();
  for (std::int64_t i = 0, n = delta.size(); i < n; ++i) w[i] += sign * d[i];
}
} // namespace

Variable::Variable(const Tensor& initial_value, std::string name, bool trainable)
    : impl_(std::make_shared<detail::VariableImpl>(detail::VariableImpl{
          detail::next_id(), std::move(name), trainable,
          detail::TensorAccess::share(initial_value, initial_value.shape())})) {}

const std::string& Variable::name() const { return impl_->name; }
bool Variable::trainable() const { return impl_->trainable; }
void Variable::set_trainable(bool trainable) { impl_->trainable = trainable; }
const Shape& Variable::shape() const { return impl_->value.shape(); }
DType Variable::dtype() const { return impl_->value.dtype(); }
std::uint64_t Variable::handle_id() const { return impl_->handle; }

namespace {
// read = handle;  d handle = d read
const detail::Op<detail::Nothing> ReadVariableOp{
    "ReadVariableOp", nullptr, [](const detail::Nothing&, const detail::Needed&, const Tensor& dy) {
      return detail::Grads{dy};
    }};
} // namespace

Tensor Variable::value() const {
  return detail::read_variable(*this, impl_->value, ReadVariableOp);
}

void Variable::assign(const Tensor& v) {
  check_same("assign", *impl_, v);
  impl_->value = detail::TensorAccess::share(v, v.shape());
}
void Variable::assign_add(const Tensor& delta) { update(*this, *impl_, delta, 1.f, "assign_add"); }
void Variable::assign_sub(const Tensor& delta) { update(*this, *impl_, delta, -1.f, "assign_sub"); }

float* detail::VariableAccess::writable(const Variable& var, const char* op) {
  VariableImpl& v = *var.impl_;
  if (v.value.dtype() != DType::float32)
    throw InvalidArgumentError(std::string(op) + ": variable '" + v.name + "' is " +
                               dtype_name(v.value.dtype()) + "; only float32 supports it");
  if (!TensorAccess::sole_owner(v.value)) { // copy on write
    Tensor copy = make(DType::float32, v.value.shape());
    std::memcpy(mut<float>(copy), v.value.data<float>(), v.value.size() * sizeof(float));
    v.value = copy;
  }
  return mut<float>(v.value);
}

} // namespace xtape
