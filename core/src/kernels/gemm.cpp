// Register-blocked SGEMM on xsimd (one code path for SSE/AVX natively and WASM SIMD128).
// Loop nest after BLIS/GotoBLAS: for each KC-deep slice, B is packed into NR-wide column panels
// (kc x NR, contiguous, aligned, cache-resident) and an MR x NR micro-kernel keeps the C tile in
// registers. A is read in place (A @ B) or packed by blocks (A^T @ B); B^T is handled by B's
// packing: no transpose is ever materialised.
//
// Tile shape: V8 keeps at most ~8 vector accumulators in registers before it spills
// (bench/README.md), so the tile is 2 rows x 4 vectors, or 2 x 3 vectors when N is at most 12
// (the 10-class layer).
#include "kernels/gemm.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <xsimd/xsimd.hpp>

#include "parallel.hpp"
#include "xtape/backend.hpp"

namespace xtape::kernels {
namespace {

using batch = xsimd::batch<float>;
constexpr std::size_t W = batch::size;
constexpr std::size_t KC = 1024; // depth of a packed slice of B (C is re-read once per slice)
constexpr std::size_t MC = 96;   // rows of A swept per packed panel set (A block stays in L2)
constexpr std::size_t NC = 4096; // columns of B packed at a time

using aligned_vector = std::vector<float, xsimd::aligned_allocator<float>>;

GemmBlockKernel block_kernel = nullptr; // full 2 x 16 tiles from outside C++, when plugged in

// Bp[q][k][c] = op(B)[k0 + k, j0 + q*NR + c], zero beyond nc.
template <std::size_t NR>
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

// pack_b of op(B) = B where mask > 0, else 0 (B not transposed; the mask in B's layout). With
// sums, sums[j] += op(B)[k, j] for each row k in order, carried in locals along a panel.
template <std::size_t NR>
void pack_masked(const float* B, const BMask& bm, std::size_t ldb, std::size_t k0, std::size_t kc,
                 std::size_t j0, std::size_t nc, float* Bp) {
  for (std::size_t q = 0; q < nc; q += NR) {
    const std::size_t cols = std::min(NR, nc - q);
    const float* b = B + k0 * ldb + j0 + q;
    const float* m = bm.mask + k0 * ldb + j0 + q;
    double s[NR] = {};
    if (bm.sums) std::copy_n(bm.sums + j0 + q, cols, s);
    for (std::size_t k = 0; k < kc; ++k, b += ldb, m += ldb) {
      float* dst = Bp + q * kc + k * NR;
      std::size_t c = 0;
      for (; c + W <= cols; c += W)
        xsimd::select(batch::load_unaligned(m + c) > batch(0.f), batch::load_unaligned(b + c),
                      batch(0.f))
            .store_aligned(dst + c);
      for (; c < cols; ++c) dst[c] = m[c] > 0.f ? b[c] : 0.f;
      for (; c < NR; ++c) dst[c] = 0.f;
      if (bm.sums)
        for (c = 0; c < cols; ++c) s[c] += dst[c];
    }
    if (bm.sums) std::copy_n(s, cols, bm.sums + j0 + q);
  }
}

// Ap[p][k][r] = A^T block: op(A)[i0 + p*MR + r, k0 + k] where A is stored [K, M] (lda = M).
// Reading A^T in place would touch a new cache line per k; packing reads rows of A instead.
// With 2-row panels and 4-float vectors, two rows of A by four columns go at a time, read in
// order: as 64-bit lanes, a row holds one entry (2 floats) of each of two panels, and zipping
// rows k and k+1 gives each panel its entries for k and k+1 in one 16-byte store.
template <std::size_t MR>
void pack_at(const float* A, std::size_t lda, std::size_t i0, std::size_t mc, std::size_t k0,
             std::size_t kc, float* Ap) {
  std::size_t pv = 0, kv = 0; // panels [0, pv) x rows [0, kv) done by the vector loop
  if constexpr (MR == 2 && W == 4) {
    pv = mc / 4 * 4, kv = kc / 2 * 2;
    for (std::size_t c = 0; c < pv; c += 4) {
      const float* r = A + k0 * lda + i0 + c;
      float *lo = Ap + c * kc, *hi = Ap + (c + 2) * kc;
      for (std::size_t k = 0; k < kv; k += 2, r += 2 * lda) {
        auto a = xsimd::bitwise_cast<double>(batch::load_unaligned(r));
        auto b = xsimd::bitwise_cast<double>(batch::load_unaligned(r + lda));
        xsimd::bitwise_cast<float>(xsimd::zip_lo(a, b)).store_unaligned(lo + k * MR);
        xsimd::bitwise_cast<float>(xsimd::zip_hi(a, b)).store_unaligned(hi + k * MR);
      }
    }
  }
  for (std::size_t p = 0; p < mc; p += MR) {
    std::size_t rows = std::min(MR, mc - p);
    for (std::size_t k = p < pv ? kv : 0; k < kc; ++k) {
      const float* src = A + (k0 + k) * lda + i0 + p;
      float* dst = Ap + p * kc + k * MR;
      for (std::size_t r = 0; r < rows; ++r) dst[r] = src[r];
      for (std::size_t r = rows; r < MR; ++r) dst[r] = 0.f;
    }
  }
}

// The epilogue over rows [0, m) and columns [j0, j0 + n) of C (row stride ldc): + bias[j], then
// max(., 0): the same float operations as the add and relu ops.
void finish(const Epilogue& ep, float* C, std::size_t ldc, std::size_t m, std::size_t j0,
            std::size_t n) {
  if (!ep.bias && !ep.relu) return;
  for (std::size_t r = 0; r < m; ++r) {
    float* c = C + r * ldc + j0;
    std::size_t j = 0;
    for (; j + W <= n; j += W) {
      batch v = batch::load_unaligned(c + j);
      if (ep.bias) v += batch::load_unaligned(ep.bias + j0 + j);
      if (ep.relu) v = xsimd::max(v, batch(0.f));
      v.store_unaligned(c + j);
    }
    for (; j < n; ++j) {
      float v = ep.bias ? c[j] + ep.bias[j0 + j] : c[j];
      c[j] = ep.relu ? std::max(v, 0.f) : v;
    }
  }
}

// C[mr, nr] (+)= A[mr, kc] (element (r, k) at a[r*rs + k*cs]) times a packed B panel (kc x NR).
template <std::size_t MR, std::size_t NV>
void micro_kernel(std::size_t kc, const float* a, std::size_t rs, std::size_t cs, const float* b,
                  float* c, std::size_t ldc, std::size_t mr, std::size_t nr, bool accumulate) {
  constexpr std::size_t NR = NV * W;
  batch acc[MR][NV];
  for (std::size_t r = 0; r < MR; ++r)
    for (std::size_t v = 0; v < NV; ++v) acc[r][v] = batch(0.f);
  const float* rows[MR];
  for (std::size_t r = 0; r < MR; ++r)
    rows[r] = a + std::min(r, mr - 1) * rs; // clamp: no over-read
  for (std::size_t k = 0; k < kc; ++k, b += NR) {
    batch bv[NV];
    for (std::size_t v = 0; v < NV; ++v) bv[v] = batch::load_aligned(b + v * W);
    for (std::size_t r = 0; r < MR; ++r) {
      batch ar(rows[r][k * cs]);
      for (std::size_t v = 0; v < NV; ++v) acc[r][v] = xsimd::fma(ar, bv[v], acc[r][v]);
    }
  }
  if (mr == MR && nr == NR) {
    for (std::size_t r = 0; r < MR; ++r) {
      float* cr = c + r * ldc;
      for (std::size_t v = 0; v < NV; ++v) {
        if (accumulate) acc[r][v] += batch::load_unaligned(cr + v * W);
        acc[r][v].store_unaligned(cr + v * W);
      }
    }
    return;
  }
  alignas(64) float tile[MR * NR];
  for (std::size_t r = 0; r < MR; ++r)
    for (std::size_t v = 0; v < NV; ++v) acc[r][v].store_aligned(tile + r * NR + v * W);
  for (std::size_t r = 0; r < mr; ++r)
    for (std::size_t j = 0; j < nr; ++j)
      c[r * ldc + j] = accumulate ? c[r * ldc + j] + tile[r * NR + j] : tile[r * NR + j];
}

// C[M,N] (row stride ldc) = op(A) @ op(B); A has row stride lda in its stored layout.
template <std::size_t MR, std::size_t NV>
void gemm_tiled(bool ta, bool tb, std::size_t M, std::size_t N, std::size_t K, const float* A,
                std::size_t lda, const float* B, std::size_t ldb, float* C, std::size_t ldc,
                const BMask& bm, const Epilogue& ep) {
  constexpr std::size_t NR = NV * W;
  thread_local aligned_vector Ap, Bp;
  Bp.resize((std::min(N, NC) + NR) * KC);
  if (ta && N > NR) Ap.resize(MC * KC);
  for (std::size_t jc = 0; jc < N; jc += NC) {
    std::size_t nc = std::min(NC, N - jc);
    for (std::size_t pc = 0; pc < K; pc += KC) {
      std::size_t kc = std::min(KC, K - pc);
      if (bm.mask)
        pack_masked<NR>(B, bm, ldb, pc, kc, jc, nc, Bp.data());
      else
        pack_b<NR>(tb, B, ldb, pc, kc, jc, nc, Bp.data());
      for (std::size_t ic = 0; ic < M; ic += MC) {
        std::size_t mc = std::min(MC, M - ic);
        // op(A) block: rows of A read in place (row stride lda); A^T packed (stride MR) when its
        // panels are reused by several column panels of B, else read in place (h1^T @ dz2: one
        // panel of 12 columns, where packing would copy h1 to read it once).
        const float* a = A + ic * lda + pc;
        std::size_t rs = lda, cs = 1, panel = MR * lda;
        if (ta && N <= NR) {
          a = A + pc * lda + ic, rs = 1, cs = lda, panel = MR;
        } else if (ta) {
          pack_at<MR>(A, lda, ic, mc, pc, kc, Ap.data());
          a = Ap.data(), rs = 1, cs = MR, panel = MR * kc;
        }
        auto tile = [&](std::size_t ir, std::size_t jr) {
          micro_kernel<MR, NV>(kc, a + ir / MR * panel, rs, cs, Bp.data() + jr * kc,
                               C + (ic + ir) * ldc + jc + jr, ldc, std::min(MR, mc - ir),
                               std::min(NR, nc - jr), pc > 0);
        };
        std::size_t mf = 0, nf = 0; // the part done by the plugged-in block kernel
        if constexpr (MR == 2 && NR == 16) {
          if (block_kernel) {
            mf = mc / MR * MR, nf = nc / NR * NR;
            if (mf && nf)
              block_kernel(kc, mf, nf, a, rs, cs, panel, Bp.data(), C + ic * ldc + jc, ldc, pc > 0);
          }
        }
        for (std::size_t jr = 0; jr < nc; jr += NR)
          for (std::size_t ir = jr < nf ? mf : 0; ir < mc; ir += MR) tile(ir, jr);
        if (pc + kc == K) finish(ep, C + ic * ldc, ldc, mc, jc, nc); // the block is complete
      }
    }
  }
}

} // namespace

void gemm(bool ta, bool tb, std::size_t M, std::size_t N, std::size_t K, const float* A,
          const float* B, float* C, const BMask& bm, const Epilogue& ep) {
  if (bm.mask && tb) throw std::logic_error("xtape internal error: a B mask needs B untransposed");
  if (bm.sums) std::fill_n(bm.sums, N, 0.0);
  if (bm.mask && bm.sums && M == 0) // no GEMM pass to ride on
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t j = 0; j < N; ++j)
        bm.sums[j] += bm.mask[k * N + j] > 0.f ? B[k * N + j] : 0.f;
  if (M == 0 || N == 0) return;
  if (K == 0) {
    std::fill_n(C, M * N, 0.f);
    finish(ep, C, N, M, 0, N);
    return;
  }
  // A^T @ B with a narrow B (h1^T @ dz2: A = h1 stored [K,M] = [60000,128], B = dz2 [60000,10]):
  // compute C^T [10,128] = B^T @ A, whose N' = M = 128 fills the vectors, then transpose back.
  if (ta && !tb && N < 2 * W && M >= 4 * N && !bm.mask && !bm.sums && !ep.bias && !ep.relu) {
    thread_local std::vector<float> t;
    t.resize(M * N);
    gemm(true, false, N, M, K, B, A, t.data());
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t j = 0; j < N; ++j) C[i * N + j] = t[j * M + i];
    return;
  }
  const std::size_t lda = ta ? M : K, ldb = tb ? K : N;
  // Rows of C split over the threads; each thread packs its own B panels, and the one with
  // row 0 sums B's columns as it packs them (each element once, in row order).
  const std::size_t grain = std::max<std::size_t>(8, (std::size_t(1) << 21) / (N * K + 1));
  detail::parallel_for(M, grain, 8, [&](std::size_t i0, std::size_t i1) {
    const float* a = ta ? A + i0 : A + i0 * lda;
    const BMask mine{bm.mask, i0 == 0 ? bm.sums : nullptr};
    if (N <= 3 * W)
      gemm_tiled<2, 3>(ta, tb, i1 - i0, N, K, a, lda, B, ldb, C + i0 * N, N, mine, ep);
    else
      gemm_tiled<2, 4>(ta, tb, i1 - i0, N, K, a, lda, B, ldb, C + i0 * N, N, mine, ep);
  });
}

} // namespace xtape::kernels

void xtape::set_gemm_block_kernel(GemmBlockKernel kernel) { kernels::block_kernel = kernel; }
