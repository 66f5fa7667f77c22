// libFuzzer target: any bytes into the IDX parser give a tensor or an xtape::Error, never a
// crash, an overflow or undefined behaviour (built with ASan + UBSan).
#include <cstdint>

#include "xtape/error.hpp"
#include "xtape/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    xtape::Tensor t = xtape::io::parse_idx(data, size, "fuzz");
    if (t.size() != std::int64_t(size) - 4 - 4 * std::int64_t(t.rank())) __builtin_trap();
  } catch (const xtape::Error&) {
  }
  return 0;
}
