// Tensor: an immutable n-d value with a shape and a dtype (TF: tf.Tensor / tf.constant).
// Copies of a Tensor share the same buffer; every Tensor has a unique id that tapes record.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace xtape {

// The order is the dtype codes of the surfaces (js/heap.mjs): new dtypes go at the end.
enum class DType : std::uint8_t { float32, int32, uint8, bool_, float64, int64, float16 };

// IEEE binary16 (TF: tf.float16), for storage: it converts to and from float (rounding to nearest
// even); elementwise math on it runs in float32 and rounds back, as Eigen's half does.
struct float16 {
  std::uint16_t bits = 0;
  float16() = default;
  explicit float16(float f);
  operator float() const; // NOLINT: exact
};

// "float32", "int32", "uint8", "bool", "float64", "int64", "float16"
std::string dtype_name(DType dtype);
std::size_t dtype_size(DType dtype);            // bytes per element
DType dtype_from_name(const std::string& name); // InvalidArgumentError for an unknown name
inline bool is_floating(DType d) { return d == DType::float32 || d == DType::float64; }
inline bool is_integer(DType d) {
  return d == DType::int32 || d == DType::int64 || d == DType::uint8;
}

using Shape = std::vector<std::int64_t>;
constexpr std::size_t max_rank = 254;      // TF's TensorShape limit
std::string to_string(const Shape& shape); // "[60000,784]"
// Element count, checked: rank <= max_rank, dimensions >= 0, no overflow, at most
// max_tensor_elements(); InvalidArgumentError naming the shape and the limit otherwise.
std::int64_t num_elements(const Shape& shape);
// Bytes of a dtype tensor of shape, checked the same way and against max_tensor_bytes().
std::size_t tensor_bytes(const Shape& shape, DType dtype);
std::size_t max_tensor_bytes(); // 2^31 - 64 in 32-bit WASM, 2^46 natively
std::int64_t max_tensor_elements();

template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::float32;
}
template <>
constexpr DType dtype_of<std::int32_t>() {
  return DType::int32;
}
template <>
constexpr DType dtype_of<std::uint8_t>() {
  return DType::uint8;
}
template <>
constexpr DType dtype_of<bool>() {
  return DType::bool_;
}
template <>
constexpr DType dtype_of<double>() {
  return DType::float64;
}
template <>
constexpr DType dtype_of<std::int64_t>() {
  return DType::int64;
}
template <>
constexpr DType dtype_of<float16>() {
  return DType::float16;
}

namespace detail {
struct TensorImpl;
struct TensorAccess;
} // namespace detail

class Tensor {
public:
  std::uint64_t id() const;
  const Shape& shape() const;
  DType dtype() const;
  std::size_t rank() const { return shape().size(); }
  std::int64_t size() const; // number of elements

  // Read-only element access; T must match dtype() (bool is stored as one byte).
  template <class T>
  const T* data() const;
  // A copy of the elements (TF: .numpy()); T must match dtype().
  template <class T>
  std::vector<T> to_vector() const;
  // The value of a one-element tensor as float (TF: float(t)); any dtype.
  float item() const;
  // The same in double (exact for float64, and for int64 up to 2^53).
  double item_double() const;

private:
  friend struct detail::TensorAccess;
  explicit Tensor(std::shared_ptr<const detail::TensorImpl> impl) : impl_(std::move(impl)) {}
  const void* raw() const;
  std::shared_ptr<const detail::TensorImpl> impl_;
};

// TF: tf.constant(values, shape=...). The element count must match the shape.
Tensor constant(const std::vector<float>& values, const Shape& shape);
Tensor constant(const std::vector<std::int32_t>& values, const Shape& shape);
Tensor constant(const std::vector<std::uint8_t>& values, const Shape& shape);
Tensor constant(const std::vector<double>& values, const Shape& shape);
Tensor constant(const std::vector<std::int64_t>& values, const Shape& shape);
template <class T>
Tensor constant(std::initializer_list<T> values, const Shape& shape) {
  return constant(std::vector<T>(values), shape);
}
Tensor constant(std::initializer_list<float> values); // 1-D
Tensor constant(float value);                         // scalar
Tensor zeros(const Shape& shape, DType dtype = DType::float32);
Tensor ones(const Shape& shape, DType dtype = DType::float32);
Tensor fill(const Shape& shape, double value, DType dtype = DType::float32); // value cast to dtype
Tensor zeros_like(const Tensor& t);
Tensor ones_like(const Tensor& t);

// Bytes held by all tensor buffers now, and the most held at once since the last reset.
struct MemoryStats {
  std::size_t live_bytes;
  std::size_t peak_bytes;
};
MemoryStats memory_stats();
void reset_peak_memory();

// Prints shape, dtype and (up to 20) values, e.g. "tf.Tensor([1 2 3], shape=[3], dtype=float32)".
std::ostream& operator<<(std::ostream& os, const Tensor& t);

} // namespace xtape
