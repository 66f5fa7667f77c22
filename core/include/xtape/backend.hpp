// Extension point for kernels a build provides from outside C++: the WASM module plugs in the
// relaxed-SIMD FMA GEMM block (core/src/kernels/gemm_relaxed.wat), which clang 14 cannot emit.
#pragma once
#include <cstdint>

namespace xtape {

// Runs the full 2 x 16 tiles of one packed GEMM block; arguments as in gemm_relaxed.wat (sizes in
// elements, pointers into the module's memory). Used only where the C++ tile is 2 rows x 4 vectors
// of 4 floats (WASM SIMD128).
using GemmBlockKernel = void (*)(std::uint32_t kc, std::uint32_t mc, std::uint32_t nc,
                                 const float* a, std::uint32_t rs, std::uint32_t cs,
                                 std::uint32_t panel, const float* bp, float* c, std::uint32_t ldc,
                                 std::uint32_t accumulate);

// nullptr: the C++ micro-kernel (the default). Not to be changed while ops run.
void set_gemm_block_kernel(GemmBlockKernel kernel);

} // namespace xtape
