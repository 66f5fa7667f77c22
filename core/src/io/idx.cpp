// IDX: magic 0x00 0x00 <type> <ndim>, then ndim big-endian uint32 dims, then the data.
#include <cstdio>
#include <cstring>

#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"
#include "xtape/io.hpp"

namespace xtape::io {

Tensor parse_idx(const std::uint8_t* b, std::size_t n, const std::string& what) {
  auto fail = [&](const std::string& why) { return InvalidArgumentError(what + ": " + why); };
  if (n < 4) throw fail("not an IDX file: " + std::to_string(n) + " bytes, need at least 4");
  if (b[0] != 0 || b[1] != 0)
    throw fail("not an IDX file: bad magic bytes " + std::to_string(b[0]) + " " +
               std::to_string(b[1]) + " (want 0 0; is it still gzip-compressed?)");
  if (b[2] != 0x08) {
    char type[8];
    std::snprintf(type, sizeof type, "0x%02X", unsigned(b[2]));
    throw fail(std::string("IDX element type ") + type +
               " is not supported (only 0x08, unsigned byte)");
  }
  std::size_t ndim = b[3];
  if (ndim == 0) throw fail("IDX header declares 0 dimensions");
  if (n < 4 + 4 * ndim)
    throw fail("truncated IDX header: " + std::to_string(n) + " bytes for " + std::to_string(ndim) +
               " dimensions");
  Shape shape;
  for (std::size_t i = 0; i < ndim; ++i) {
    const std::uint8_t* d = b + 4 + 4 * i;
    shape.push_back(std::uint32_t(d[0]) << 24 | std::uint32_t(d[1]) << 16 |
                    std::uint32_t(d[2]) << 8 | d[3]);
  }
  std::uint64_t count;
  try {
    count = tensor_bytes(shape, DType::uint8); // checked: no product can wrap
  } catch (const InvalidArgumentError& e) {
    throw fail(std::string("impossible IDX dimensions: ") + e.what());
  }
  std::uint64_t have = n - 4 - 4 * ndim;
  if (have != count)
    throw fail(std::string(have < count ? "truncated" : "trailing bytes in") +
               " IDX data: " + to_string(shape) + " needs " + std::to_string(count) +
               " bytes, got " + std::to_string(have));
  Tensor t = detail::make(DType::uint8, shape);
  if (count) std::memcpy(detail::mut<std::uint8_t>(t), b + 4 + 4 * ndim, count);
  return t;
}

} // namespace xtape::io
