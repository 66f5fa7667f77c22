// Native GEMM against OpenBLAS sgemm, single thread, on the tutorial's training shapes.
//   gemm_native [reps]   -> JSON on stdout: [{name, xtape_ms, openblas_ms, ratio, ...}]
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "kernels/gemm.hpp"
#include "xtape/xtape.hpp"

extern "C" void openblas_set_num_threads(int);

namespace {
struct Shape {
  const char* name;
  bool ta, tb;
  int M, N, K;
};
const Shape shapes[] = {{"x @ w1", false, false, 60000, 128, 784},
                        {"h1 @ w2", false, false, 60000, 10, 128},
                        {"h1^T @ dz2", true, false, 128, 10, 60000},
                        {"dz2 @ w2^T", false, true, 60000, 128, 10},
                        {"x^T @ dz1", true, false, 784, 128, 60000}};

template <class F>
double median_ms(F f, int reps) {
  f(); // warm-up
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
} // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  openblas_set_num_threads(1);
  xtape::set_num_threads(1);
  std::vector<float> A(60000 * 784), B(60000 * 128), C(60000 * 128);
  auto fill = xtape::random::stateless_uniform({60000 * 784}, 1, -1, 1).to_vector<float>();
  std::copy(fill.begin(), fill.end(), A.begin());
  std::copy(fill.begin(), fill.begin() + B.size(), B.begin());
  std::printf("[\n");
  for (std::size_t i = 0; i < std::size(shapes); ++i) {
    const Shape& s = shapes[i];
    double flops = 2.0 * s.M * s.N * s.K;
    double ours = median_ms([&] {
      xtape::kernels::gemm(s.ta, s.tb, s.M, s.N, s.K, A.data(), B.data(), C.data());
    }, reps);
    double blas = median_ms([&] {
      cblas_sgemm(CblasRowMajor, s.ta ? CblasTrans : CblasNoTrans, s.tb ? CblasTrans : CblasNoTrans,
                  s.M, s.N, s.K, 1.f, A.data(), s.ta ? s.M : s.K, B.data(), s.tb ? s.K : s.N, 0.f,
                  C.data(), s.N);
    }, reps);
    std::printf("  {\"name\": \"%s\", \"xtape_ms\": %.3f, \"openblas_ms\": %.3f, \"xtape_gflops\": %.2f, "
                "\"openblas_gflops\": %.2f, \"speed_ratio\": %.3f}%s\n",
                s.name, ours, blas, flops / ours / 1e6, flops / blas / 1e6, blas / ours,
                i + 1 < std::size(shapes) ? "," : "");
  }
  std::printf("]\n");
}
