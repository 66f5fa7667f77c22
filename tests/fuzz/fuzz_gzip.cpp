// libFuzzer target: any bytes into the gzip reader (with a small output limit, so bombs are
// refused) give bytes or an xtape::Error; what inflates is then parsed as IDX, as the loader does.
#include <cstdint>

#include "xtape/error.hpp"
#include "xtape/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    xtape::io::Bytes out = xtape::io::gunzip(data, size, "fuzz", 1 << 20);
    if (out.size() > (1u << 20)) __builtin_trap();
    xtape::io::parse_idx(out, "fuzz");
  } catch (const xtape::Error&) {
  }
  return 0;
}
