// What one op unit uses of another's: the op types that the dense layer's fusion rule spans
// (matmul.cpp), and the gradient kernels two ops share.
#pragma once
#include <utility>

#include "detail/record.hpp"

namespace xtape::detail {

struct ReluSaved {
  Tensor y;
};
extern const Op<ReluSaved> Relu; // unary_ops.cpp
extern const Op<Nothing> AddV2;  // math_ops.cpp
struct MatMulSaved {
  Tensor a, b;
  bool ta, tb;
};
extern const Op<MatMulSaved> MatMul; // matmul.cpp

// dx = dy * [y > 0] as the op ReluGrad (recorded, so that gradients of gradients see it).
Tensor relu_grad(const Tensor& dy, const Tensor& y);

// The gradient of a dense layer y = relu(x @ w + b) when x takes none: dz = dy * [y > 0],
// dw = x^T @ dz [I,N], db = sum over rows of dz [N], from x [B,I] and dy, y [B,N]. One GEMM
// whose load of dz applies the mask and sums the columns: dz is never stored, and the values
// are those of the Relu, AddV2 and MatMul rules run one after the other, bit for bit. ReluLayer's
// rule and the fusion rule of relu(x @ w + b) use it.
std::pair<Tensor, Tensor> dense_relu_grad(const Tensor& x, const Tensor& dy, const Tensor& y);

} // namespace xtape::detail
