// The op list drives every surface; here its C++ side: every row is callable through
// op_table::call with values of its kinds, what it records under a tape is registered in the
// gradient registry, and bad values are refused with the op and argument named.
#include "helpers.hpp"
#include "op_samples.hpp"

#include <cmath>
#include <set>

#include "xtape/op_table.hpp"

using namespace xtape;
using namespace xtape::op_table;
using xt_test::error_of;

using xt_test::samples;

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

TEST_CASE("each row names the op type it records, from that type's definition", "[optable]") {
  std::string json = to_json();
  // reduce_sum records Sum (differentiable), argmax records nothing differentiable, zeros nothing
  CHECK(json.find("\"name\":\"reduce_sum\"") <
        json.find("\"type\":\"Sum\",\"differentiable\":true"));
  CHECK(json.find("\"type\":\"ArgMax\",\"differentiable\":false") != std::string::npos);
  std::set<std::string> typed;
  for (const OpDef& def : ops())
    if (def.type) typed.insert(def.name);
  for (const char* name : {"add", "matmul", "relu_layer", "reduce_mean", "gather", "softmax"})
    CHECK(typed.count(name) == 1);
  CHECK(typed.count("zeros") == 0);
}
