// Plugs the relaxed-SIMD GEMM block (core/src/kernels/gemm_relaxed.wat) into the core. The call
// goes out to JS (the library that scripts/embed-wasm.mjs generates) and into that module, once
// per packed block, not per tile; each thread, pthread workers included, instantiates the block
// on the shared memory at its first call.
#include <emscripten/bind.h>

#include "xtape/backend.hpp"

extern "C" void xtape_relaxed_block(std::uint32_t kc, std::uint32_t mc, std::uint32_t nc,
                                    const float* a, std::uint32_t rs, std::uint32_t cs,
                                    std::uint32_t panel, const float* bp, float* c,
                                    std::uint32_t ldc, std::uint32_t accumulate);

namespace {
void use_relaxed_simd(bool on) {
  xtape::set_gemm_block_kernel(on ? &xtape_relaxed_block : nullptr);
}
} // namespace

EMSCRIPTEN_BINDINGS(xtape_relaxed) { emscripten::function("useRelaxedSimd", &use_relaxed_simd); }
