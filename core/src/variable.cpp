// Variable: a handle id plus a replaceable value. Assignments are never recorded (TF semantics).
#include "xtape/variable.hpp"

#include <cmath>
#include <cstring>

#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"

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

// value := value + sign * delta, in place when nothing else can see the old buffer.
void update(detail::VariableImpl& v, const Tensor& delta, float sign, const char* op) {
  check_same(op, v, delta);
  if (v.value.dtype() != DType::float32)
    throw InvalidArgumentError(std::string(op) + ": variable '" + v.name + "' is " +
                               dtype_name(v.value.dtype()) + "; only float32 supports it");
  const float* d = delta.data<float>();
  const float* w = v.value.data<float>();
  Tensor out = detail::TensorAccess::sole_owner(v.value)
                   ? v.value
                   : detail::make(DType::float32, v.value.shape());
  float* o = detail::mut<float>(out);
  for (std::int64_t i = 0, n = out.size(); i < n; ++i) o[i] = w[i] + sign * d[i];
  v.value = out;
}
} // namespace

Variable::Variable(const Tensor& initial_value, std::string name, bool trainable)
    : impl_(std::make_shared<detail::VariableImpl>(detail::VariableImpl{
          detail::next_id(), std::move(name), trainable,
          detail::TensorAccess::share(initial_value, initial_value.shape())})) {}

const std::string& Variable::name() const { return impl_->name; }
bool Variable::trainable() const { return impl_->trainable; }
const Shape& Variable::shape() const { return impl_->value.shape(); }
DType Variable::dtype() const { return impl_->value.dtype(); }
std::uint64_t Variable::handle_id() const { return impl_->handle; }

Tensor Variable::value() const { return detail::read_variable(*this, impl_->value); }

void Variable::assign(const Tensor& v) {
  check_same("assign", *impl_, v);
  impl_->value = detail::TensorAccess::share(v, v.shape());
}
void Variable::assign_add(const Tensor& delta) { update(*impl_, delta, 1.f, "assign_add"); }
void Variable::assign_sub(const Tensor& delta) { update(*impl_, delta, -1.f, "assign_sub"); }

} // namespace xtape
