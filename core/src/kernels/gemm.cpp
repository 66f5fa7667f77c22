// Packed, register-blocked SGEMM on xsimd (one code path for SSE/AVX natively and WASM SIMD128).
// Loop nest as in BLIS/GotoBLAS: for each KC-deep slice, B is packed into NR-wide column panels
// (kc x NR, stays in L1) and A into MR-high row panels (MC x kc block, stays in L2); an MR x NR
// micro-kernel keeps the C tile in 2*MR vector registers. Packing reads A or B in either layout, so
// A^T @ B and A @ B^T cost the same as A @ B and no transpose is ever materialised.
#include "kernels/gemm.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include <xsimd/xsimd.hpp>

namespace xtape::kernels {
namespace {

using batch = xsimd::batch<float>;
constexpr std::size_t W = batch::size;
constexpr std::size_t MR = 6;       // rows of the C tile
constexpr std::size_t NR = 2 * W;   // columns of the C tile: two vectors
constexpr std::size_t KC = 256;     // depth of a packed slice
constexpr std::size_t MC = 16 * MR; // rows of A packed at a time
constexpr std::size_t NC = 4096;    // columns of B packed at a time

using aligned_vector = std::vector<float, xsimd::aligned_allocator<float>>;

// Ap[p][k][r] = op(A)[i0 + p*MR + r, k0 + k], zero beyond mc.
void pack_a(bool ta, const float* A, std::size_t lda, std::size_t i0, std::size_t mc,
            std::size_t k0, std::size_t kc, float* Ap) {
  for (std::size_t p = 0; p < mc; p += MR) {
    std::size_t rows = std::min(MR, mc - p);
    for (std::size_t k = 0; k < kc; ++k) {
      float* dst = Ap + p * kc + k * MR;
      for (std::size_t r = 0; r < rows; ++r) {
        std::size_t i = i0 + p + r;
        dst[r] = ta ? A[(k0 + k) * lda + i] : A[i * lda + k0 + k];
      }
      for (std::size_t r = rows; r < MR; ++r) dst[r] = 0.f;
    }
  }
}

// Bp[q][k][c] = op(B)[k0 + k, j0 + q*NR + c], zero beyond nc.
void pack_b(bool tb, const float* B, std::size_t ldb, std::size_t k0, std::size_t kc,
            std::size_t j0, std::size_t nc, float* Bp) {
  for (std::size_t q = 0; q < nc; q += NR) {
    std::size_t cols = std::min(NR, nc - q);
    for (std::size_t k = 0; k < kc; ++k) {
      float* dst = Bp + q * kc + k * NR;
      if (!tb) {
        std::memcpy(dst, B + (k0 + k) * ldb + j0 + q, cols * sizeof(float));
      } else {
        for (std::size_t c = 0; c < cols; ++c) dst[c] = B[(j0 + q + c) * ldb + k0 + k];
      }
      for (std::size_t c = cols; c < NR; ++c) dst[c] = 0.f;
    }
  }
}

// C[mr, nr] (+)= Ap-panel (kc x MR) times Bp-panel (kc x NR).
void micro_kernel(std::size_t kc, const float* a, const float* b, float* c, std::size_t ldc,
                  std::size_t mr, std::size_t nr, bool accumulate) {
  batch acc[MR][2];
  for (std::size_t r = 0; r < MR; ++r) acc[r][0] = acc[r][1] = batch(0.f);
  for (std::size_t k = 0; k < kc; ++k, a += MR, b += NR) {
    batch b0 = batch::load_aligned(b), b1 = batch::load_aligned(b + W);
    for (std::size_t r = 0; r < MR; ++r) {
      batch ar(a[r]);
      acc[r][0] = xsimd::fma(ar, b0, acc[r][0]);
      acc[r][1] = xsimd::fma(ar, b1, acc[r][1]);
    }
  }
  if (mr == MR && nr == NR) {
    for (std::size_t r = 0; r < MR; ++r) {
      float* cr = c + r * ldc;
      if (accumulate) {
        acc[r][0] += batch::load_unaligned(cr);
        acc[r][1] += batch::load_unaligned(cr + W);
      }
      acc[r][0].store_unaligned(cr);
      acc[r][1].store_unaligned(cr + W);
    }
    return;
  }
  alignas(64) float tile[MR * NR];
  for (std::size_t r = 0; r < MR; ++r) {
    acc[r][0].store_aligned(tile + r * NR);
    acc[r][1].store_aligned(tile + r * NR + W);
  }
  for (std::size_t r = 0; r < mr; ++r)
    for (std::size_t j = 0; j < nr; ++j)
      c[r * ldc + j] = accumulate ? c[r * ldc + j] + tile[r * NR + j] : tile[r * NR + j];
}

} // namespace

void gemm(bool ta, bool tb, std::size_t M, std::size_t N, std::size_t K, const float* A,
          const float* B, float* C) {
  if (M == 0 || N == 0) return;
  if (K == 0) {
    std::fill_n(C, M * N, 0.f);
    return;
  }
  const std::size_t lda = ta ? M : K, ldb = tb ? K : N;
  thread_local aligned_vector Ap, Bp;
  Ap.resize(MC * KC);
  Bp.resize(std::min(N, NC) / NR * NR * KC + NR * KC);
  for (std::size_t jc = 0; jc < N; jc += NC) {
    std::size_t nc = std::min(NC, N - jc);
    for (std::size_t pc = 0; pc < K; pc += KC) {
      std::size_t kc = std::min(KC, K - pc);
      pack_b(tb, B, ldb, pc, kc, jc, nc, Bp.data());
      for (std::size_t ic = 0; ic < M; ic += MC) {
        std::size_t mc = std::min(MC, M - ic);
        pack_a(ta, A, lda, ic, mc, pc, kc, Ap.data());
        for (std::size_t jr = 0; jr < nc; jr += NR)
          for (std::size_t ir = 0; ir < mc; ir += MR)
            micro_kernel(kc, Ap.data() + ir * kc, Bp.data() + jr * kc, C + (ic + ir) * N + jc + jr,
                         N, std::min(MR, mc - ir), std::min(NR, nc - jr), pc > 0);
      }
    }
  }
}

} // namespace xtape::kernels
