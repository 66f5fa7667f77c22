// Internal: how a Tensor is stored. A Tensor is (id, dtype, shape) over a shared, 64-byte aligned
// buffer; reshape, stop_gradient and variable reads make new ids over the same buffer.
#pragma once
#include <cstdint>
#include <memory>

#include "xtape/tensor.hpp"

namespace xtape::detail {

struct Storage {
  explicit Storage(std::size_t bytes);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  void* ptr;
  std::size_t bytes;
};

struct TensorImpl {
  std::uint64_t id;
  DType dtype;
  Shape shape;
  std::int64_t size;
  std::shared_ptr<Storage> storage;
};

std::uint64_t next_id();

struct TensorAccess {
  // A new tensor with an uninitialised buffer; fill it through mut() before anyone else sees it.
  static Tensor make(DType dtype, const Shape& shape);
  // A new tensor (new id) over t's buffer, viewed with a shape of the same element count.
  static Tensor share(const Tensor& t, const Shape& shape);
  static const TensorImpl& impl(const Tensor& t) { return *t.impl_; }
  template <class T>
  static T* mut(const Tensor& t) {
    return static_cast<T*>(t.impl_->storage->ptr);
  }
  // True when no other tensor shares t's buffer, so it may be updated in place.
  static bool sole_owner(const Tensor& t) {
    return t.impl_.use_count() == 1 && t.impl_->storage.use_count() == 1;
  }
};

template <class T>
T* mut(const Tensor& t) {
  return TensorAccess::mut<T>(t);
}
inline Tensor make(DType dtype, const Shape& shape) { return TensorAccess::make(dtype, shape); }

// Throws InvalidArgumentError "<op>: expected <dtype> for <what>, got <dtype>".
void check_dtype(const char* op, const char* what, const Tensor& t, DType want);
void check_float(const char* op, const char* what, const Tensor& t);
// The same for float32 or float64 (the dtypes with gradients).
void check_floating(const char* op, const char* what, const Tensor& t);

} // namespace xtape::detail
