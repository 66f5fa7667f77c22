// .npy: "\x93NUMPY", version (1|2|3).0, header length (u16 for v1, u32 after), then a Python dict
// literal {'descr': '<f4', 'fortran_order': False, 'shape': (784, 128), } padded to 64 bytes.
#include <cstring>

#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"
#include "xtape/io.hpp"

namespace xtape::io {
namespace {

const char magic[] = "\x93NUMPY";

std::string descr_of(DType d) {
  switch (d) {
  case DType::float32:
    return "<f4";
  case DType::int32:
    return "<i4";
  case DType::uint8:
    return "|u1";
  case DType::bool_:
    return "|b1";
  case DType::float64:
    return "<f8";
  case DType::int64:
    return "<i8";
  case DType::float16:
    return "<f2";
  }
  return "";
}

// The value text after 'key': in the header dict.
std::string field(const std::string& header, const std::string& key, const std::string& what) {
  auto k = header.find("'" + key + "'");
  if (k == std::string::npos)
    throw InvalidArgumentError(what + ": .npy header has no '" + key + "': " + header);
  auto colon = header.find(':', k);
  if (colon == std::string::npos)
    throw InvalidArgumentError(what + ": malformed .npy header: " + header);
  auto start = header.find_first_not_of(' ', colon + 1);
  if (start == std::string::npos)
    throw InvalidArgumentError(what + ": malformed .npy header: " + header);
  auto end = header[start] == '(' ? header.find(')', start) : header.find_first_of(",}", start);
  if (end == std::string::npos)
    throw InvalidArgumentError(what + ": malformed .npy header: " + header);
  if (header[start] == '(') ++end;
  return header.substr(start, end - start);
}

} // namespace

Tensor parse_npy(const std::uint8_t* b, std::size_t n, const std::string& what) {
  auto fail = [&](const std::string& why) { return InvalidArgumentError(what + ": " + why); };
  if (n < 10 || std::memcmp(b, magic, 6) != 0) throw fail("not a .npy file (bad magic)");
  int major = b[6];
  if (major < 1 || major > 3) throw fail(".npy version " + std::to_string(major) + " unknown");
  // 64-bit arithmetic: off + hlen must not wrap in 32-bit WASM.
  std::uint64_t hlen = b[8] | (std::uint64_t(b[9]) << 8), off = 10;
  if (major >= 2) {
    if (n < 12) throw fail("truncated .npy header");
    hlen |= (std::uint64_t(b[10]) << 16) | (std::uint64_t(b[11]) << 24);
    off = 12;
  }
  if (std::uint64_t(n) < off + hlen) throw fail("truncated .npy header");
  std::string header(reinterpret_cast<const char*>(b + off), hlen);
  std::string descr = field(header, "descr", what);
  DType dtype;
  if (descr == "'<f4'")
    dtype = DType::float32;
  else if (descr == "'<i4'")
    dtype = DType::int32;
  else if (descr == "'|u1'")
    dtype = DType::uint8;
  else if (descr == "'|b1'")
    dtype = DType::bool_;
  else if (descr == "'<f8'")
    dtype = DType::float64;
  else if (descr == "'<i8'")
    dtype = DType::int64;
  else if (descr == "'<f2'")
    dtype = DType::float16;
  else
    throw fail(".npy dtype " + descr +
               " is not supported (float32 <f4, float64 <f8, float16 <f2, int32 <i4, int64 <i8, "
               "uint8, bool)");
  if (field(header, "fortran_order", what) != "False")
    throw fail("Fortran-ordered .npy arrays are not supported");
  std::string dims = field(header, "shape", what);
  Shape shape;
  std::size_t i = 1;
  while (i < dims.size()) {
    while (i < dims.size() && (dims[i] == ' ' || dims[i] == ',')) ++i;
    if (i >= dims.size() || dims[i] == ')') break;
    std::size_t used = 0;
    long long d = -1;
    try {
      d = std::stoll(dims.substr(i), &used);
    } catch (const std::exception&) {
      throw fail("bad .npy shape " + dims);
    }
    if (d < 0 || used == 0) throw fail("bad .npy shape " + dims);
    shape.push_back(d);
    i += used;
  }
  std::uint64_t count, bytes;
  try { // checked: no product can wrap
    count = std::uint64_t(num_elements(shape));
    bytes = tensor_bytes(shape, dtype);
  } catch (const InvalidArgumentError& e) {
    throw fail("impossible .npy shape " + dims + ": " + e.what());
  }
  std::uint64_t have = n - off - hlen;
  if (have != bytes)
    throw fail(std::string(have < bytes ? "truncated" : "trailing bytes in") +
               " .npy data: " + to_string(shape) + " " + dtype_name(dtype) + " needs " +
               std::to_string(bytes) + " bytes, got " + std::to_string(have));
  Tensor t = detail::make(dtype, shape);
  if (bytes) std::memcpy(detail::mut<std::uint8_t>(t), b + off + hlen, bytes);
  if (dtype == DType::bool_)
    for (std::uint64_t k = 0; k < count; ++k)
      if (detail::mut<std::uint8_t>(t)[k] > 1)
        throw fail(".npy bool data holds a value other than 0/1");
  return t;
}

Bytes to_npy(const Tensor& t) {
  // Python tuple syntax: () for a scalar, (3,) for rank 1, (784, 128) otherwise.
  std::string shape = "(";
  for (std::size_t i = 0; i < t.rank(); ++i)
    shape += (i ? ", " : "") + std::to_string(t.shape()[i]);
  shape += t.rank() == 1 ? ",)" : ")";
  std::string header =
      "{'descr': '" + descr_of(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
  std::size_t unpadded = 10 + header.size() + 1; // magic, version, length, header, newline
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  Bytes out(magic, magic + 6);
  out.insert(out.end(),
             {1, 0, std::uint8_t(header.size() & 0xff), std::uint8_t(header.size() >> 8)});
  out.insert(out.end(), header.begin(), header.end());
  const auto* data = static_cast<const std::uint8_t*>(detail::TensorAccess::impl(t).storage->ptr);
  out.insert(out.end(), data, data + t.size() * dtype_size(t.dtype()));
  return out;
}

} // namespace xtape::io
