// Test helper: a valid value for each argument of an op-table row (float [2,3] tensors, [3,2] for
// matmul's b and relu_layer's weights, [2] for its biases, int32 [2] indices, shapes the ops
// accept, None for axes and perm), so that tests can call every row and then spoil one argument
// at a time.
#pragma once
#include "xtape/op_table.hpp"
#include "xtape/xtape.hpp"

namespace xt_test {

inline xtape::op_table::Arg sample(const xtape::op_table::OpDef& def,
                                   const xtape::op_table::ArgDef& a) {
  using xtape::op_table::Kind;
  xtape::op_table::Arg v;
  switch (a.kind) {
  case Kind::tensor:
    if (a.name == "condition" || a.name == "mask" || def.name.rfind("logical_", 0) == 0) {
      v.tensor = xtape::constant(std::vector<std::uint8_t>{1, 0, 1, 1, 0, 1}, {2, 3});
      v.tensor = xtape::cast(*v.tensor, xtape::DType::bool_);
      break;
    }
    if (def.name == "conv2d" || def.name == "max_pool2d") { // NHWC [1,4,4,2], filters [2,2,2,3]
      v.tensor = xtape::random::stateless_uniform(
          a.name == "filters" ? xtape::Shape{2, 2, 2, 3} : xtape::Shape{1, 4, 4, 2}, 7, 0.1f, 1.f);
      break;
    }
    if (def.name == "solve" && a.name == "matrix") { // well conditioned
      v.tensor = xtape::constant(std::vector<float>{2.f, 1.f, 1.f, 3.f}, {2, 2});
      break;
    }
    if (def.name == "tensor_scatter_nd_update" && a.name == "indices") {
      v.tensor = xtape::constant(std::vector<std::int32_t>{1, 0}, {2, 1});
      break;
    }
    v.tensor = def.name == "convert_image_dtype" ? xtape::zeros({2, 3}, xtape::DType::uint8)
               : (def.name == "matmul" && a.name == "b") || a.name == "weights"
                   ? xtape::random::stateless_uniform({3, 2}, 8, 0.1f, 1.f)
               : a.name == "biases" ? xtape::random::stateless_uniform({2}, 9, 0.1f, 1.f)
                                    : xtape::random::stateless_uniform({2, 3}, 7, 0.1f, 1.f);
    break;
  case Kind::index_tensor:
    v.tensor = xtape::constant(std::vector<std::int32_t>{1, 0}, {2});
    break;
  case Kind::tensors:
    v.tensors = std::vector<xtape::Tensor>{xtape::random::stateless_uniform({2, 3}, 7, 0.1f, 1.f),
                                           xtape::random::stateless_uniform({2, 3}, 8, 0.1f, 1.f)};
    break;
  case Kind::number:
    v.number = a.name == "limit" || a.name == "stop" ? 3 : 0.5;
    break;
  case Kind::integer:
    v.number = a.name == "axis" ? 1 : 3;
    break;
  case Kind::flag:
    v.number = 0;
    break;
  case Kind::shape:
    v.list = def.name == "broadcast_to" ? std::vector<double>{4, 2, 3} : std::vector<double>{3, 2};
    break;
  case Kind::ints: // strided_slice's begin, end and strides over [2,3]
    v.list = a.name == "ksize" || (a.name == "strides" && def.name != "strided_slice")
                 ? std::vector<double>{2, 2}
             : a.name == "begin" ? std::vector<double>{0, 1}
             : a.name == "end"   ? std::vector<double>{2, 3}
                                 : std::vector<double>{1, 1};
    break;
  case Kind::perm:
  case Kind::axes:
    break;          // None
  case Kind::dtype: // the row's default ("\"int64\""), else float32
    v.dtype = a.value.size() > 2 ? xtape::dtype_from_name(a.value.substr(1, a.value.size() - 2))
                                 : xtape::DType::float32;
    break;
  }
  return v;
}

inline std::vector<xtape::op_table::Arg> samples(const xtape::op_table::OpDef& def) {
  std::vector<xtape::op_table::Arg> args;
  for (const auto& a : def.args) args.push_back(sample(def, a));
  return args;
}

} // namespace xt_test
