// An independent float64 implementation of the tutorial recipe with plain loops and hand-derived
// gradients (no xtape ops, no tape): the yardstick for xtape's float32 losses.
//   h = relu(x w1 + b1); out = h w2 + b2; loss = mean((y - out)^2)
//   dout = 2 (out - y) / (N*10); dw2 = h^T dout; db2 = sum dout; dh = dout w2^T (h > 0)
//   dw1 = x^T dh; db1 = sum dh; w -= lr dw
#pragma once
#include <cstdint>
#include <vector>

namespace xtape_reference {

struct RecipeF64 {
  std::int64_t n, in = 784, hidden = 128, classes = 10;
  std::vector<double> x, y, w1, b1, w2, b2; // x [n,784], y one-hot [n,10]

  double step(double lr) {
    std::vector<double> h(n * hidden), out(n * classes);
    for (std::int64_t i = 0; i < n; ++i) {
      double* hr = &h[i * hidden];
      for (std::int64_t j = 0; j < hidden; ++j) hr[j] = b1[j];
      for (std::int64_t k = 0; k < in; ++k) {
        double xv = x[i * in + k];
        if (xv == 0) continue;
        const double* wr = &w1[k * hidden];
        for (std::int64_t j = 0; j < hidden; ++j) hr[j] += xv * wr[j];
      }
      for (std::int64_t j = 0; j < hidden; ++j) hr[j] = hr[j] > 0 ? hr[j] : 0;
      for (std::int64_t c = 0; c < classes; ++c) {
        double s = b2[c];
        for (std::int64_t j = 0; j < hidden; ++j) s += hr[j] * w2[j * classes + c];
        out[i * classes + c] = s;
      }
    }
    double loss = 0;
    std::vector<double> dout(n * classes);
    for (std::int64_t i = 0; i < n * classes; ++i) {
      double d = out[i] - y[i];
      loss += d * d;
      dout[i] = 2 * d / double(n * classes);
    }
    loss /= double(n * classes);
    std::vector<double> dw1(in * hidden, 0), db1(hidden, 0), dw2(hidden * classes, 0),
        db2(classes, 0), dh(hidden);
    for (std::int64_t i = 0; i < n; ++i) {
      const double* hr = &h[i * hidden];
      const double* dr = &dout[i * classes];
      for (std::int64_t c = 0; c < classes; ++c) db2[c] += dr[c];
      for (std::int64_t j = 0; j < hidden; ++j) {
        double s = 0;
        for (std::int64_t c = 0; c < classes; ++c) {
          dw2[j * classes + c] += hr[j] * dr[c];
          s += dr[c] * w2[j * classes + c];
        }
        dh[j] = hr[j] > 0 ? s : 0;
        db1[j] += dh[j];
      }
      for (std::int64_t k = 0; k < in; ++k) {
        double xv = x[i * in + k];
        if (xv == 0) continue;
        double* gr = &dw1[k * hidden];
        for (std::int64_t j = 0; j < hidden; ++j) gr[j] += xv * dh[j];
      }
    }
    auto sgd = [lr](std::vector<double>& w, const std::vector<double>& g) {
      for (std::size_t i = 0; i < w.size(); ++i) w[i] -= lr * g[i];
    };
    sgd(w1, dw1);
    sgd(b1, db1);
    sgd(w2, dw2);
    sgd(b2, db2);
    return loss;
  }
};

} // namespace xtape_reference
