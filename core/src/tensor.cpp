// Tensor storage, construction and printing.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <sstream>

#include "detail/dtypes.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"

namespace xtape {

std::string dtype_name(DType dtype) {
  switch (dtype) {
  case DType::float32:
    return "float32";
  case DType::int32:
    return "int32";
  case DType::uint8:
    return "uint8";
  case DType::bool_:
    return "bool";
  case DType::float64:
    return "float64";
  case DType::int64:
    return "int64";
  case DType::float16:
    return "float16";
  }
  return "unknown";
}

// binary16: sign, 5 exponent bits (bias 15), 10 mantissa bits. From float32 by rounding the
// mantissa to nearest even (a carry may move into the exponent, up to inf: correct); values
// below 2^-14 become subnormals, below 2^-25 zero.
float16::float16(float f) {
  std::uint32_t x;
  std::memcpy(&x, &f, 4);
  const std::uint32_t sign = (x >> 16) & 0x8000u, exp = (x >> 23) & 0xffu;
  std::uint32_t mant = x & 0x7fffffu;
  if (exp == 0xff) { // inf, nan (kept quiet)
    bits = std::uint16_t(sign | 0x7c00u | (mant ? 0x200u : 0u));
    return;
  }
  const int e = int(exp) - 127 + 15;
  if (e >= 31) {
    bits = std::uint16_t(sign | 0x7c00u);
    return;
  }
  std::uint32_t h, rem, halfway;
  if (e <= 0) { // a subnormal half (or zero)
    if (e < -10) {
      bits = std::uint16_t(sign);
      return;
    }
    mant |= 0x800000u;
    const int shift = 14 - e;
    h = mant >> shift;
    rem = mant & ((1u << shift) - 1);
    halfway = 1u << (shift - 1);
  } else {
    h = (std::uint32_t(e) << 10) | (mant >> 13);
    rem = mant & 0x1fffu;
    halfway = 0x1000u;
  }
  if (rem > halfway || (rem == halfway && (h & 1))) ++h;
  bits = std::uint16_t(sign | h);
}

float16::operator float() const {
  const std::uint32_t sign = std::uint32_t(bits & 0x8000u) << 16, exp = (bits >> 10) & 0x1fu,
                      mant = bits & 0x3ffu;
  if (exp == 0) { // zero or subnormal: mant * 2^-24
    const float f = std::ldexp(float(mant), -24);
    return sign ? -f : f;
  }
  std::uint32_t x = exp == 31 ? sign | 0x7f800000u | (mant << 13)
                              : sign | ((exp - 15 + 127) << 23) | (mant << 13);
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

std::size_t dtype_size(DType dtype) {
  return detail::visit_dtype(dtype, [](auto t) { return sizeof(t); });
}

std::string to_string(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

DType dtype_from_name(const std::string& name) {
  for (DType d : {DType::float32, DType::int32, DType::uint8, DType::bool_, DType::float64,
                  DType::int64, DType::float16})
    if (dtype_name(d) == name) return d;
  throw InvalidArgumentError("unknown dtype '" + name.substr(0, 40) +
                             "' (float32, float64, float16, int32, int64, uint8, bool)");
}

// THE size check. Every element count goes through here (allocations, reshape, parsers): rank at
// most max_rank, each dimension >= 0 and the product computed with overflow checks, so no count can
// wrap.
std::int64_t num_elements(const Shape& shape) {
  if (shape.size() > max_rank)
    throw InvalidArgumentError("a shape of rank " + std::to_string(shape.size()) +
                               " is past TF's maximum rank " + std::to_string(max_rank));
  std::int64_t n = 1;
  bool overflow = false;
  for (auto d : shape) {
    if (d < 0)
      throw InvalidArgumentError("shape " + to_string(shape) + " has a negative dimension");
    overflow = overflow || __builtin_mul_overflow(n, d, &n);
  }
  if (overflow || n > max_tensor_elements())
    throw InvalidArgumentError("shape " + to_string(shape) + " has more elements than the " +
                               std::to_string(max_tensor_bytes()) +
                               " bytes a tensor may have in this build");
  return n;
}

// 32-bit WASM addresses 4 GiB in all: one buffer may take half. Natively 2^46 bytes.
std::size_t max_tensor_bytes() {
  return sizeof(std::size_t) == 4 ? (std::size_t(1) << 31) - 64 : std::size_t(1) << 46;
}
std::int64_t max_tensor_elements() { return std::int64_t(max_tensor_bytes()); }

namespace {
// The bytes of n elements (n from num_elements, so already checked) against the build's limit.
std::size_t bytes_of(std::int64_t n, const Shape& shape, DType dtype) {
  if (std::uint64_t(n) * dtype_size(dtype) > max_tensor_bytes())
    throw InvalidArgumentError("a " + dtype_name(dtype) + " tensor of shape " + to_string(shape) +
                               " needs " + std::to_string(std::uint64_t(n) * dtype_size(dtype)) +
                               " bytes, over the " + std::to_string(max_tensor_bytes()) +
                               " bytes a tensor may have in this build");
  return std::size_t(n) * dtype_size(dtype);
}
} // namespace

std::size_t tensor_bytes(const Shape& shape, DType dtype) {
  return bytes_of(num_elements(shape), shape, dtype);
}

namespace detail {

namespace {
std::atomic<std::size_t> live_bytes{0}, peak_bytes{0};
}

Storage::Storage(std::size_t n) : ptr(nullptr), bytes(n) {
  std::size_t rounded = (std::max<std::size_t>(n, 1) + 63) / 64 * 64;
  ptr = std::aligned_alloc(64, rounded);
  if (!ptr)
    throw ResourceExhaustedError("out of memory allocating a tensor of " + std::to_string(n) +
                                 " bytes");
  std::size_t now = live_bytes += n, peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
}
Storage::~Storage() {
  live_bytes -= bytes;
  std::free(ptr);
}

std::uint64_t next_id() {
  static std::atomic<std::uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

Tensor TensorAccess::make(DType dtype, const Shape& shape) {
  std::int64_t n = num_elements(shape);
  auto storage = std::make_shared<Storage>(bytes_of(n, shape, dtype));
  return Tensor(std::make_shared<const TensorImpl>(
      TensorImpl{next_id(), dtype, shape, n, std::move(storage)}));
}

Tensor TensorAccess::share(const Tensor& t, const Shape& shape) {
  return Tensor(std::make_shared<const TensorImpl>(
      TensorImpl{next_id(), t.impl_->dtype, shape, t.impl_->size, t.impl_->storage}));
}

void check_dtype(const char* op, const char* what, const Tensor& t, DType want) {
  if (t.dtype() != want)
    throw InvalidArgumentError(std::string(op) + ": expected " + dtype_name(want) + " for " + what +
                               ", got " + dtype_name(t.dtype()) + " " + to_string(t.shape()));
}
void check_float(const char* op, const char* what, const Tensor& t) {
  check_dtype(op, what, t, DType::float32);
}
void check_floating(const char* op, const char* what, const Tensor& t) {
  if (!is_floating(t.dtype()))
    throw InvalidArgumentError(std::string(op) + ": expected float32 or float64 for " + what +
                               ", got " + dtype_name(t.dtype()) + " " + to_string(t.shape()));
}

} // namespace detail

const char* error_kind(const std::exception& e) {
  if (dynamic_cast<const InvalidArgumentError*>(&e)) return "InvalidArgumentError";
  if (dynamic_cast<const NotFoundError*>(&e)) return "NotFoundError";
  if (dynamic_cast<const RuntimeError*>(&e)) return "RuntimeError";
  if (dynamic_cast<const ResourceExhaustedError*>(&e) || dynamic_cast<const std::bad_alloc*>(&e))
    return "ResourceExhaustedError";
  if (dynamic_cast<const Error*>(&e)) return "UnknownError";
  return "InternalError";
}

std::uint64_t Tensor::id() const { return impl_->id; }
const Shape& Tensor::shape() const { return impl_->shape; }
DType Tensor::dtype() const { return impl_->dtype; }
std::int64_t Tensor::size() const { return impl_->size; }
const void* Tensor::raw() const { return impl_->storage->ptr; }

template <class T>
const T* Tensor::data() const {
  if (dtype_of<T>() != dtype())
    throw InvalidArgumentError("Tensor::data: tensor is " + dtype_name(dtype()) + ", not " +
                               dtype_name(dtype_of<T>()));
  return static_cast<const T*>(raw());
}
template <class T>
std::vector<T> Tensor::to_vector() const {
  const T* p = data<T>();
  return std::vector<T>(p, p + size());
}
template const float* Tensor::data<float>() const;
template const std::int32_t* Tensor::data<std::int32_t>() const;
template const std::uint8_t* Tensor::data<std::uint8_t>() const;
template const bool* Tensor::data<bool>() const;
template const double* Tensor::data<double>() const;
template const std::int64_t* Tensor::data<std::int64_t>() const;
template const float16* Tensor::data<float16>() const;
template std::vector<float> Tensor::to_vector<float>() const;
template std::vector<std::int32_t> Tensor::to_vector<std::int32_t>() const;
template std::vector<std::uint8_t> Tensor::to_vector<std::uint8_t>() const;
template std::vector<bool> Tensor::to_vector<bool>() const;
template std::vector<double> Tensor::to_vector<double>() const;
template std::vector<std::int64_t> Tensor::to_vector<std::int64_t>() const;
template std::vector<float16> Tensor::to_vector<float16>() const;

namespace {
double element_as_double(const Tensor& t, std::int64_t i) {
  return detail::visit_dtype(t.dtype(), [&](auto v) {
    using T = decltype(v);
    return double(t.data<T>()[i]);
  });
}

template <class T>
Tensor from_values(const std::vector<T>& values, const Shape& shape) {
  std::int64_t n = num_elements(shape);
  if (n != static_cast<std::int64_t>(values.size()))
    throw InvalidArgumentError("constant: " + std::to_string(values.size()) +
                               " values do not fill shape " + to_string(shape) + " (" +
                               std::to_string(n) + " elements)");
  Tensor t = detail::make(dtype_of<T>(), shape);
  if (n) std::memcpy(detail::mut<T>(t), values.data(), n * sizeof(T));
  return t;
}
} // namespace

double Tensor::item_double() const {
  if (size() != 1)
    throw InvalidArgumentError("item: tensor of shape " + to_string(shape()) +
                               " has more than one element");
  return element_as_double(*this, 0);
}
float Tensor::item() const { return float(item_double()); }

Tensor constant(const std::vector<float>& v, const Shape& s) { return from_values(v, s); }
Tensor constant(const std::vector<std::int32_t>& v, const Shape& s) { return from_values(v, s); }
Tensor constant(const std::vector<std::uint8_t>& v, const Shape& s) { return from_values(v, s); }
Tensor constant(const std::vector<double>& v, const Shape& s) { return from_values(v, s); }
Tensor constant(const std::vector<std::int64_t>& v, const Shape& s) { return from_values(v, s); }
Tensor constant(std::initializer_list<float> v) {
  return from_values(std::vector<float>(v), {static_cast<std::int64_t>(v.size())});
}
Tensor constant(float value) { return from_values(std::vector<float>{value}, {}); }

Tensor fill(const Shape& shape, double value, DType dtype) {
  Tensor t = detail::make(dtype, shape);
  detail::visit_dtype(dtype, [&](auto v) {
    using T = decltype(v);
    std::fill_n(detail::mut<T>(t), t.size(), detail::convert<T>(value));
  });
  return t;
}
Tensor zeros(const Shape& shape, DType dtype) {
  Tensor t = detail::make(dtype, shape);
  std::memset(detail::mut<std::uint8_t>(t), 0, t.size() * dtype_size(dtype));
  return t;
}
Tensor ones(const Shape& shape, DType dtype) { return fill(shape, 1.0, dtype); }
Tensor zeros_like(const Tensor& t) { return zeros(t.shape(), t.dtype()); }
Tensor ones_like(const Tensor& t) { return ones(t.shape(), t.dtype()); }

MemoryStats memory_stats() { return {detail::live_bytes.load(), detail::peak_bytes.load()}; }
void reset_peak_memory() { detail::peak_bytes = detail::live_bytes.load(); }

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  std::ostringstream s;
  s << "tf.Tensor([";
  std::int64_t shown = std::min<std::int64_t>(t.size(), 20);
  for (std::int64_t i = 0; i < shown; ++i) s << (i ? " " : "") << element_as_double(t, i);
  if (shown < t.size()) s << " ...";
  s << "], shape=" << to_string(t.shape()) << ", dtype=" << dtype_name(t.dtype()) << ")";
  return os << s.str();
}

} // namespace xtape
