// The op list drives every surface; here its C++ side: every row is callable through
// op_table::call with values of its kinds, what it records under a tape is registered in the
// gradient registry, and bad values are refused with the op and argument named.
#include "helpers.hpp"

#include <cmath>
#include <set>

#include "xtape/op_table.hpp"

using namespace xtape;
using namespace xtape::op_table;
using xt_test::error_of;

namespace {

// A valid value for each argument of the row: float [2,3] tensors (int32 [2] indices), and the
// defaults where there are some.
Arg sample(const OpDef& def, const ArgDef& a) {
  Arg v;
  switch (a.kind) {
  case Kind::tensor:
    v.tensor = random::stateless_uniform({2, 3}, 7, 0.1f, 1.f);
    if (def.name == "matmul" && a.name == "b")
      v.tensor = random::stateless_uniform({3, 2}, 8, 0.1f, 1.f);
    if (def.name == "unsorted_segment_sum" || def.name == "gather")
      v.tensor = random::stateless_uniform({2, 3}, 9, 0.1f, 1.f);
    if (def.name == "sparse_softmax_cross_entropy_with_logits")
      v.tensor = random::stateless_uniform({2, 3}, 10, 0.1f, 1.f);
    if (def.name == "convert_image_dtype") v.tensor = zeros({2, 3}, DType::uint8);
    break;
  case Kind::index_tensor:
    v.tensor = constant(std::vector<std::int32_t>{1, 0}, {2});
    break;
  case Kind::number:
    v.number = 0.5;
    break;
  case Kind::integer:
    v.number = a.name == "axis" ? 1 : 3;
    break;
  case Kind::flag:
    v.number = 0;
    break;
  case Kind::shape:
    v.list = std::vector<double>{3, 2};
    if (def.name == "broadcast_to") v.list = std::vector<double>{4, 2, 3};
    break;
  case Kind::perm:
  case Kind::axes:
    break; // None
  case Kind::dtype:
    v.dtype = DType::float32;
    break;
  }
  return v;
}

std::vector<Arg> samples(const OpDef& def) {
  std::vector<Arg> args;
  for (const auto& a : def.args) args.push_back(sample(def, a));
  return args;
}

} // namespace

TEST_CASE("the op table: names are unique and every row is callable from C++", "[optable]") {
  std::set<std::string> names, js, python;
  REQUIRE(ops().size() >= 35);
  for (const OpDef& def : ops()) {
    INFO("op " << def.name);
    CHECK(names.insert(def.name).second);
    REQUIRE(!def.js.empty());
    REQUIRE(!def.python.empty());
    REQUIRE(!def.doc.empty());
    for (const auto& n : def.js) CHECK(js.insert(n).second);
    for (const auto& n : def.python) CHECK(python.insert(n).second);
    Tensor y = call(def, samples(def));
    CHECK(y.size() > 0);
  }
  CHECK(find("reduce_mean").js[0] == "reduceMean");
}

TEST_CASE("every op type an op records under a tape is in the gradient registry",
          "[optable][grad]") {
  std::set<std::string> registered;
  for (const auto& op : gradient_registry()) registered.insert(op.type);
  for (const OpDef& def : ops()) {
    INFO("op " << def.name);
    auto args = samples(def);
    GradientTape tape;
    for (auto& a : args)
      if (a.tensor) tape.watch(*a.tensor);
    // Recording an unregistered op type throws a logic_error naming it.
    CHECK_NOTHROW(call(def, args));
  }
  CHECK(registered.count("MatMul") == 1);
  CHECK(registered.count("ArgMax") == 1);
}

TEST_CASE("op table values are checked, naming the op and the argument", "[optable][errors]") {
  const OpDef& one_hot = find("one_hot");
  auto args = samples(one_hot);
  args[1].number = 2.5;
  CHECK_THAT(error_of([&] { call(one_hot, args); }),
             Catch::Matchers::ContainsSubstring("one_hot: depth must be an integer"));
  args[1].number = 4294967296.0; // 2^32 must not wrap to 0
  CHECK_THAT(error_of([&] { call(one_hot, args); }),
             Catch::Matchers::ContainsSubstring("depth must be an integer in"));
  args[1].number = std::nan("");
  CHECK_THAT(error_of([&] { call(one_hot, args); }), Catch::Matchers::ContainsSubstring("got nan"));
  const OpDef& reshape_def = find("reshape");
  auto r = samples(reshape_def);
  r[1].list = std::vector<double>{1e20};
  CHECK_THAT(error_of([&] { call(reshape_def, r); }),
             Catch::Matchers::ContainsSubstring("reshape: shape [0] must be an integer"));
  r[1].list.reset();
  CHECK_THAT(error_of([&] { call(reshape_def, r); }),
             Catch::Matchers::ContainsSubstring("shape must be a list of integers"));
  CHECK_THAT(error_of([&] { call(reshape_def, {}); }),
             Catch::Matchers::ContainsSubstring("reshape: expected 2 arguments, got 0"));
  CHECK_THAT(error_of([] { find("no_such_op"); }),
             Catch::Matchers::ContainsSubstring("no op named 'no_such_op'"));
}

TEST_CASE("the op table as JSON names every op with its kinds", "[optable]") {
  std::string json = to_json();
  CHECK(json.find("\"name\":\"reduce_mean\"") != std::string::npos);
  CHECK(json.find("{\"name\":\"axis\",\"kind\":\"axes\",\"default\":null}") != std::string::npos);
  CHECK(json.find("\"js\":[\"softplus\",\"nn.softplus\"]") != std::string::npos);
}
