// Traced functions: a recorded train step replayed gives the eager step's numbers bit for bit,
// lets go of its intermediates, checks its inputs, and refuses what it cannot repeat.
#include "helpers.hpp"

#include <cstring>

#include "xtape/op_table.hpp"
#include "xtape/trace.hpp"

using namespace xtape;
using Catch::Matchers::ContainsSubstring;
using op_table::Arg;
using xt_test::error_of;

namespace {
Arg tensor_arg(const Tensor& t) {
  Arg a;
  a.tensor = t;
  return a;
}
Arg axes_arg() { return Arg{}; } // None: every axis

// A surface's calls into the core for one step of loss = mean((relu(x @ w + b) - y)^2) with SGD,
// told to `rec` when it is given (as wasm/bindings.cpp does).
Tensor step(trace::Recorder* rec, Variable& w, Variable& b,
            const std::shared_ptr<optimizers::Optimizer>& opt, const Tensor& x, const Tensor& y) {
  auto call = [&](const char* name, std::vector<Arg> args) {
    const op_table::OpDef& d = op_table::find(name);
    Tensor out = op_table::call(d, args);
    if (rec) rec->op(d, args, out);
    return out;
  };
  auto read = [&](const Variable& v) {
    Tensor t = v.value();
    if (rec) rec->read(v, t);
    return t;
  };
  GradientTape tape;
  tape.pause();
  if (rec) rec->tape_create(&tape, false, true);
  tape.resume();
  if (rec) rec->tape_recording(&tape, true);
  Tensor h = call("matmul", {tensor_arg(x), tensor_arg(read(w)), Arg{}, Arg{}});
  h = call("relu", {tensor_arg(call("add", {tensor_arg(h), tensor_arg(read(b))}))});
  Tensor d = call("subtract", {tensor_arg(h), tensor_arg(y)});
  Tensor loss =
      call("reduce_mean", {tensor_arg(call("square", {tensor_arg(d)})), axes_arg(), Arg{}});
  tape.pause();
  if (rec) rec->tape_recording(&tape, false);
  std::vector<std::variant<Variable, Tensor>> src{w, b};
  auto grads = tape.gradient(loss, {w, b});
  if (rec)
    rec->tape_gradient(&tape, trace::Recorder::Gradient::gradient, loss, src, std::nullopt,
                       UnconnectedGradients::none, grads);
  GradsAndVars gv{{grads[0], w}, {grads[1], b}};
  opt->apply_gradients(gv);
  if (rec) rec->apply(opt, gv);
  if (rec) rec->tape_dispose(&tape);
  return loss;
}

bool same_bits(const Tensor& a, const Tensor& b) {
  return a.shape() == b.shape() && a.dtype() == b.dtype() &&
         std::memcmp(a.data<float>(), b.data<float>(), std::size_t(a.size()) * sizeof(float)) == 0;
}

struct Model {
  Variable w{random::stateless_normal({3, 2}, 7), "w"};
  Variable b{constant({0.1f, -0.2f}), "b"};
  std::shared_ptr<optimizers::Optimizer> opt = optimizers::make("SGD", {{"learning_rate", 0.1}});
};
} // namespace

TEST_CASE("trace: a replayed train step is the eager step, bit for bit", "[trace]") {
  Tensor x = random::stateless_normal({4, 3}, 1), y = random::stateless_uniform({4, 2}, 2);
  Model eager, traced;
  // First calls: eager on one model, recorded on the other (recording runs the calls too).
  Tensor l0 = step(nullptr, eager.w, eager.b, eager.opt, x, y);
  trace::Recorder rec({x, y});
  Tensor t0 = step(&rec, traced.w, traced.b, traced.opt, x, y);
  trace::Program p = rec.finish({t0});
  CHECK(p.num_inputs() == 2);
  CHECK(same_bits(l0, t0));
  // Later calls: eager against replay, on new inputs of the same shapes.
  for (std::uint64_t s = 3; s < 8; ++s) {
    Tensor xs = random::stateless_normal({4, 3}, s), ys = random::stateless_uniform({4, 2}, s);
    Tensor le = step(nullptr, eager.w, eager.b, eager.opt, xs, ys);
    std::vector<Tensor> out = p.run({xs, ys});
    REQUIRE(out.size() == 1);
    CHECK(same_bits(le, out[0]));
    CHECK(same_bits(eager.w.value(), traced.w.value()));
    CHECK(same_bits(eager.b.value(), traced.b.value()));
  }
  CHECK(traced.opt->iterations() == 6);
}

TEST_CASE("trace: a replay lets go of its intermediates", "[trace]") {
  Tensor x = random::stateless_normal({64, 3}, 1), y = random::stateless_uniform({64, 2}, 2);
  Model m;
  trace::Recorder rec({x, y});
  Tensor loss = step(&rec, m.w, m.b, m.opt, x, y);
  trace::Program p = rec.finish({loss});
  p.run({x, y}); // optimizer slots and the like exist from here on
  auto before = memory_stats().live_bytes;
  { auto out = p.run({x, y}); }
  CHECK(memory_stats().live_bytes == before);
}

TEST_CASE("trace: inputs of other shapes or dtypes are refused by name", "[trace]") {
  Tensor x = random::stateless_normal({4, 3}, 1), y = random::stateless_uniform({4, 2}, 2);
  Model m;
  trace::Recorder rec({x, y});
  trace::Program p = rec.finish({step(&rec, m.w, m.b, m.opt, x, y)});
  CHECK_THAT(error_of([&] { p.run({x}); }), ContainsSubstring("expected 2 input tensors, got 1"));
  CHECK_THAT(error_of([&] {
               p.run({random::stateless_normal({5, 3}, 1), y});
             }),
             ContainsSubstring("input 0 is float32 [5, 3], it was traced for float32 [4, 3]"));
}

TEST_CASE("trace: tensors made outside are captured by value; a refusal names why", "[trace]") {
  Tensor x = constant({1.f, 2.f}), c = constant({10.f, 20.f});
  trace::Recorder rec({x});
  const auto& add = op_table::find("add");
  std::vector<Arg> args{tensor_arg(x), tensor_arg(c)};
  Tensor z = op_table::call(add, args);
  rec.op(add, args, z);
  CHECK(rec.computed(z));
  CHECK_FALSE(rec.computed(x));
  CHECK_FALSE(rec.computed(c));
  trace::Program p = rec.finish({z});
  xt_test::check_values(p.run({constant({3.f, 4.f})})[0], {13.f, 24.f});

  trace::Recorder bad({x});
  bad.refuse("it reads a value", false);
  bad.refuse("a second reason", true); // the first stands
  CHECK(*bad.refused() == "it reads a value");
  CHECK_FALSE(bad.retry());
  CHECK_THAT(error_of([&] { bad.finish({x}); }),
             ContainsSubstring("traced function: it reads a value"));
}
