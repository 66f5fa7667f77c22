// Internal: single-precision GEMM, C = op(A) @ op(B), row-major, transposes folded into packing.
#pragma once
#include <cstddef>

namespace xtape::kernels {

// What the GEMM does to B as it loads it (B not transposed). mask, [K,N] like B: op(B) is B where
// mask > 0 and 0 elsewhere (ReLU's gradient dz = dy * [y > 0], applied without storing dz).
// sums, double[N], with a mask: receives the sums of op(B)'s columns over its K rows, in row
// order as reduce_sum takes them (the bias gradient), from the same pass.
struct BMask {
  const float* mask = nullptr;
  double* sums = nullptr;
};

// What the GEMM does to C as it finishes each block, while the block is in cache:
// C[i, j] = C[i, j] + bias[j] (bias, [N]), then max(C[i, j], 0) (relu).
struct Epilogue {
  const float* bias = nullptr;
  bool relu = false;
};

// op(A) is [M,K]: A is stored [M,K], or [K,M] when trans_a. op(B) is [K,N]: B is stored [K,N],
// or [N,K] when trans_b. C is [M,N] and is overwritten.
void gemm(bool trans_a, bool trans_b, std::size_t M, std::size_t N, std::size_t K, const float* A,
          const float* B, float* C, const BMask& b_mask = {}, const Epilogue& epilogue = {});

} // namespace xtape::kernels
