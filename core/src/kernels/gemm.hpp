// Internal: single-precision GEMM, C = op(A) @ op(B), row-major, transposes folded into packing.
#pragma once
#include <cstddef>

namespace xtape::kernels {

// op(A) is [M,K]: A is stored [M,K], or [K,M] when trans_a. op(B) is [K,N]: B is stored [K,N],
// or [N,K] when trans_b. C is [M,N] and is overwritten.
void gemm(bool trans_a, bool trans_b, std::size_t M, std::size_t N, std::size_t K, const float* A,
          const float* B, float* C);

} // namespace xtape::kernels
