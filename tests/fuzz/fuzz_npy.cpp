// libFuzzer target: any bytes into the .npy parser give a tensor or an xtape::Error; a tensor it
// accepts writes back to bytes that parse to the same shape and dtype.
#include <cstdint>

#include "xtape/error.hpp"
#include "xtape/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    xtape::Tensor t = xtape::io::parse_npy(data, size, "fuzz");
    xtape::Tensor back = xtape::io::parse_npy(xtape::io::to_npy(t), "round trip");
    if (back.shape() != t.shape() || back.dtype() != t.dtype()) __builtin_trap();
  } catch (const xtape::Error&) {
  }
  return 0;
}
