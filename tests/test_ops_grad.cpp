// One sweep: every differentiable op type is checked against central finite differences in
// float32, with a random (non-unit) upstream gradient. A test fails if an op type of the gradient
// registry has no row here, or a row names an op type the registry does not know.
#include "helpers.hpp"

#include <cmath>
#include <functional>
#include <optional>
#include <set>

using namespace xtape;

namespace {

struct Row {
  std::string name;
  std::function<std::vector<Tensor>()> inputs; // the float inputs to differentiate
  std::function<Tensor(const std::vector<Tensor>&)> fn;
};

Tensor u(const Shape& s, std::uint64_t seed, float lo = -1.f, float hi = 1.f) {
  return random::stateless_uniform(s, seed, lo, hi);
}
// Values with |x| in [0.2, 1]: away from the kinks of relu and reduce_max ties.
Tensor away_from_zero(const Shape& s, std::uint64_t seed) {
  auto v = u(s, seed).to_vector<float>();
  for (auto& x : v) x = (x < 0 ? -0.2f : 0.2f) + 0.8f * x;
  return constant(v, s);
}

// Distinct values, so that reduce_max has no ties to split.
Tensor distinct_values(const Shape& s) {
  auto order = random::Generator(5).permutation(num_elements(s)).to_vector<std::int32_t>();
  std::vector<float> v;
  for (auto i : order) v.push_back(0.25f * float(i) - 1.f);
  return constant(v, s);
}

std::vector<Row> op_table() {
  auto unary = [](std::string name, std::function<Tensor(const Tensor&)> f, float lo = -1,
                  float hi = 1) {
    return Row{name,
               [=] {
                 return std::vector<Tensor>{u({2, 3}, 1, lo, hi)};
               },
               [=](const std::vector<Tensor>& x) { return f(x[0]); }};
  };
  std::vector<Row> rows = {
      {"AddV2",
       [] {
         return std::vector<Tensor>{u({3, 1}, 1), u({1, 4}, 2)};
       },
       [](auto& x) { return add(x[0], x[1]); }},
      {"Sub",
       [] {
         return std::vector<Tensor>{u({2, 3}, 3), u({3}, 4)};
       },
       [](auto& x) { return subtract(x[0], x[1]); }},
      {"Mul",
       [] {
         return std::vector<Tensor>{u({2, 3}, 5), u({2, 1}, 6)};
       },
       [](auto& x) { return multiply(x[0], x[1]); }},
      {"RealDiv",
       [] {
         return std::vector<Tensor>{u({2, 3}, 7), u({3}, 8, 0.5f, 2.f)};
       },
       [](auto& x) { return divide(x[0], x[1]); }},
      unary("Neg", [](auto& x) { return negative(x); }),
      {"Relu",
       [] {
         return std::vector<Tensor>{away_from_zero({2, 3}, 9)};
       },
       [](auto& x) { return relu(x[0]); }},
      unary(
          "Sigmoid", [](auto& x) { return sigmoid(x); }, -3, 3),
      unary("Tanh", [](auto& x) { return xtape::tanh(x); }),
      unary("Exp", [](auto& x) { return xtape::exp(x); }),
      unary(
          "Log", [](auto& x) { return xtape::log(x); }, 0.5, 2),
      unary("Square", [](auto& x) { return square(x); }),
      unary(
          "Sqrt", [](auto& x) { return xtape::sqrt(x); }, 0.5, 2),
      unary(
          "Softplus", [](auto& x) { return softplus(x); }, -3, 3),
      {"MatMul",
       [] {
         return std::vector<Tensor>{u({3, 4}, 10), u({4, 5}, 11)};
       },
       [](auto& x) { return matmul(x[0], x[1]); }},
      {"MatMul^T_a",
       [] {
         return std::vector<Tensor>{u({4, 3}, 12), u({4, 5}, 13)};
       },
       [](auto& x) { return matmul(x[0], x[1], true, false); }},
      {"MatMul^T_b",
       [] {
         return std::vector<Tensor>{u({3, 4}, 14), u({5, 4}, 15)};
       },
       [](auto& x) { return matmul(x[0], x[1], false, true); }},
      {"MatMul^T_ab",
       [] {
         return std::vector<Tensor>{u({4, 3}, 16), u({5, 4}, 17)};
       },
       [](auto& x) { return matmul(x[0], x[1], true, true); }},
      {"MatMul(batch)",
       [] {
         return std::vector<Tensor>{u({2, 1, 3, 4}, 96), u({3, 5, 4}, 97)};
       },
       [](auto& x) { return matmul(x[0], x[1], false, true); }},
      {"ReluLayer", // x, weights, biases: the rule through recorded ops (x takes a gradient)
       [] {
         return std::vector<Tensor>{u({3, 4}, 30), u({4, 5}, 31), u({5}, 32)};
       },
       [](auto& x) { return relu_layer(x[0], x[1], x[2]); }},
      {"Sum",
       [] {
         return std::vector<Tensor>{u({2, 3, 4}, 18)};
       },
       [](auto& x) {
         return reduce_sum(x[0], {0, 2});
       }},
      {"Sum(numpy_sum)",
       [] {
         return std::vector<Tensor>{u({2, 3, 4}, 95)};
       },
       [](auto& x) {
         return numpy_sum(x[0], {0, 2});
       }},
      {"Sum(all)",
       [] {
         return std::vector<Tensor>{u({2, 3}, 19)};
       },
       [](auto& x) { return reduce_sum(x[0]); }},
      {"Mean",
       [] {
         return std::vector<Tensor>{u({2, 3, 4}, 20)};
       },
       [](auto& x) { return reduce_mean(x[0], {1}, true); }},
      {"Max",
       [] {
         return std::vector<Tensor>{distinct_values({3, 4})};
       },
       [](auto& x) { return reduce_max(x[0], {-1}); }},
      {"Reshape",
       [] {
         return std::vector<Tensor>{u({2, 3}, 21)};
       },
       [](auto& x) {
         return reshape(x[0], {3, -1});
       }},
      {"Transpose",
       [] {
         return std::vector<Tensor>{u({2, 3, 4}, 22)};
       },
       [](auto& x) {
         return transpose(x[0], {2, 0, 1});
       }},
      {"BroadcastTo",
       [] {
         return std::vector<Tensor>{u({3, 1}, 23)};
       },
       [](auto& x) {
         return broadcast_to(x[0], {2, 3, 4});
       }},
      {"Softmax",
       [] {
         return std::vector<Tensor>{u({2, 5}, 24, -2, 2)};
       },
       [](auto& x) { return softmax(x[0]); }},
      {"LogSoftmax",
       [] {
         return std::vector<Tensor>{u({2, 5}, 25, -2, 2)};
       },
       [](auto& x) { return log_softmax(x[0]); }},
      {"SoftmaxCrossEntropyWithLogits",
       [] {
         return std::vector<Tensor>{u({3, 4}, 26, 0, 1), u({3, 4}, 27, -2, 2)};
       },
       [](auto& x) { return softmax_cross_entropy_with_logits(x[0], x[1]); }},
      {"SparseSoftmaxCrossEntropyWithLogits",
       [] {
         return std::vector<Tensor>{u({3, 4}, 28)};
       },
       [](auto& x) {
         return sparse_softmax_cross_entropy_with_logits(
             constant(std::vector<std::int32_t>{3, 0, 2}, {3}), x[0]);
       }},
      {"GatherV2",
       [] {
         return std::vector<Tensor>{u({4, 3}, 31)};
       },
       [](auto& x) {
         return gather(x[0], constant(std::vector<std::int32_t>{3, 0, 3}, {3}));
       }},
      {"UnsortedSegmentSum",
       [] {
         return std::vector<Tensor>{u({3, 2}, 32)};
       },
       [](auto& x) {
         return unsorted_segment_sum(x[0], constant(std::vector<std::int32_t>{1, 1, 3}, {3}), 4);
       }},
      unary(
          "Sin", [](auto& x) { return xtape::sin(x); }, -3, 3),
      unary(
          "Cos", [](auto& x) { return xtape::cos(x); }, -3, 3),
      unary("Sinh", [](auto& x) { return xtape::sinh(x); }),
      unary("Cosh", [](auto& x) { return xtape::cosh(x); }),
      unary("Tan", [](auto& x) { return xtape::tan(x); }),
      unary(
          "Log1p", [](auto& x) { return xtape::log1p(x); }, -0.5, 1),
      unary("Expm1", [](auto& x) { return xtape::expm1(x); }),
      unary(
          "Asin", [](auto& x) { return xtape::asin(x); }, -0.8, 0.8),
      unary(
          "Acos", [](auto& x) { return xtape::acos(x); }, -0.8, 0.8),
      unary(
          "Atan", [](auto& x) { return xtape::atan(x); }, -3, 3),
      {"Reciprocal",
       [] {
         return std::vector<Tensor>{away_from_zero({2, 3}, 49)};
       },
       [](auto& x) { return reciprocal(x[0]); }},
      {"SelectV2", // condition [2,1] and y [3] broadcast to [2,3]
       [] {
         return std::vector<Tensor>{u({2, 3}, 50), u({3}, 51)};
       },
       [](auto& x) {
         Tensor c = cast(constant(std::vector<std::uint8_t>{1, 0}, {2, 1}), DType::bool_);
         return where(c, x[0], x[1]);
       }},
      {"TensorScatterUpdate", // rows 2 and 0 of [3,2] replaced
       [] {
         return std::vector<Tensor>{u({3, 2}, 53), u({2, 2}, 54)};
       },
       [](auto& x) {
         Tensor idx = constant(std::vector<std::int32_t>{2, 0}, {2, 1});
         return tensor_scatter_nd_update(x[0], idx, x[1]);
       }},
      {"Conv2D", // SAME padding, stride 2 in height: the padded edge and the stride both count
       [] {
         return std::vector<Tensor>{u({2, 5, 4, 3}, 55), u({3, 2, 3, 2}, 56)};
       },
       [](auto& x) {
         return conv2d(x[0], x[1], {2, 1}, true);
       }},
      {"MaxPool", // distinct values: no ties
       [] {
         auto v = distinct_values({1, 5, 4, 2}).to_vector<float>();
         return std::vector<Tensor>{constant(v, {1, 5, 4, 2})};
       },
       [](auto& x) {
         return max_pool2d(x[0], {2, 2}, {2, 1}, true);
       }},
      {"MatrixSolve", // A = 3I + noise: well conditioned
       [] {
         return std::vector<Tensor>{add(u({3, 3}, 57), multiply(eye(3), constant(3.f))),
                                    u({3, 2}, 58)};
       },
       [](auto& x) { return solve(x[0], x[1]); }},
      {"Cumsum", // exclusive and reversed along axis 1
       [] {
         return std::vector<Tensor>{u({2, 4}, 52)};
       },
       [](auto& x) { return multiply(cumsum(x[0], 1), cumsum(x[0], -1, true, true)); }},
      {"Abs",
       [] {
         return std::vector<Tensor>{away_from_zero({2, 3}, 40)};
       },
       [](auto& x) { return xtape::abs(x[0]); }},
      {"Maximum", // distinct values, no ties; broadcast [2,3] with [3]
       [] {
         return std::vector<Tensor>{distinct_values({2, 3}),
                                    constant(std::vector<float>{-0.6f, 0.15f, 0.4f}, {3})};
       },
       [](auto& x) { return maximum(x[0], x[1]); }},
      {"Minimum",
       [] {
         return std::vector<Tensor>{distinct_values({2, 3}),
                                    constant(std::vector<float>{-0.6f, 0.15f, 0.4f}, {3})};
       },
       [](auto& x) { return minimum(x[0], x[1]); }},
      {"Pow",
       [] {
         return std::vector<Tensor>{u({2, 3}, 41, 0.5f, 2.f), u({2, 3}, 42, -1.5f, 2.f)};
       },
       [](auto& x) { return xtape::pow(x[0], x[1]); }},
      {"Min",
       [] {
         return std::vector<Tensor>{distinct_values({3, 4})};
       },
       [](auto& x) { return reduce_min(x[0], {1}); }},
      {"Prod", // a zero inside: the rule must not divide by it
       [] {
         return std::vector<Tensor>{
             constant(std::vector<float>{0.5f, -1.2f, 0.f, 0.9f, 1.1f, -0.7f}, {2, 3})};
       },
       [](auto& x) { return reduce_prod(x[0], {1}); }},
      {"StridedSlice",
       [] {
         return std::vector<Tensor>{u({4, 5}, 43)};
       },
       [](auto& x) {
         return strided_slice(x[0], {3, 1}, {-1, 5}, {-2, 2});
       }},
      {"ConcatV2",
       [] {
         return std::vector<Tensor>{u({2, 3}, 44), u({2, 1}, 45)};
       },
       [](auto& x) {
         return concat({x[0], x[1], x[0]}, 1);
       }},
      // float32 -> float64 -> float32: both casts carry the gradient (TF: casts between floats).
      {"Cast",
       [] {
         return std::vector<Tensor>{u({2, 3}, 48)};
       },
       [](auto& x) { return cast(square(cast(x[0], DType::float64)), DType::float32); }},
      // custom_gradient: y = x0 * x1 computed untaped, with its gradient given by hand (dy * x1,
      // dy * x0) as tf.custom_gradient's grad_fn would; the finite differences check the pair
      {"CustomGradient",
       [] {
         return std::vector<Tensor>{u({2, 3}, 60), u({2, 3}, 61)};
       },
       [](auto& x) {
         Tensor a = x[0], b = x[1];
         Tensor y = multiply(stop_gradient(a), stop_gradient(b)); // no tape sees how
         return custom_gradient({a, b}, y, [a, b](const Tensor& dy) {
           return std::vector<std::optional<Tensor>>{multiply(dy, b), multiply(dy, a)};
         });
       }},
      // StridedSliceGrad appears in strided_slice's backward: differentiate a first gradient
      // with respect to its upstream (a nested tape), as ReluGrad below.
      {"StridedSliceGrad",
       [] {
         return std::vector<Tensor>{u({2, 2}, 46)};
       },
       [](auto& x) {
         Tensor p = u({4, 3}, 47);
         GradientTape inner;
         inner.watch(p);
         Tensor y = multiply(strided_slice(p, {0, 0}, {4, 3}, {2, 2}), x[0]);
         return *inner.gradient(reduce_sum(y), p);
       }},
      // ReluGrad appears in relu's backward: differentiate a first gradient with respect to its
      // upstream v (a nested tape), away from relu's kink.
      {"ReluGrad",
       [] {
         return std::vector<Tensor>{u({2, 3}, 29)};
       },
       [](auto& x) {
         Tensor p = away_from_zero({2, 3}, 30);
         GradientTape inner;
         inner.watch(p);
         Tensor y = multiply(relu(p), x[0]);
         return *inner.gradient(y, p);
       }},
  };
  return rows;
}

// sum(f(x) * dy) in double
double weighted_sum(const Tensor& y, const Tensor& dy) {
  auto a = cast(y, DType::float64).to_vector<double>();
  auto b = cast(dy, DType::float64).to_vector<double>();
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

} // namespace

TEST_CASE("every op's gradient matches central finite differences", "[grad]") {
  for (const Row& row : op_table()) {
    SECTION(row.name) {
      std::vector<Tensor> x = row.inputs();
      GradientTape tape;
      for (auto& t : x) tape.watch(t);
      Tensor y = row.fn(x);
      Tensor dy =
          random::stateless_uniform(y.shape(), 99, 0.5f, 1.5f); // non-unit upstream gradient
      std::vector<Source> sources(x.begin(), x.end());
      auto grads = tape.gradient(y, sources, dy);
      for (std::size_t k = 0; k < x.size(); ++k) {
        INFO("input " << k << " of " << row.name);
        REQUIRE(grads[k].has_value());
        REQUIRE(grads[k]->shape() == x[k].shape());
        auto g = grads[k]->to_vector<float>();
        auto base = x[k].to_vector<float>();
        for (std::size_t j = 0; j < base.size(); ++j) {
          float eps = 1e-3f * std::max(1.f, std::fabs(base[j]));
          auto at = [&](float delta) {
            auto v = base;
            v[j] += delta;
            std::vector<Tensor> xs = x;
            xs[k] = constant(v, x[k].shape());
            return weighted_sum(row.fn(xs), dy);
          };
          double numeric = (at(eps) - at(-eps)) / (2.0 * eps);
          INFO("element " << j << " numeric " << numeric << " analytic " << g[j]);
          CHECK(std::fabs(g[j] - numeric) <= 5e-3 + 1e-2 * std::fabs(numeric));
        }
      }
    }
  }
}

// The same rows with float64 inputs: the rules run in float64 (every gradient is float64) and
// match central differences to 1e-6. The rows that cannot run in float64 are listed.
TEST_CASE("in float64 every gradient matches central differences to 1e-6", "[grad][dtype]") {
  std::set<std::string> float32_only;
  for (const Row& row : op_table()) {
    INFO("row " << row.name);
    std::vector<Tensor> x;
    for (const Tensor& t : row.inputs()) x.push_back(cast(t, DType::float64));
    GradientTape tape;
    for (auto& t : x) tape.watch(t);
    std::optional<Tensor> y;
    try {
      y = row.fn(x);
    } catch (const InvalidArgumentError&) {
      float32_only.insert(row.name);
      continue;
    }
    if (y->dtype() != DType::float64) { // a row that makes its own float32 tensors
      float32_only.insert(row.name);
      continue;
    }
    Tensor dy = cast(random::stateless_uniform(y->shape(), 99, 0.5f, 1.5f), DType::float64);
    auto grads = tape.gradient(*y, std::vector<Source>(x.begin(), x.end()), dy);
    for (std::size_t k = 0; k < x.size(); ++k) {
      REQUIRE(grads[k].has_value());
      REQUIRE(grads[k]->dtype() == DType::float64);
      auto g = grads[k]->to_vector<double>();
      auto base = x[k].to_vector<double>();
      for (std::size_t j = 0; j < base.size(); ++j) {
        const double eps = 1e-6 * std::max(1.0, std::fabs(base[j]));
        auto at = [&](double delta) {
          auto v = base;
          v[j] += delta;
          std::vector<Tensor> xs = x;
          xs[k] = constant(v, x[k].shape());
          return weighted_sum(row.fn(xs), dy);
        };
        const double numeric = (at(eps) - at(-eps)) / (2 * eps);
        INFO("input " << k << " element " << j << " numeric " << numeric << " analytic " << g[j]);
        CHECK(std::fabs(g[j] - numeric) <= 1e-6 + 1e-6 * std::fabs(numeric));
      }
    }
  }
  // The fused dense layer is a float32 kernel; the Cast, ReluGrad and StridedSliceGrad rows
  // build float32 tensors of their own (ReluGrad's float64 form is run by Relu's row,
  // StridedSliceGrad's by StridedSlice's).
  CHECK(float32_only == std::set<std::string>{"Cast", "ReluGrad", "ReluLayer", "StridedSliceGrad"});
}

TEST_CASE("every differentiable op type of the registry has a row, and only those", "[grad]") {
  std::set<std::string> covered;
  for (const Row& row : op_table())
    covered.insert(row.name.substr(0, row.name.find_first_of("(^")));
  std::set<std::string> differentiable;
  for (const auto& op : gradient_registry()) {
    if (!op.differentiable) continue;
    differentiable.insert(op.type);
    if (op.type == "ReadVariableOp") continue; // identity, checked by the tape tests
    INFO("op type " << op.type << " has a gradient but no row in the gradient table");
    CHECK(covered.count(op.type) == 1);
  }
  CHECK(differentiable.size() >= 25); // the registry is filled
  for (const auto& name : covered) {
    INFO("row " << name << " names no differentiable op type of the registry");
    CHECK(differentiable.count(name) == 1);
  }
}
