// 2-D convolution and max pooling, NHWC as TF: conv2d as im2col and one GEMM, its gradients as
// the transposed products (col2im for the input); max_pool2d keeps where each maximum was.
#include <algorithm>
#include <cmath>
#include <limits>

#include "detail/record.hpp"
#include "kernels/gemm.hpp"
#include "ops/cwise.hpp"
#include "xtape/ops.hpp"

namespace xtape {
using namespace detail;

namespace {
// One spatial axis: output size and the padding before it (TF's SAME: the odd pixel after).
struct Axis {
  std::int64_t in, k, stride, out, pad;
};
Axis axis_of(const char* op, std::int64_t in, std::int64_t k, std::int64_t stride, bool same) {
  if (stride < 1)
    throw InvalidArgumentError(std::string(op) + ": strides must be >= 1, got " +
                               std::to_string(stride));
  if (same) {
    std::int64_t out = (in + stride - 1) / stride;
    std::int64_t total = std::max<std::int64_t>((out - 1) * stride + k - in, 0);
    return {in, k, stride, out, total / 2};
  }
  if (k > in)
    throw InvalidArgumentError(std::string(op) + ": the window (" + std::to_string(k) +
                               ") is larger than the input (" + std::to_string(in) +
                               ") with padding 'VALID'");
  return {in, k, stride, (in - k) / stride + 1, 0};
}
std::pair<std::int64_t, std::int64_t> two(const char* op, const char* what, const Shape& v) {
  if (v.size() != 2)
    throw InvalidArgumentError(std::string(op) + ": " + what + " must be 2 integers [h, w], got " +
                               std::to_string(v.size()));
  return {v[0], v[1]};
}
void check_nhwc(const char* op, const Tensor& x) {
  check_floating(op, "input", x);
  if (x.dtype() == DType::float16)
    throw InvalidArgumentError(std::string(op) + ": not defined for float16");
  if (x.rank() != 4)
    throw InvalidArgumentError(std::string(op) + ": input must be 4-D [batch, height, width, " +
                               "channels], got " + to_string(x.shape()));
}

struct Geometry {
  std::int64_t n, c, o;
  Axis h, w;
  std::int64_t rows() const { return n * h.out * w.out; } // output pixels
  std::int64_t cols() const { return h.k * w.k * c; }     // one patch
};

// cols[(b, oy, ox), (ky, kx, ci)] = x[b, oy*s - pad + ky, ox*s - pad + kx, ci] (0 outside).
template <class T>
void im2col(const T* x, const Geometry& g, T* cols) {
  for (std::int64_t b = 0; b < g.n; ++b)
    for (std::int64_t oy = 0; oy < g.h.out; ++oy)
      for (std::int64_t ox = 0; ox < g.w.out; ++ox) {
        T* row = cols + ((b * g.h.out + oy) * g.w.out + ox) * g.cols();
        for (std::int64_t ky = 0; ky < g.h.k; ++ky) {
          std::int64_t iy = oy * g.h.stride - g.h.pad + ky;
          for (std::int64_t kx = 0; kx < g.w.k; ++kx, row += g.c) {
            std::int64_t ix = ox * g.w.stride - g.w.pad + kx;
            if (iy < 0 || iy >= g.h.in || ix < 0 || ix >= g.w.in)
              std::fill(row, row + g.c, T(0));
            else
              std::copy_n(x + ((b * g.h.in + iy) * g.w.in + ix) * g.c, g.c, row);
          }
        }
      }
}
// The adjoint of im2col: each patch entry added back to the pixel it came from.
template <class T>
void col2im(const T* cols, const Geometry& g, T* x) {
  std::fill(x, x + g.n * g.h.in * g.w.in * g.c, T(0));
  for (std::int64_t b = 0; b < g.n; ++b)
    for (std::int64_t oy = 0; oy < g.h.out; ++oy)
      for (std::int64_t ox = 0; ox < g.w.out; ++ox) {
        const T* row = cols + ((b * g.h.out + oy) * g.w.out + ox) * g.cols();
        for (std::int64_t ky = 0; ky < g.h.k; ++ky) {
          std::int64_t iy = oy * g.h.stride - g.h.pad + ky;
          for (std::int64_t kx = 0; kx < g.w.k; ++kx, row += g.c) {
            std::int64_t ix = ox * g.w.stride - g.w.pad + kx;
            if (iy < 0 || iy >= g.h.in || ix < 0 || ix >= g.w.in) continue;
            T* px = x + ((b * g.h.in + iy) * g.w.in + ix) * g.c;
            for (std::int64_t ci = 0; ci < g.c; ++ci) px[ci] += row[ci];
          }
        }
      }
}
// C[M,N] = op(A) @ op(B) for float32 (the packed GEMM) or float64 (plain loops).
template <class T>
void product(bool ta, bool tb, std::int64_t M, std::int64_t N, std::int64_t K, const T* A,
             const T* B, T* C) {
  if constexpr (std::is_same_v<T, float>) {
    kernels::gemm(ta, tb, std::size_t(M), std::size_t(N), std::size_t(K), A, B, C);
  } else {
    for (std::int64_t i = 0; i < M; ++i)
      for (std::int64_t j = 0; j < N; ++j) {
        T s = 0;
        for (std::int64_t k = 0; k < K; ++k)
          s += (ta ? A[k * M + i] : A[i * K + k]) * (tb ? B[j * K + k] : B[k * N + j]);
        C[i * N + j] = s;
      }
  }
}

[[noreturn]] void no_second_order(const char* op) {
  throw InvalidArgumentError(std::string(op) +
                             ": a gradient of its gradient is not supported yet (a tape records "
                             "the backward pass)");
}

struct ConvSaved {
  Tensor x, f;
  Geometry g;
};
// y = conv(x, f) = im2col(x) @ f[KH*KW*C, O];  df = im2col(x)^T @ dy,  dx = col2im(dy @ f^T)
const Op<ConvSaved> Conv2D{
    "Conv2D", "conv2d", [](const ConvSaved& s, const Needed& n, const Tensor& dy) {
      if (recording()) no_second_order("conv2d");
      Grads out(2);
      const Geometry& g = s.g;
      float_visit(s.x.dtype(), [&](auto t) {
        using T = decltype(t);
        std::vector<T> cols(std::size_t(g.rows() * g.cols()));
        if (n[1]) {
          im2col(s.x.data<T>(), g, cols.data());
          Tensor df = make(s.f.dtype(), s.f.shape());
          product<T>(true, false, g.cols(), g.o, g.rows(), cols.data(), dy.data<T>(), mut<T>(df));
          out[1] = df;
        }
        if (n[0]) {
          product<T>(false, true, g.rows(), g.cols(), g.o, dy.data<T>(), s.f.data<T>(),
                     cols.data());
          Tensor dx = make(s.x.dtype(), s.x.shape());
          col2im(cols.data(), g, mut<T>(dx));
          out[0] = dx;
        }
      });
      return out;
    }};

struct PoolSaved {
  Shape x;
  std::vector<std::int64_t> argmax; // per output element, the input element that was its max
};
// y = max over each window;  dx[argmax] += dy   (TF's MaxPoolGrad: the first max of a window)
const Op<PoolSaved> MaxPool{"MaxPool", "max_pool2d",
                            [](const PoolSaved& s, const Needed&, const Tensor& dy) {
                              if (recording()) no_second_order("max_pool2d");
                              Tensor dx = zeros(s.x, dy.dtype());
                              float_visit(dy.dtype(), [&](auto t) {
                                using T = decltype(t);
                                const T* pd = dy.data<T>();
                                T* px = mut<T>(dx);
                                for (std::size_t i = 0; i < s.argmax.size(); ++i)
                                  px[s.argmax[i]] += pd[i];
                              });
                              return Grads{dx};
                            }};
} // namespace

Tensor conv2d(const Tensor& input, const Tensor& filters, const Shape& strides, bool same) {
  check_nhwc("conv2d", input);
  if (filters.dtype() != input.dtype() || filters.rank() != 4 ||
      filters.shape()[2] != input.shape()[3])
    throw InvalidArgumentError("conv2d: filters must be [height, width, in_channels, "
                               "out_channels] of the input's dtype with in_channels " +
                               std::to_string(input.shape()[3]) + ", got " +
                               dtype_name(filters.dtype()) + " " + to_string(filters.shape()));
  auto [sh, sw] = two("conv2d", "strides", strides);
  const Shape &xs = input.shape(), &fs = filters.shape();
  Geometry g{xs[0], xs[3], fs[3], axis_of("conv2d", xs[1], fs[0], sh, same),
             axis_of("conv2d", xs[2], fs[1], sw, same)};
  Tensor y = make(input.dtype(), {g.n, g.h.out, g.w.out, g.o});
  float_visit(input.dtype(), [&](auto t) {
    using T = decltype(t);
    std::vector<T> cols(std::size_t(g.rows() * g.cols()));
    im2col(input.data<T>(), g, cols.data());
    product<T>(false, false, g.rows(), g.o, g.cols(), cols.data(), filters.data<T>(), mut<T>(y));
  });
  return record(Conv2D, {input, filters}, y, {input, filters, g});
}

Tensor max_pool2d(const Tensor& input, const Shape& ksize, const Shape& strides, bool same) {
  check_nhwc("max_pool2d", input);
  // plain variables: the kernel's lambda cannot capture structured bindings in clang 14
  const std::int64_t kh = two("max_pool2d", "ksize", ksize).first, kw = ksize[1];
  const std::int64_t sh = two("max_pool2d", "strides", strides).first, sw = strides[1];
  if (kh < 1 || kw < 1) throw InvalidArgumentError("max_pool2d: ksize must be >= 1");
  const Shape& xs = input.shape();
  Axis h = axis_of("max_pool2d", xs[1], kh, sh, same),
       w = axis_of("max_pool2d", xs[2], kw, sw, same);
  std::int64_t n = xs[0], c = xs[3];
  Tensor y = make(input.dtype(), {n, h.out, w.out, c});
  PoolSaved saved{xs, std::vector<std::int64_t>(std::size_t(y.size()))};
  float_visit(input.dtype(), [&](auto t) {
    using T = decltype(t);
    const T* px = input.data<T>();
    T* py = mut<T>(y);
    std::int64_t at = 0;
    for (std::int64_t b = 0; b < n; ++b)
      for (std::int64_t oy = 0; oy < h.out; ++oy)
        for (std::int64_t ox = 0; ox < w.out; ++ox)
          for (std::int64_t ci = 0; ci < c; ++ci, ++at) {
            T best = -std::numeric_limits<T>::infinity();
            std::int64_t where = -1;
            for (std::int64_t ky = 0; ky < kh; ++ky) {
              std::int64_t iy = oy * sh - h.pad + ky;
              if (iy < 0 || iy >= h.in) continue;
              for (std::int64_t kx = 0; kx < kw; ++kx) {
                std::int64_t ix = ox * sw - w.pad + kx;
                if (ix < 0 || ix >= w.in) continue;
                std::int64_t i = ((b * h.in + iy) * w.in + ix) * c + ci;
                if (where < 0 || px[i] > best || (std::isnan(px[i]) && !std::isnan(best))) {
                  best = px[i];
                  where = i;
                }
              }
            }
            py[at] = best;
            saved.argmax[std::size_t(at)] = where;
          }
  });
  return record(MaxPool, {input}, y, std::move(saved));
}

} // namespace xtape
